package dev.spotburst.shims.agent;

import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.CommandResult;
import dev.spotburst.messages.CommandResult.Outcome;
import dev.spotburst.messages.MessageCodec;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.shims.ShimLog;
import dev.spotburst.shims.settings.HeadNodeSettings;
import dev.spotburst.shims.sqs.LocalSqs;
import dev.spotburst.shims.sqs.SqsMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent against ElasticMQ and a fake scontrol that records its argv (src/test/resources/fake-slurm/scontrol). */
class AgentIT {

    static LocalSqs sqs;

    @TempDir
    Path dir;
    String commands;
    String dlq;
    String reports;
    Path argvLog;
    Agent agent;

    @BeforeAll
    static void up() {
        sqs = LocalSqs.start();
    }

    @AfterAll
    static void down() {
        sqs.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        String suffix = Long.toString(System.nanoTime());
        commands = sqs.fifo("commands-" + suffix);
        dlq = sqs.fifo("commands-dlq-" + suffix);
        reports = sqs.standard("reports-" + suffix);
        String requests = sqs.fifo("requests-" + suffix);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path scontrol = bin.resolve("scontrol");
        Files.copy(Path.of("target/test-classes/fake-slurm/scontrol"), scontrol, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(scontrol, PosixFilePermissions.fromString("rwxr-xr-x"));
        argvLog = dir.resolve("argv.log");
        var settings = new HeadNodeSettings("c1", "us-east-1", requests, commands, dlq, reports, dir.resolve("spool"),
                Path.of("/etc/fake-slurm/slurm.conf"), bin, Duration.ofSeconds(60), null);
        Scontrol runner = new ScontrolRunner(settings.scontrol(), settings.slurmConf(), Duration.ofSeconds(10),
                Map.of("FAKE_SCONTROL_LOG", argvLog.toString()));
        agent = new Agent(settings, sqs.client(), new CommandApplier(runner, Clock.systemUTC()), runner,
                new dev.spotburst.shims.request.Spool(settings.spoolDir()), r -> { }, Clock.systemUTC(),
                ShimLog.stderr("agent-it"));
    }

    void send(String id, SlurmCommand command) {
        sendRaw(MessageCodec.write(CommandMessage.of(id, Instant.now(), "c1", command)), id);
    }

    void sendRaw(String body, String dedup) {
        sqs.client().sendMessage(b -> b.queueUrl(commands).messageBody(body).messageGroupId("c1")
                .messageDeduplicationId(dedup));
    }

    void drainCommands() {
        while (agent.pollCommands(0) > 0) {
            // keep going until a receive comes back empty
        }
    }

    List<String> argv() throws Exception {
        return Files.readAllLines(argvLog);
    }

    Map<String, CommandResult> results() {
        return sqs.drain(reports).stream()
                .filter(m -> m.messageAttributes().get(SqsMessages.TYPE_ATTRIBUTE).stringValue().equals("command-result"))
                .map(m -> MessageCodec.readResult(m.body()))
                .collect(Collectors.toMap(CommandResult::commandId, Function.identity()));
    }

    @Test
    void commands_are_applied_in_order_with_exact_argv_and_reported() throws Exception {
        withFakeLog(() -> {
            send("c-1", new SlurmCommand.NodeDrain("aws-cpu-0", "spot rebalance recommendation"));
            send("c-2", new SlurmCommand.NodeResume("aws-cpu-1"));
            send("c-3", new SlurmCommand.NodeClearReason("aws-cpu-1"));
            send("c-4", new SlurmCommand.JobResume(77));
            send("c-5", new SlurmCommand.JobRequeue(404, "lost"));
            send("c-6", new SlurmCommand.NodePowerDown("aws-cpu-[2-3]", SlurmCommand.PowerDownMode.POWER_DOWN_FORCE,
                    "stuck in idle#"));
            drainCommands();
        });

        assertThat(argv()).containsExactly(
                "SLURM_CONF=/etc/fake-slurm/slurm.conf|update|NodeName=aws-cpu-0|State=DRAIN|Reason=spot rebalance recommendation",
                "SLURM_CONF=/etc/fake-slurm/slurm.conf|update|NodeName=aws-cpu-1|State=RESUME",
                "SLURM_CONF=/etc/fake-slurm/slurm.conf|-o|show|node|aws-cpu-1",
                "SLURM_CONF=/etc/fake-slurm/slurm.conf|update|NodeName=aws-cpu-1|State=RESUME",
                "SLURM_CONF=/etc/fake-slurm/slurm.conf|-o|show|node|aws-cpu-1",
                "SLURM_CONF=/etc/fake-slurm/slurm.conf|resume|77",
                "SLURM_CONF=/etc/fake-slurm/slurm.conf|requeue|404",
                "SLURM_CONF=/etc/fake-slurm/slurm.conf|update|NodeName=aws-cpu-[2-3]|State=POWER_DOWN_FORCE|Reason=stuck in idle#");
        var results = results();
        assertThat(results).hasSize(6);
        assertThat(results.get("c-1").outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(results.get("c-2").outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(results.get("c-3").outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(results.get("c-4").outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(results.get("c-5").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(results.get("c-5").detail()).contains("Invalid job id specified");
        assertThat(results.get("c-6").outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(queueCount(commands)).isZero();
    }

    @Test
    void poison_commands_go_to_the_dlq_with_the_reason() throws Exception {
        withFakeLog(() -> {
            sendRaw("{not json", "p-1");
            sendRaw("{\"schemaVersion\":1,\"id\":\"x\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"cluster\":\"c1\","
                    + "\"command\":{\"type\":\"node-explode\",\"nodes\":\"a\"}}", "p-2");
            sendRaw(MessageCodec.write(CommandMessage.of("o-1", Instant.now(), "other", new SlurmCommand.JobSuspend(1))), "p-3");
            send("ok-1", new SlurmCommand.JobSuspend(9));
            drainCommands();
        });

        List<Message> dead = sqs.drain(dlq);
        assertThat(dead).hasSize(3);
        assertThat(dead).extracting(m -> m.messageAttributes().get(SqsMessages.ERROR_ATTRIBUTE).stringValue())
                .anySatisfy(e -> assertThat(e).contains("not a valid command message"))
                .anySatisfy(e -> assertThat(e).contains("node-explode"))
                .anySatisfy(e -> assertThat(e).contains("cluster 'other'"));
        assertThat(results()).containsOnlyKeys("ok-1");
        assertThat(argv()).containsExactly("SLURM_CONF=/etc/fake-slurm/slurm.conf|suspend|9");
        assertThat(queueCount(commands)).isZero();
    }

    @Test
    void a_command_left_undeleted_by_a_crash_reappears_and_is_applied_again_harmlessly() throws Exception {
        withFakeLog(() -> {
            send("r-1", new SlurmCommand.NodeDown("aws-cpu-0", "InsufficientInstanceCapacity"));
            // "Crash": a receive that never deletes; the message comes back after its visibility timeout.
            var got = sqs.client().receiveMessage(b -> b.queueUrl(commands).visibilityTimeout(1)).messages();
            assertThat(got).hasSize(1);
            Thread.sleep(1_500);
            drainCommands();
        });

        assertThat(argv()).containsExactly(
                "SLURM_CONF=/etc/fake-slurm/slurm.conf|update|NodeName=aws-cpu-0|State=DOWN|Reason=InsufficientInstanceCapacity");
        assertThat(results().get("r-1").outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void snapshot_lists_cloud_nodes_only() throws Exception {
        withFakeLog(() -> assertThat(agent.postSnapshot()).isTrue());

        var snapshots = sqs.drain(reports).stream()
                .filter(m -> m.messageAttributes().get(SqsMessages.TYPE_ATTRIBUTE).stringValue().equals("slurm-snapshot"))
                .map(m -> MessageCodec.readSnapshot(m.body())).toList();
        assertThat(snapshots).singleElement().satisfies(s -> {
            assertThat(s.cluster()).isEqualTo("c1");
            assertThat(s.nodes()).extracting(n -> n.name()).containsExactly("aws-cpu-0", "aws-cpu-1");
            assertThat(s.nodes().get(1).reason()).startsWith("ResumeTimeout reached");
            assertThat(s.nodes().get(1).flags()).contains("POWERED_DOWN", "NOT_RESPONDING");
        });
    }

    @Test
    void snapshots_are_posted_first_then_on_change_or_heartbeat_with_the_jobs_from_squeue() throws Exception {
        var settings = new HeadNodeSettings("c1", "us-east-1", "unused", commands, dlq, reports, dir.resolve("spool2"),
                Path.of("/etc/fake-slurm/slurm.conf"), dir.resolve("bin"), Duration.ofSeconds(180), null);
        Scontrol runner = new ScontrolRunner(settings.scontrol(), settings.slurmConf(), Duration.ofSeconds(10),
                Map.of("FAKE_SCONTROL_LOG", argvLog.toString()));
        Scontrol squeue = args -> new dev.spotburst.shims.agent.ProcessResult(0, "101 aws-cpu-[0-1]\n102\n", "", false);
        var scheduled = new Agent(settings, sqs.client(), new CommandApplier(runner, Clock.systemUTC()), runner, squeue,
                new SnapshotSchedule(Duration.ofSeconds(10), Duration.ofSeconds(180)),
                new dev.spotburst.shims.request.Spool(settings.spoolDir()), r -> { }, Clock.systemUTC(),
                ShimLog.stderr("agent-it"));
        Instant t0 = Instant.parse("2026-11-22T20:00:00Z");

        var decisions = new java.util.ArrayList<SnapshotSchedule.Decision>();
        withFakeLog(() -> {
            for (int s : new int[]{0, 10, 170, 180, 185}) {
                decisions.add(scheduled.snapshotIfDue(t0.plusSeconds(s)));
            }
        });

        assertThat(decisions).containsExactly(SnapshotSchedule.Decision.FIRST, SnapshotSchedule.Decision.SKIP,
                SnapshotSchedule.Decision.SKIP, SnapshotSchedule.Decision.HEARTBEAT, SnapshotSchedule.Decision.SKIP);
        var snapshots = sqs.drain(reports).stream()
                .filter(m -> m.messageAttributes().get(SqsMessages.TYPE_ATTRIBUTE).stringValue().equals("slurm-snapshot"))
                .map(m -> MessageCodec.readSnapshot(m.body())).toList();
        assertThat(snapshots).extracting(SlurmSnapshot::takenAt).containsExactly(t0, t0.plusSeconds(180));
        assertThat(snapshots.get(0).nodes()).extracting(SlurmSnapshot.Node::jobs)
                .containsExactly(List.of(101L), List.of(101L));
    }

    private int queueCount(String url) {
        var attrs = sqs.client().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attrs.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    interface Body {
        void run() throws Exception;
    }

    private void withFakeLog(Body body) throws Exception {
        body.run();
    }
}
