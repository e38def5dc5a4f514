package dev.spotburst.hostlist;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Differential test against the real {@code scontrol} when it is installed (Debian: {@code slurm-client});
 * skipped otherwise. {@code show hostnames}/{@code show hostlist} work offline; SLURM_CONF always points at a
 * throw-away slurm.conf so scontrol never falls back to a DNS SRV lookup for a controller; {@code --} keeps
 * names such as {@code -n1} from being read as options.
 */
class HostlistScontrolIT {

    private static final Path SCONTROL = Path.of("/usr/bin/scontrol");
    private static Path slurmConf;

    @BeforeAll
    static void writeSlurmConf() throws IOException {
        assumeTrue(Files.isExecutable(SCONTROL), "scontrol not installed");
        Path dir = Files.createDirectories(Path.of("target", "hostlist-it").toAbsolutePath());
        slurmConf = dir.resolve("slurm.conf");
        Files.writeString(slurmConf, String.join("\n",
                "ClusterName=hostlistit",
                "SlurmctldHost=localhost(127.0.0.1)",
                "AuthType=auth/none",
                "CredType=cred/none",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "NodeName=dummy CPUs=1 State=CLOUD",
                "PartitionName=p Nodes=dummy",
                ""));
    }

    @Test
    void expandMatchesScontrolShowHostnames() throws Exception {
        var rnd = new Random(20261122);
        for (int i = 0; i < 150; i++) {
            String expression = randomExpression(rnd);
            String slurm = scontrol("hostnames", expression).strip();
            assertThat(String.join("\n", Hostlist.expand(expression))).as(expression).isEqualTo(slurm);
        }
    }

    @Test
    void compressInOrderMatchesScontrolShowHostlist() throws Exception {
        var rnd = new Random(42);
        for (int i = 0; i < 150; i++) {
            List<String> names = new ArrayList<>();
            int n = 1 + rnd.nextInt(12);
            for (int j = 0; j < n; j++) {
                names.add(randomName(rnd));
            }
            String slurm = scontrol("hostlist", String.join(",", names)).strip();
            assertThat(Hostlist.compressInOrder(names)).as(names.toString()).isEqualTo(slurm);
            // Sorted and unique input: compress (hostlist_uniq) equals what scontrol prints for it.
            List<String> sorted = Hostlist.expand(Hostlist.compress(names));
            assertThat(Hostlist.compress(names)).isEqualTo(scontrol("hostlist", String.join(",", sorted)).strip());
        }
    }

    private static String scontrol(String what, String argument) throws Exception {
        var pb = new ProcessBuilder(SCONTROL.toString(), "--", "show", what, argument).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", slurmConf.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static final String[] PREFIXES = {"a", "b", "n", "rack1-n", "n01-x", "n1-x", "", "x-", "A", "a0"};

    private static String randomName(Random rnd) {
        String p = PREFIXES[rnd.nextInt(PREFIXES.length)];
        if (rnd.nextInt(10) == 0) {
            return p.isEmpty() ? "login" : p;
        }
        int v = rnd.nextInt(4) == 0 ? rnd.nextInt(1200) : rnd.nextInt(15);
        return p + HostRange.pad(v, rnd.nextInt(4));
    }

    private static String randomExpression(Random rnd) {
        String[] literals = {"a", "rack", "-n", "x", "", "n1-"};
        var sb = new StringBuilder();
        int tokens = 1 + rnd.nextInt(3);
        for (int t = 0; t < tokens; t++) {
            if (t > 0) {
                sb.append(',');
            }
            sb.append(literals[rnd.nextInt(literals.length)]);
            int groups = rnd.nextInt(3);
            if (groups == 0) {
                sb.append(rnd.nextInt(100));
            }
            for (int g = 0; g < groups; g++) {
                sb.append('[');
                int ranges = 1 + rnd.nextInt(3);
                for (int r = 0; r < ranges; r++) {
                    if (r > 0) {
                        sb.append(',');
                    }
                    int lo = rnd.nextInt(12);
                    sb.append(HostRange.pad(lo, rnd.nextInt(3)));
                    if (rnd.nextBoolean()) {
                        sb.append('-').append(lo + rnd.nextInt(4));
                    }
                }
                sb.append(']');
                if (g < groups - 1) {
                    sb.append(literals[rnd.nextInt(literals.length)]);
                }
            }
        }
        return sb.toString();
    }
}
