package dev.spotburst.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpIsAvailableEverywhere() {
        for (String[] args : new String[][] {{"--help"}, {"config", "--help"}, {"config", "validate", "--help"},
                {"config", "slurm-conf", "--help"}, {"hostlist", "--help"}, {"hostlist", "expand", "--help"},
                {"hostlist", "compress", "--help"}}) {
            Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).contains("Usage:");
        }
    }

    @Test
    void bundledExampleValidates() {
        Run r = run("config", "validate");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("ok: ");
    }

    @Test
    void slurmConfOfBundledExampleHasNodeAndPartitionLines() {
        Run r = run("config", "slurm-conf");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("State=CLOUD").contains("PartitionName=").contains("cloud_reg_addrs");
    }

    @Test
    void brokenConfigExitsTwoWithPathsOnStderr(@TempDir Path dir) throws Exception {
        Path partitions = dir.resolve("partitions.json");
        Files.writeString(partitions, """
                {"Partitions":[{"PartitionName":"bad-name","NodeGroups":[{"NodeGroupName":"g","MaxNodes":0}]}]}
                """);
        Run r = run("config", "validate", "--partitions", partitions.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("$.Partitions[0].PartitionName").contains("MaxNodes");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unreadableFileExitsTwo(@TempDir Path dir) {
        Run r = run("config", "validate", "--partitions", dir.resolve("missing.json").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("missing.json");
    }

    @Test
    void hostlistExpandAndCompress() {
        Run e = run("hostlist", "expand", "batch-spot-[0-2]");
        assertThat(e.exit()).isZero();
        assertThat(e.out().lines()).containsExactly("batch-spot-0", "batch-spot-1", "batch-spot-2");
        Run c = run("hostlist", "compress", "batch-spot-0", "batch-spot-1", "batch-spot-2");
        assertThat(c.exit()).isZero();
        assertThat(c.out().trim()).isEqualTo("batch-spot-[0-2]");
    }

    /** Outputs recorded with scontrol 22.05.8 ({@code scontrol show hostlist} keeps order and duplicates). */
    @Test
    void compressIsScontrolShowHostlistAndSortedIsOptIn() {
        Run c = run("hostlist", "compress", "rack2-n01", "rack1-n01", "rack1-n02", "batch-spot-[0-1]");
        assertThat(c.exit()).isZero();
        assertThat(c.out().trim()).isEqualTo("rack2-n01,rack1-n[01-02],batch-spot-[0-1]");
        assertThat(run("hostlist", "compress", "b1,a1,a2,a1").out().trim()).isEqualTo("b1,a[1-2,1]");
        Run s = run("hostlist", "compress", "--sorted", "rack2-n01", "rack1-n01", "rack1-n02", "rack1-n01");
        assertThat(s.exit()).isZero();
        assertThat(s.out().trim()).isEqualTo("rack1-n[01-02],rack2-n01");
    }

    @Test
    void expandHandlesSeveralBracketGroupsAndMixedPrefixes() {
        Run e = run("hostlist", "expand", "rack[1-2]-n[01-02],login,batch-od-[9-10]");
        assertThat(e.exit()).isZero();
        assertThat(e.out().lines()).containsExactly("rack1-n01", "rack1-n02", "rack2-n01", "rack2-n02", "login",
                "batch-od-9", "batch-od-10");
    }

    @Test
    void badHostlistExitsTwoQuotingThePosition() {
        Run r = run("hostlist", "expand", "a[1-");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad hostlist 'a[1-' at position 4");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertThat(run("nope").exit()).isEqualTo(2);
        assertThat(run().exit()).isEqualTo(2);
    }
}
