package dev.spotburst.localslurm.stack;

import dev.spotburst.localruntime.LocalResources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * spotburst's head-node side for the e2e cluster, under one folder: the real shim launcher
 * ({@code slurm-shims/src/main/resources/bin/spotburst-shim}) linked under the hook names, the settings file
 * pointing at the local queues, and one wrapper per hook that slurmctld runs as Resume/Suspend/ResumeFailProgram.
 *
 * <p>Why wrappers: slurmctld (22.05: forked from slurmctld itself; 23.02+: from slurmscriptd) gives the hooks no
 * environment one can rely on, while the launcher needs the JDK, the shaded jar, the settings and (locally) the SQS
 * endpoint and dummy credentials. Each wrapper exports exactly those, logs the call with a timestamp to
 * {@code hooks.log} (the e2e timeline reads it), and execs the launcher through its hook-name link. If
 * {@code resume.disabled} exists the resume wrapper logs and drops the call: a resume request that never reaches
 * the control plane (scenario "stuck node").
 */
public final class HeadNode {

    static final List<String> HOOKS = List.of("spotburst-resume", "spotburst-suspend", "spotburst-resume-fail");

    private final Path dir;
    private final Path launcher;
    private final Path shimJar;
    private final Map<String, String> env;

    private HeadNode(Path dir, Path launcher, Path shimJar, Map<String, String> env) {
        this.dir = dir;
        this.launcher = launcher;
        this.shimJar = shimJar;
        this.env = env;
    }

