package dev.spotburst.localslurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Slurm compute "instances" on this machine. Each is a network namespace {@code sb-<node>} whose only link is a veth
 * into the bridge {@code br-sb} (no default route), running {@code slurmd -b -N <node>} with its own UTS name, inside
 * a freezer group so that hibernation can be simulated by freezing every process of the instance.
 *
 * <p>{@link #onInstanceState} is the adapter for the EC2 emulator's state-change events.
 */
public final class SimulatedInstances implements AutoCloseable {

    public enum Status { RUNNING, HIBERNATED }

    private record Instance(String node, String ip, Process slurmd, Status status) {
        Instance with(Status s) {
            return new Instance(node, ip, slurmd, s);
        }
    }

    private final Path slurmConf;
    private final Path scratch;
    private final Timeline timeline;
    private final CommandRunner cmd;
    private final Freezer freezer;
    private final Map<String, Instance> instances = new LinkedHashMap<>();

    public SimulatedInstances(Path slurmConf, Path scratch, Timeline timeline) {
        E2eNetwork.verifyIsolated(); // the bridge side of every veth is created in this JVM's own namespace
        this.slurmConf = slurmConf;
        this.scratch = scratch;
        this.timeline = timeline;
        this.cmd = new CommandRunner(Map.of("SLURM_CONF", slurmConf.toString()), Duration.ofSeconds(20));
        this.freezer = Freezer.detect(cmd);
    }

    /** Starts an instance of {@code node} at {@code ip}; booting a hibernated one resumes it, a running one is a no-op. */
    public synchronized void boot(String node, String ip) {
        if (ip == null || !ip.startsWith(E2eNetwork.SUBNET_PREFIX) || ip.equals(E2eNetwork.CONTROLLER_IP)) {
            throw new IllegalArgumentException("instance address of " + node + " must be in " + E2eNetwork.SUBNET_PREFIX
                    + "0/" + E2eNetwork.PREFIX_LENGTH + " (not the controller's), got " + ip);
        }
        var existing = instances.get(node);
        if (existing != null) {
            if (existing.status() == Status.HIBERNATED) {
                resume(node);
            }
            return;
        }
        String ns = namespace(node);
        if (Files.exists(Path.of("/run/netns", ns))) {
            destroy(node); // a leftover with no live record: start clean
        }
        String veth = vethName(ip);
        cmd.run("ip", "netns", "add", ns).orThrow();
        cmd.run("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns).orThrow();
        cmd.run("ip", "link", "set", veth, "master", E2eNetwork.BRIDGE, "up").orThrow();
        cmd.run("ip", "-n", ns, "addr", "add", ip + "/" + E2eNetwork.PREFIX_LENGTH, "dev", "eth0").orThrow();
        cmd.run("ip", "-n", ns, "link", "set", "eth0", "up").orThrow();
        cmd.run("ip", "-n", ns, "link", "set", "lo", "up").orThrow();
        if (!cmd.run("ip", "-n", ns, "route", "show", "default").orThrow().stdout().isBlank()) {
            throw new IllegalStateException("namespace " + ns + " has a default route; refusing to start slurmd");
        }
        freezer.create(node);
        instances.put(node, new Instance(node, ip, startSlurmd(node, ns), Status.RUNNING));
        timeline.mark("instance " + node + " booted at " + ip);
    }

    /** Freezes every process of the instance; namespace and address stay, as for a hibernated EC2 instance. */
    public synchronized void hibernate(String node) {
        var i = require(node);
        if (i.status() == Status.HIBERNATED) {
            return;
        }
        freezer.freeze(node, pids(node));
        instances.put(node, i.with(Status.HIBERNATED));
        timeline.mark("instance " + node + " hibernated (processes frozen)");
    }

    /** Thaws a hibernated instance. */
    public synchronized void resume(String node) {
        var i = require(node);
        if (i.status() == Status.RUNNING) {
            return;
        }
        freezer.thaw(node, pids(node));
        instances.put(node, i.with(Status.RUNNING));
        timeline.mark("instance " + node + " resumed (processes thawed)");
    }

    /** Kills every process of the instance and deletes its namespace (and with it the veth). Idempotent. */
    public synchronized void terminate(String node) {
        boolean known = instances.remove(node) != null;
        destroy(node);
        if (known) {
            timeline.mark("instance " + node + " terminated");
        }
    }

    /**
     * Adapter for EC2 instance state-change events: {@code running} boots (or resumes a hibernated instance),
     * {@code stopping}/{@code stopped} hibernates (spotburst stops instances only by hibernating them),
     * {@code shutting-down}/{@code terminated} terminates; {@code pending} needs nothing yet.
     */
    public void onInstanceState(String instanceId, String nodeName, String privateIp, String state) {
        timeline.mark("ec2 " + instanceId + " (" + nodeName + ", " + privateIp + ") -> " + state);
        switch (Ec2InstanceState.fromWire(state)) {
            case PENDING -> { }
            case RUNNING -> boot(nodeName, privateIp);
            case STOPPING, STOPPED -> {
                if (isKnown(nodeName)) {
                    hibernate(nodeName);
                }
            }
            case SHUTTING_DOWN, TERMINATED -> terminate(nodeName);
        }
    }

    public synchronized boolean isKnown(String node) {
        return instances.containsKey(node);
    }

    public synchronized Status status(String node) {
        return require(node).status();
    }

    public synchronized Set<String> nodes() {
        return Set.copyOf(instances.keySet());
    }

    @Override
    public synchronized void close() {
        for (var node : new ArrayList<>(instances.keySet())) {
            terminate(node);
        }
        if (freezer instanceof CgroupV1Freezer v1) {
            v1.removeRoot();
        }
    }

    /**
     * Removes what a crashed earlier run left: every {@code sb-*} namespace with its processes, and the freezer
     * groups under {@code spotburst-e2e}.
     */
    public static void cleanupStale(CommandRunner cmd) {
        var freezer = Freezer.detect(cmd);
        var nodes = new LinkedHashSet<String>();
        for (var line : cmd.run("ip", "netns", "list").stdout().lines().toList()) {
            var name = line.split("\\s+")[0];
            if (name.startsWith(E2eNetwork.INSTANCE_NAMESPACE_PREFIX)) {
                nodes.add(name.substring(E2eNetwork.INSTANCE_NAMESPACE_PREFIX.length()));
            }
        }
        if (freezer instanceof CgroupV1Freezer v1 && Files.isDirectory(v1.root())) {
            try (var groups = Files.list(v1.root())) {
                groups.filter(Files::isDirectory).forEach(g -> nodes.add(g.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + v1.root(), e);
            }
        }
        for (var node : nodes) {
            System.out.println("[e2e] removing leftover instance " + node + " of an earlier run");
            kill(cmd, freezer, node);
            cmd.run("ip", "netns", "del", namespace(node));
            freezer.remove(node);
        }
        if (freezer instanceof CgroupV1Freezer v1) {
            v1.removeRoot();
        }
    }

    private void destroy(String node) {
        kill(cmd, freezer, node);
        cmd.run("ip", "netns", "del", namespace(node)); // fails harmlessly when it is already gone
        freezer.remove(node);
    }

    // Frozen tasks cannot act on SIGTERM (or even die of SIGKILL) until thawed, so thaw first.
    private static void kill(CommandRunner cmd, Freezer freezer, String node) {
        for (int round = 0; round < 3; round++) {
            var pids = pids(cmd, freezer, node);
            if (pids.isEmpty()) {
                return;
            }
            freezer.thaw(node, pids);
            ProcessStopper.stopAll(ProcessStopper.handles(pids), Duration.ofSeconds(round == 0 ? 5 : 1));
        }
    }

    private List<Long> pids(String node) {
        return pids(cmd, freezer, node);
    }

    private static List<Long> pids(CommandRunner cmd, Freezer freezer, String node) {
        var pids = new LinkedHashSet<Long>(freezer.members(node));
        var r = cmd.run("ip", "netns", "pids", namespace(node));
        if (r.ok()) {
            r.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> pids.add(Long.parseLong(l.strip())));
        }
        pids.remove(ProcessHandle.current().pid());
        return List.copyOf(pids);
    }

    private Process startSlurmd(String node, String ns) {
        var inner = "hostname " + node + " && exec slurmd -D -b -f '" + slurmConf + "' -N " + node;
        var outer = freezer.enrollShell(node) + " && exec nsenter --net=/run/netns/" + ns
                + " unshare --uts /bin/sh -c \"" + inner + "\"";
        var pb = new ProcessBuilder("/bin/sh", "-c", outer);
        pb.environment().put("SLURM_CONF", slurmConf.toString());
        pb.redirectErrorStream(true).redirectOutput(scratch.resolve("log/slurmd." + node + ".out").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Files.createDirectories(scratch.resolve("spool/slurmd." + node));
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start slurmd for " + node, e);
        }
    }

    private Instance require(String node) {
        var i = instances.get(node);
        if (i == null) {
            throw new IllegalArgumentException("no simulated instance for node '" + node + "' (booted: "
                    + instances.keySet() + ")");
        }
        return i;
    }

    static String namespace(String node) {
        return E2eNetwork.INSTANCE_NAMESPACE_PREFIX + node;
    }

    // Interface names are limited to 15 characters, node names are not: name the bridge side by address.
    static String vethName(String ip) {
        return "vsb" + ip.substring(ip.lastIndexOf('.') + 1);
    }
}
