package dev.spotburst.shims.agent;

import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.CommandResult;
import dev.spotburst.messages.CommandResult.Outcome;
import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmCommand.PowerDownMode;
import dev.spotburst.messages.SlurmSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's command applier against real Slurm 22.05 (Debian): a controller whose two {@code State=CLOUD} nodes
 * never boot, started by {@code src/test/scripts/mini-slurm.sh} in a network namespace with no way out. Needs root;
 * runs only with {@code -Pe2e}. Checks the scontrol argv, the outcome judgement and the real node states.
 */
@EnabledIfSystemProperty(named = "spotburst.e2e", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealSlurmAgentIT {

    static final Path DIR = Path.of("target/e2e-mini-slurm").toAbsolutePath();
    static final Path SCRIPT = Path.of("src/test/scripts/mini-slurm.sh").toAbsolutePath();
    static Scontrol scontrol;
    static CommandApplier applier;
    static final Thread CLEANUP = new Thread(() -> script("down"));

    @BeforeAll
    static void up() {
        Runtime.getRuntime().addShutdownHook(CLEANUP);
        assertThat(script("up")).as("mini-slurm.sh up (see " + DIR + "/log)").isZero();
        scontrol = new ScontrolRunner(DIR.resolve("bin/scontrol"), DIR.resolve("etc/slurm.conf"), Duration.ofSeconds(30));
        applier = new CommandApplier(scontrol, Clock.systemUTC());
    }

    @AfterAll
    static void down() {
        script("down");
        Runtime.getRuntime().removeShutdownHook(CLEANUP);
    }

    static int script(String action) {
        try {
            Process p = new ProcessBuilder("bash", SCRIPT.toString(), action, DIR.toString()).inheritIO().start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static CommandResult apply(SlurmCommand c) {
        return applier.apply(CommandMessage.of("t-" + System.nanoTime(), Instant.now(), "sbshims", c));
    }

    static SlurmSnapshot.Node node(String name) {
        ProcessResult r = scontrol.run(List.of("-o", "show", "node", name));
        assertThat(r.succeeded()).as(r.text()).isTrue();
        return ShowNodesParser.nodes(r.stdout()).get(0);
    }

    static SlurmSnapshot.Node await(String name, Predicate<SlurmSnapshot.Node> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SlurmSnapshot.Node n = node(name);
        while (!p.test(n) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            n = node(name);
        }
        return n;
    }

    @Test
    @Order(1)
    void snapshot_of_real_output_lists_the_powered_down_cloud_nodes() {
        ProcessResult r = scontrol.run(List.of("-o", "show", "nodes"));

        assertThat(ShowNodesParser.cloudNodes(r.stdout())).extracting(SlurmSnapshot.Node::name, SlurmSnapshot.Node::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aws-cpu-0", "IDLE"),
                        org.assertj.core.groups.Tuple.tuple("aws-cpu-1", "IDLE"));
        assertThat(ShowNodesParser.cloudNodes(r.stdout())).allSatisfy(n -> assertThat(n.flags()).contains("POWERED_DOWN"));
    }

    @Test
    @Order(2)
    void drain_twice_then_resume_twice() {
        assertThat(apply(new SlurmCommand.NodeDrain("aws-cpu-0", "rebalance recommendation")).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(apply(new SlurmCommand.NodeDrain("aws-cpu-0", "rebalance recommendation")).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(node("aws-cpu-0").flags()).contains("DRAIN");
        assertThat(node("aws-cpu-0").reason()).startsWith("rebalance recommendation");

        assertThat(apply(new SlurmCommand.NodeResume("aws-cpu-0")).outcome()).isEqualTo(Outcome.APPLIED);
        // Second RESUME: scontrol answers "Invalid node state specified"; the node is usable, so it counts as done.
        var again = apply(new SlurmCommand.NodeResume("aws-cpu-0"));
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(again.detail()).contains("Invalid node state specified");
        assertThat(node("aws-cpu-0").flags()).doesNotContain("DRAIN");
    }

    @Test
    @Order(3)
    void down_then_power_down_force_keeps_the_reason_and_clear_reason_removes_it() throws Exception {
        assertThat(apply(new SlurmCommand.NodeDown("aws-cpu-1", "InsufficientInstanceCapacity")).outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(node("aws-cpu-1").state()).isEqualTo("DOWN");

        assertThat(apply(new SlurmCommand.NodePowerDown("aws-cpu-1", PowerDownMode.POWER_DOWN_FORCE, null)).outcome())
                .isEqualTo(Outcome.APPLIED);
        var poweredDown = await("aws-cpu-1", n -> n.state().equals("IDLE") && n.has("POWERED_DOWN"));
        assertThat(poweredDown.state()).isEqualTo("IDLE");
        assertThat(poweredDown.reason()).as("P6: the reason survives POWER_DOWN_FORCE").startsWith("InsufficientInstanceCapacity");

        var cleared = apply(new SlurmCommand.NodeClearReason("aws-cpu-1"));

        assertThat(cleared.outcome()).as(cleared.detail()).isEqualTo(Outcome.APPLIED);
        assertThat(node("aws-cpu-1").reason()).isNull();
    }

    @Test
    @Order(4)
    void unknown_job_fails_with_slurms_text() {
        var r = apply(new SlurmCommand.JobRequeue(999_999, null));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.detail()).contains("Invalid job id specified");
    }
}
