package dev.spotburst.functions.reliability;

import dev.spotburst.functions.state.StateStore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Wraps a {@link StateStore} so a chosen method fails before or after the real store applied it (a conditional
 * write that succeeded in DynamoDB while the caller saw a timeout). A dynamic proxy, so every method of the port —
 * including ones other helpers add later — is forwarded without this class changing.
 */
final class FaultyStore {
    private FaultyStore() {
    }

    static StateStore wrap(StateStore delegate, Faults faults) {
        return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[]{StateStore.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "toString" -> "FaultyStore(" + delegate + ")";
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> method.invoke(delegate, args);
                        };
                    }
                    faults.check(Fault.Target.STORE, method.getName(), Fault.Phase.BEFORE);
                    Object result;
                    try {
                        result = method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    faults.check(Fault.Target.STORE, method.getName(), Fault.Phase.AFTER);
                    return result;
                });
    }
}
