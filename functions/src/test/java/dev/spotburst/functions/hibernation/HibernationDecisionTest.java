package dev.spotburst.functions.hibernation;

import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class HibernationDecisionTest {
    static final Instant T = Instant.parse("2026-11-22T12:00:00Z");

    static NodeRecord in(NodeState s) {
        var n = NodeName.parse("batch-hib-0");
        var r = NodeRecord.initial(n).resuming(T, T)
                .launched(new InstanceBinding("i-1", "sir-1", Market.SPOT, "m6i.2xlarge", "eu-west-1a", "10.0.0.1"), T)
                .ready(T);
        return s == NodeState.READY ? r : r.interruptionStep(s, null, T, null);
    }

    @Test
    void theLifecycle() {
        assertThat(HibernationDecision.decide(in(NodeState.READY), "stopping", true, false)).isEqualTo(HibernationStep.BEGIN);
        assertThat(HibernationDecision.decide(in(NodeState.HIBERNATING), "stopping", true, false)).isEqualTo(HibernationStep.NONE);
        assertThat(HibernationDecision.decide(in(NodeState.HIBERNATING), "stopped", true, false)).isEqualTo(HibernationStep.STOPPED);
        assertThat(HibernationDecision.decide(in(NodeState.HIBERNATED), "pending", true, true)).isEqualTo(HibernationStep.NONE);
        assertThat(HibernationDecision.decide(in(NodeState.HIBERNATED), "running", true, true)).isEqualTo(HibernationStep.RETURNED);
        // Running during the notice period is not a return; running after a restart is (the stopped event was missed).
        assertThat(HibernationDecision.decide(in(NodeState.HIBERNATING), "running", true, false)).isEqualTo(HibernationStep.NONE);
        assertThat(HibernationDecision.decide(in(NodeState.HIBERNATING), "running", true, true)).isEqualTo(HibernationStep.RETURNED);
    }

    @Test
    void lossesAreGoneInstancesOrDeadRequests() {
        assertThat(HibernationDecision.decide(in(NodeState.HIBERNATED), "terminated", true, false)).isEqualTo(HibernationStep.LOST);
        assertThat(HibernationDecision.decide(in(NodeState.HIBERNATED), null, true, false)).isEqualTo(HibernationStep.LOST);
        assertThat(HibernationDecision.decide(in(NodeState.HIBERNATED), "stopped", false, false)).isEqualTo(HibernationStep.LOST);
        assertThat(HibernationDecision.decide(in(NodeState.HIBERNATING), "shutting-down", true, false)).isEqualTo(HibernationStep.LOST);
        // READY with a gone instance is the reconciler's INSTANCE_LOST, not a hibernation.
        assertThat(HibernationDecision.decide(in(NodeState.READY), "terminated", true, false)).isEqualTo(HibernationStep.NONE);
    }

    /** A LAUNCHED node may already run its job (Slurm starts it at registration, before READY is recorded). */
    @Property
    void launchedNodeHibernatesLikeReady(@ForAll("ec2") String state, @ForAll boolean live, @ForAll boolean restarted) {
        var launched = in(NodeState.READY).interruptionStep(NodeState.LAUNCHED, null, T, null);
        assertThat(HibernationDecision.decide(launched, state, live, restarted))
                .isEqualTo(HibernationDecision.decide(in(NodeState.READY), state, live, restarted));
    }

    /** Nothing outside LAUNCHED/READY/HIBERNATING/HIBERNATED is ever touched, whatever EC2 says. */
    @Property
    void onlyHibernationStatesMove(@ForAll("others") NodeState s, @ForAll("ec2") String state, @ForAll boolean live,
                                   @ForAll boolean restarted) {
        assertThat(HibernationDecision.decide(in(NodeState.READY).interruptionStep(s, null, T, null), state, live, restarted))
                .isEqualTo(HibernationStep.NONE);
    }

    @Provide
    Arbitrary<NodeState> others() {
        return Arbitraries.of(EnumSet.of(NodeState.POWERED_DOWN, NodeState.RESUMING, NodeState.INTERRUPTED,
                NodeState.SUSPENDING, NodeState.FAILED));
    }

    @Provide
    Arbitrary<String> ec2() {
        return Arbitraries.of("pending", "running", "stopping", "stopped", "shutting-down", "terminated");
    }
}
