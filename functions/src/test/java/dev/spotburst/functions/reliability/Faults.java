package dev.spotburst.functions.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * The armed faults of one world and a log of those that fired. Calls from the control plane are sequential in these
 * tests (ParallelCalls with one thread), so which call a fault hits is deterministic and shrinking works.
 */
final class Faults {

    /** What an injected crash throws; never confused with an AWS error code by the code under test. */
    static final class InjectedCrash extends RuntimeException {
        InjectedCrash(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Armed> armed = new ArrayList<>();
    private final List<String> fired = new ArrayList<>();
    private boolean enabled = true;

    private static final class Armed {
        final Fault fault;
        int remaining;

        Armed(Fault fault) {
            this.fault = fault;
            this.remaining = fault.skip();
        }
    }

    synchronized void arm(Fault f) {
        armed.add(new Armed(f));
    }

    /** Quiescence: nothing fires any more, and what was armed is dropped. */
    synchronized void disarmAll() {
        armed.clear();
        enabled = false;
    }

    synchronized List<String> fired() {
        return List.copyOf(fired);
    }

    synchronized int armedCount() {
        return armed.size();
    }

    /** Throws if a fault for this call and phase is due; counts the call towards faults of the same operation. */
    void check(Fault.Target target, String operation, Fault.Phase phase) {
        String hit = null;
        synchronized (this) {
            if (!enabled) {
                return;
            }
            for (var it = armed.iterator(); it.hasNext(); ) {
                var a = it.next();
                if (a.fault.target() != target || !a.fault.operation().equals(operation) || a.fault.phase() != phase) {
                    continue;
                }
                if (a.remaining > 0) {
                    a.remaining--;
                    continue;
                }
                it.remove();
                hit = a.fault.toString();
                fired.add(hit);
                break;
            }
        }
        if (hit != null) {
            throw new InjectedCrash("injected: " + hit);
        }
    }
}
