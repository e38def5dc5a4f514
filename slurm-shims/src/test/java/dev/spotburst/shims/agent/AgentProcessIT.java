package dev.spotburst.shims.agent;

import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.CommandResult;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.shims.ShimLauncher;
import dev.spotburst.shims.sqs.LocalSqs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The installed `spotburst-agent` launcher as systemd runs it: applies a command, reports it, stops on SIGTERM. */
class AgentProcessIT {

    static LocalSqs sqs;

    @BeforeAll
    static void up() {
        sqs = LocalSqs.start();
    }

    @AfterAll
    static void down() {
        sqs.close();
    }

    @Test
    void applies_reports_delivers_the_spool_and_stops_cleanly_on_sigterm() throws Exception {
        Path home = Path.of("target/it-agent-process").toAbsolutePath();
        String commands = sqs.fifo("agent-proc-commands");
        String reports = sqs.standard("agent-proc-reports");
        String requests = sqs.fifo("agent-proc-requests");
        var launcher = new ShimLauncher(home, """
                {"cluster":"c1","region":"us-east-1","requestsQueueUrl":"%s","commandsQueueUrl":"%s",
                 "reportsQueueUrl":"%s","spoolDir":"%s/spool","slurmConf":"/etc/fake/slurm.conf",
                 "slurmBinPath":"%s/slurm-bin","logFile":"%s/shims.log","snapshotIntervalSeconds":3600}
                """.formatted(requests, commands, reports, home, home, home));
        Path bin = Files.createDirectories(home.resolve("slurm-bin"));
        Files.copy(Path.of("target/test-classes/fake-slurm/scontrol"), bin.resolve("scontrol"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(bin.resolve("scontrol"), PosixFilePermissions.fromString("rwxr-xr-x"));
        // A request a shim could not send earlier.
        Files.createDirectories(home.resolve("spool"));
        Files.writeString(home.resolve("spool/0190a0b0-0000-7000-8000-00000000000a.json"),
                "{\"schemaVersion\":1,\"id\":\"0190a0b0-0000-7000-8000-00000000000a\",\"kind\":\"suspend\","
                        + "\"hostlist\":\"aws-cpu-7\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"cluster\":\"c1\",\"jobs\":[]}");
        sqs.client().sendMessage(b -> b.queueUrl(commands).messageGroupId("c1").messageDeduplicationId("a-1")
                .messageBody(MessageCodec.write(CommandMessage.of("a-1", Instant.now(), "c1",
                        new SlurmCommand.NodeDrain("aws-cpu-0", "spot interruption warning")))));

        var pb = new ProcessBuilder(home.resolve("bin/spotburst-agent").toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("agent.out").toFile());
        pb.environment().clear();
        pb.environment().putAll(launcher.env(sqs.endpoint().toString()));
        pb.environment().put("FAKE_SCONTROL_LOG", home.resolve("argv.log").toString());
        Process agent = pb.start();
        try {
            List<CommandResult> results = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (results.isEmpty() && System.nanoTime() < deadline) {
                sqs.drain(reports).stream()
                        .filter(m -> m.messageAttributes().get("spotburst-type").stringValue().equals("command-result"))
                        .forEach(m -> results.add(MessageCodec.readResult(m.body())));
                Thread.sleep(200);
            }
            assertThat(results).as(Files.readString(home.resolve("agent.out"))).singleElement()
                    .satisfies(r -> assertThat(r.commandId()).isEqualTo("a-1"));
            assertThat(Files.readAllLines(home.resolve("argv.log")))
                    .contains("SLURM_CONF=/etc/fake/slurm.conf|update|NodeName=aws-cpu-0|State=DRAIN|Reason=spot interruption warning");
            assertThat(sqs.drain(requests)).singleElement().satisfies(m ->
                    assertThat(MessageCodec.readRequest(m.body()).id()).isEqualTo("0190a0b0-0000-7000-8000-00000000000a"));
            assertThat(home.resolve("spool/0190a0b0-0000-7000-8000-00000000000a.json")).doesNotExist();
        } finally {
            agent.destroy(); // SIGTERM, as systemd stops it
            boolean exited = agent.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                agent.destroyForcibly();
            }
            assertThat(exited).as("agent stops within one long poll after SIGTERM").isTrue();
        }
        assertThat(Files.readString(home.resolve("agent.out"))).contains("INFO agent stopped");
    }
}
