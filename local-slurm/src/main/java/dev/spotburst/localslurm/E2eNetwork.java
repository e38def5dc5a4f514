package dev.spotburst.localslurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The isolated network the whole simulated cluster lives in. The test JVM is started inside the namespace
 * {@value #NAMESPACE} by {@code src/test/scripts/netns-java}; it holds only {@code lo} and the bridge {@value #BRIDGE}
 * ({@value #CONTROLLER_IP}/24) and has no default route, so nothing the tests run can reach another machine.
 * Simulated instances are namespaces {@code sb-<node>} with one veth into the bridge, also without a default route.
 */
public final class E2eNetwork {

    public static final String NAMESPACE = "spotburst-e2e";
    public static final String BRIDGE = "br-sb";
    public static final String CONTROLLER_IP = "10.253.0.1";
    public static final String SUBNET_PREFIX = "10.253.0.";
    public static final int PREFIX_LENGTH = 24;
    public static final String INSTANCE_NAMESPACE_PREFIX = "sb-";

    private static final AtomicBoolean UNMOUNT_HOOK = new AtomicBoolean();

    private E2eNetwork() {
    }

    /**
     * Refuses to go on unless this JVM runs inside {@value #NAMESPACE} and that namespace has no default route.
     * Called before anything is started; the harness never runs Slurm clients outside the namespace (P9).
     */
    public static void verifyIsolated() {
        var nsFile = Path.of("/run/netns", NAMESPACE);
        if (!Files.exists(nsFile)) {
            throw new IllegalStateException("network namespace " + NAMESPACE + " does not exist: run the e2e tests through "
                    + "Maven profile e2e (failsafe starts the JVM with src/test/scripts/netns-java)");
        }
        long own = ownNetnsInode();
        long expected = inode(nsFile);
        if (own != expected) {
            throw new IllegalStateException("this JVM runs in network namespace inode " + own + ", not in " + NAMESPACE
                    + " (inode " + expected + "): refusing to start Slurm outside the isolated namespace");
        }
        var ip = new CommandRunner(Map.of(), Duration.ofSeconds(10));
        for (var family : new String[] {"-4", "-6"}) {
            var routes = ip.run("ip", family, "-n", NAMESPACE, "route", "show", "default").orThrow().stdout().strip();
            if (!routes.isEmpty()) {
                throw new IllegalStateException("namespace " + NAMESPACE + " has a default route (" + routes
                        + "): refusing to start, packets could leave the machine");
            }
        }
    }

    /**
     * Unmounts {@code /run/netns/spotburst-e2e} when this JVM exits, so the namespace and its bridge vanish with the
     * last process in it. The mount is kept while the JVM lives: later clusters in the same JVM verify against it.
     */
    public static void removeNamespaceAtExit() {
        if (UNMOUNT_HOOK.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> new CommandRunner(Map.of(), Duration.ofSeconds(10))
                    .run("ip", "netns", "del", NAMESPACE), "e2e-netns-unmount"));
        }
    }

    /** Address of the i-th planned instance: 10.253.0.10, .11, … (.1 is the controller). */
    public static String instanceIp(int index) {
        if (index < 0 || index > 240) {
            throw new IllegalArgumentException("instance index must be in 0..240, got " + index);
        }
        return SUBNET_PREFIX + (10 + index);
    }

    static long ownNetnsInode() {
        try {
            // The link reads "net:[4026532289]"; the number is the namespace's inode.
            var link = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/ns/net", e);
        }
    }

    private static long inode(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot stat " + p, e);
        }
    }
}