    /** Writes the links and wrappers; the settings file follows once slurm.conf's path is known. */
    static HeadNode install(Path dir, Path launcher, Path shimJar, String region, String sqsEndpoint) {
        if (!Files.isRegularFile(shimJar)) {
            throw new IllegalStateException("shim jar " + shimJar + " does not exist: build slurm-shims first "
                    + "(./mvnw -B -q install -pl slurm-shims -DskipTests, or run the e2e profile from the root)");
        }
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException("shim launcher " + launcher + " does not exist");
        }
        // A private copy: the build may replace slurm-shims/target/spotburst-shims.jar while the suite runs.
        try {
            Files.createDirectories(dir.resolve("lib"));
            shimJar = Files.copy(shimJar, dir.resolve("lib/spotburst-shims.jar"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + shimJar, e);
        }
        var env = new LinkedHashMap<String, String>();
        env.put("SPOTBURST_SETTINGS", dir.resolve("head-node.json").toString());
        env.put("SPOTBURST_SHIM_JAR", shimJar.toString());
        env.put("SPOTBURST_CACHE_DIR", dir.resolve("cache").toString());
        env.put("SPOTBURST_JAVA_HOME", System.getProperty("java.home"));
        env.put("AWS_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", "/nonexistent");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
        var node = new HeadNode(dir, launcher, shimJar, Map.copyOf(env));
        try {
            Files.createDirectories(dir.resolve("bin"));
            Files.createDirectories(dir.resolve("cache"));
            Files.createDirectories(dir.resolve("spool"));
            Files.writeString(dir.resolve("hooks.log"), "");
            for (var name : List.of("spotburst-resume", "spotburst-suspend", "spotburst-resume-fail",
                    "spotburst-agent")) {
                var link = dir.resolve("bin").resolve(name);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, launcher.toAbsolutePath());
            }
            for (var hook : HOOKS) {
                node.writeWrapper(hook);
            }
            node.writeScontrolGate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the head-node shims under " + dir, e);
        }
        return node;
    }

    private void writeWrapper(String hook) throws IOException {
        var sb = new StringBuilder("#!/bin/sh\n")
                .append("# ").append(hook).append(" for the spotburst e2e cluster (written by the test; see HeadNode).\n")
                .append("log='").append(dir.resolve("hooks.log")).append("'\n");
        if (hook.equals("spotburst-resume")) {
            sb.append("if [ -e '").append(dir.resolve("resume.disabled")).append("' ]; then\n")
                    .append("  echo \"$(date +%s.%N) ").append(hook).append(" $* DROPPED\" >> \"$log\"; exit 0\nfi\n");
        }
        sb.append("echo \"$(date +%s.%N) ").append(hook).append(" $*\" >> \"$log\"\n");
        env.forEach((k, v) -> sb.append("export ").append(k).append("='").append(v).append("'\n"));
        sb.append("exec '").append(dir.resolve("bin").resolve(hook)).append("' \"$@\"\n");
        var file = wrapper(hook);
        Files.writeString(file, sb.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * The agent's scontrol ({@code slurmBinPath} points here): {@code /usr/bin/scontrol} itself, except that while
     * {@code scontrol.hold} exists a state change ({@code update}, {@code requeue}, …) waits before reaching Slurm —
     * the agent has received the command and not applied it yet. If the agent dies meanwhile the change is dropped,
     * as it would be with the head node gone. Every held, abandoned and run change is logged to {@code scontrol.log}.
     */
    private void writeScontrolGate() throws IOException {
        var log = dir.resolve("scontrol.log");
        var hold = dir.resolve("scontrol.hold");
        Files.writeString(log, "");
        Files.createDirectories(dir.resolve("slurm-bin"));
        var file = dir.resolve("slurm-bin/scontrol");
        Files.writeString(file, """
                #!/bin/sh
                # scontrol for the e2e agent (written by the test; see HeadNode.writeScontrolGate).
                log='%s'
                hold='%s'
                change=""
                for a in "$@"; do
                  case "$a" in update|requeue|notify|suspend|resume) change=1 ;; esac
                done
                [ -n "$change" ] || exec /usr/bin/scontrol "$@"
                if [ -e "$hold" ]; then
                  echo "$(date +%%s.%%N) HELD $*" >> "$log"
                  while [ -e "$hold" ]; do
                    if ! kill -0 "$PPID" 2>/dev/null; then
                      echo "$(date +%%s.%%N) ABANDONED $*" >> "$log"
                      exit 1
                    fi
                    sleep 0.1
                  done
                fi
                /usr/bin/scontrol "$@"
                rc=$?
                echo "$(date +%%s.%%N) RAN rc=$rc $*" >> "$log"
                exit $rc
                """.formatted(log, hold));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** While held, the agent's state changes wait between receive and apply (see {@link #writeScontrolGate}). */
    public void holdScontrol(boolean held) {
        try {
            if (held) {
                Files.writeString(dir.resolve("scontrol.hold"), "");
            } else {
                Files.deleteIfExists(dir.resolve("scontrol.hold"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gate's log lines: {@code <epoch> HELD|ABANDONED|RAN rc=N <scontrol args>}. */
    public List<String> scontrolLog() {
        try {
            return Files.readAllLines(dir.resolve("scontrol.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path wrapper(String hook) {
        return dir.resolve(hook + ".sh");
    }

    /** head-node.json, as docs/shims.md describes it, pointing at the local queues. */
    void writeSettings(String cluster, String region, LocalResources queues, Path slurmConf) {
        var json = """
                {
                  "cluster": "%s",
                  "region": "%s",
                  "requestsQueueUrl": "%s",
                  "commandsQueueUrl": "%s",
                  "commandsDlqUrl": "%s",
                  "reportsQueueUrl": "%s",
                  "spoolDir": "%s",
                  "slurmConf": "%s",
                  "slurmBinPath": "%s",
                  "snapshotIntervalSeconds": 5,
                  "logFile": "%s"
                }
                """.formatted(cluster, region, queues.requests().url(), queues.commands().url(),
                queues.commandsDlq().url(), queues.reports().url(), dir.resolve("spool"), slurmConf,
                dir.resolve("slurm-bin"), dir.resolve("shims.log"));
        try {
            Files.writeString(dir.resolve("head-node.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write head-node.json", e);
        }
    }

    /** Starts {@code spotburst-agent} (the real launcher → agent JVM) with SLURM_CONF set; output to agent-N.log. */
    Process startAgent(Path slurmConf, int generation) {
        var pb = new ProcessBuilder(dir.resolve("bin/spotburst-agent").toString(), "--settings",
                dir.resolve("head-node.json").toString());
        pb.environment().putAll(env);
        pb.environment().put("SLURM_CONF", slurmConf.toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("agent-" + generation + ".log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the agent", e);
        }
    }

    public void disableResume(boolean disabled) {
        try {
            if (disabled) {
                Files.writeString(dir.resolve("resume.disabled"), "");
            } else {
                Files.deleteIfExists(dir.resolve("resume.disabled"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One power-save hook call as its wrapper logged it. */
    public record HookCall(Instant at, String hook, String hostlist, boolean dropped) {
    }

    public List<HookCall> hookCalls() {
        var out = new ArrayList<HookCall>();
        try {
            for (var line : Files.readAllLines(dir.resolve("hooks.log"))) {
                var parts = line.strip().split(" ");
                if (parts.length < 3) {
                    continue;
                }
                var secs = parts[0].split("\\.");
                var at = Instant.ofEpochSecond(Long.parseLong(secs[0]),
                        secs.length > 1 ? Long.parseLong((secs[1] + "000000000").substring(0, 9)) : 0);
                out.add(new HookCall(at, parts[1], parts[2], parts.length > 3 && parts[3].equals("DROPPED")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public Path dir() {
        return dir;
    }

    Path shimJar() {
        return shimJar;
    }

    static Duration since(Instant a, Instant b) {
        return Duration.between(a, b);
    }
}
