package dev.spotburst.functions.state.dynamo;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.spotburst.functions.it.LocalTable;
import dev.spotburst.functions.state.InstanceBinding;
import dev.spotburst.functions.state.LaunchRecord;
import dev.spotburst.functions.state.NodeGroupRecord;
import dev.spotburst.functions.state.NodeRecord;
import dev.spotburst.messages.SlurmSnapshot;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeGroupId;
import dev.spotburst.model.NodeName;
import dev.spotburst.model.NodeState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapter against DynamoDB Local: conditional transitions really reject stale writers. */
class DynamoStateStoreIT {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    static AmazonDynamoDBLocal local;
    static DynamoStateStore store;

    @BeforeAll
    static void start() {
        LocalTable.ensureTmpDir();
        local = DynamoDBEmbedded.create(true);
        LocalTable.create(local.dynamoDbClient(), "spotburst");
        store = new DynamoStateStore(local.dynamoDbClient(), "spotburst");
    }

    @AfterAll
    static void stop() {
        local.shutdown();
    }

    @Test
    void transitionsAreConditionalOnStateAndVersion() {
        var n = NodeName.parse("batch-spot-1");
        var initial = store.node(n);
        assertThat(initial.stored()).isFalse();
        var resuming = initial.resuming(T, T);
        assertThat(store.transition(initial, resuming)).isTrue();
        assertThat(store.transition(initial, resuming)).as("second creator loses").isFalse();
        var launched = resuming.launched(new InstanceBinding("i-0abc", "sir-1", Market.SPOT, "m5.2xlarge", "eu-west-1a", "10.0.0.5"), T);
        assertThat(store.transition(resuming, launched)).isTrue();
        assertThat(store.transition(resuming, resuming.failed("late", T))).as("stale writer loses").isFalse();
        assertThat(store.node(n)).isEqualTo(launched);
        assertThat(store.nodes(n.group())).containsExactly(launched);
        assertThat(store.nodeByInstance("i-0abc")).contains(launched);
        var down = launched.suspending(T, T).poweredDown(T);
        assertThat(store.transition(launched, launched.suspending(T, T))).isTrue();
        assertThat(store.transition(launched.suspending(T, T), down)).isTrue();
        assertThat(store.node(n).state()).isEqualTo(NodeState.POWERED_DOWN);
        assertThat(store.nodeByInstance("i-0abc")).isEmpty();
    }

    @Test
    void groupsRequestsLaunchesHeartbeatAndSnapshots() {
        var gid = NodeGroupId.parse("batch-od");
        var g0 = store.group(gid);
        assertThat(store.updateGroup(g0, g0.bootFailed(2, T))).isTrue();
        assertThat(store.updateGroup(g0, g0.bootFailed(2, T))).isFalse();
        var g1 = store.group(gid);
        assertThat(store.updateGroup(g1, g1.bootFailed(2, T))).isTrue();
        assertThat(store.group(gid).isProtected()).isTrue();

        assertThat(store.requestProcessed("r-1")).isFalse();
        store.markRequestProcessed("r-1", T, Duration.ofDays(2));
        assertThat(store.requestProcessed("r-1")).isTrue();

        var n = NodeName.parse("batch-od-0");
        store.recordLaunch(new LaunchRecord("i-9", n, Market.ON_DEMAND, "m5.large", "eu-west-1a", T, null));
        store.closeLaunch("i-9", T.plusSeconds(60));
        store.closeLaunch("i-9", T.plusSeconds(120)); // idempotent
        store.closeLaunch("i-unknown", T);

        assertThat(store.reconcilerHeartbeat()).isEmpty();
        store.reconcilerHeartbeat(T);
        assertThat(store.reconcilerHeartbeat()).contains(T);

        var newer = new SlurmSnapshot(1, T.plusSeconds(60), "demo", List.of());
        store.saveSlurmSnapshot(newer);
        store.saveSlurmSnapshot(new SlurmSnapshot(1, T, "demo", List.of()));
        assertThat(store.latestSlurmSnapshot()).contains(newer);
        assertThat(NodeGroupRecord.initial(gid).version()).isZero();
    }

    @Test
    void countersAddUpPerGroupAndEventTimesRoundTrip() {
        var spot = NodeGroupId.parse("batch-spot");
        var hib = NodeGroupId.parse("batch-hib");
        store.count(spot, "interruptions", 1);
        store.count(spot, "interruptions", 2);
        store.count(hib, "hibernations", 1);
        assertThat(store.counters()).containsEntry(spot, java.util.Map.of("interruptions", 3L))
                .containsEntry(hib, java.util.Map.of("hibernations", 1L));

        var n = NodeName.parse("batch-hib-3");
        var ready = NodeRecord.initial(n).resuming(T, T)
                .launched(new InstanceBinding("i-9", "sir-9", Market.SPOT, "m6i.2xlarge", "eu-west-1a", "10.0.0.9"), T);
        assertThat(store.transition(NodeRecord.initial(n), NodeRecord.initial(n).resuming(T, T))).isTrue();
        var resuming = store.node(n);
        var launched = resuming.launched(new InstanceBinding("i-9", "sir-9", Market.SPOT, "m6i.2xlarge", "eu-west-1a",
                "10.0.0.9"), T);
        assertThat(store.transition(resuming, launched)).isTrue();
        var hibernating = launched.interruptionStep(NodeState.HIBERNATING, "spotburst: hibernated (i-9)", T.plusSeconds(5),
                T.plusSeconds(4));
        assertThat(store.transition(launched, hibernating)).isTrue();
        assertThat(store.node(n)).isEqualTo(hibernating);
        assertThat(store.nodeByInstance("i-9")).contains(hibernating);
        assertThat(ready.ec2EventAt()).isNull();
    }
}
