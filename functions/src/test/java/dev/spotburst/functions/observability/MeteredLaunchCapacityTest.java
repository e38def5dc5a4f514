package dev.spotburst.functions.observability;

import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.launch.LaunchError;
import dev.spotburst.functions.launch.LaunchOutcome;
import dev.spotburst.functions.launch.LaunchPlanner;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import dev.spotburst.messages.CommandMessage;
import dev.spotburst.messages.SlurmCommand;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MeteredLaunchCapacityTest {
    static final List<NodeName> NODES = List.of(NodeName.parse("batch-spot-0"), NodeName.parse("batch-spot-1"));

    @Test
    void onDemandFleetIsAFallbackOnlyForASpotGroup() {
        var spotGroupOd = LaunchPlanner.fleet("demo", TestConfig.spot(), Market.ON_DEMAND, NODES, "k");
        assertThat(MeteredLaunchCapacity.observe(spotGroupOd, new LaunchOutcome(List.of(), List.of()), Optional.of(Market.SPOT)))
                .contains(new ControlPlaneMetric.OnDemandFallback(2),
                        new ControlPlaneMetric.InstancesLaunched(Market.ON_DEMAND, ControlPlaneMetric.LaunchApi.FLEET, 0));
        var odGroup = LaunchPlanner.fleet("demo", TestConfig.od(), Market.ON_DEMAND,
                List.of(NodeName.parse("batch-od-0")), "k");
        assertThat(MeteredLaunchCapacity.observe(odGroup, new LaunchOutcome(List.of(), List.of()), Optional.of(Market.ON_DEMAND)))
                .noneMatch(m -> m instanceof ControlPlaneMetric.OnDemandFallback);
    }

    @Test
    void runInstancesErrorsAreCountedByCodeAndKind() {
        var hib = TestConfig.hib();
        var plan = LaunchPlanner.instance("demo", hib, NodeName.parse("batch-hib-0"), Market.SPOT,
                LaunchPlanner.pools(hib).getFirst(), "k");
        var outcome = new LaunchOutcome(List.of(), List.of(
                new LaunchError("InsufficientInstanceCapacity", "none", "m6i.2xlarge", "subnet-a", Market.SPOT),
                new LaunchError("InvalidParameterValue", "bad", "m6i.2xlarge", "subnet-a", Market.SPOT)));
        assertThat(MeteredLaunchCapacity.observe(plan, outcome, Optional.of(Market.SPOT))).containsExactly(
                new ControlPlaneMetric.InstancesLaunched(Market.SPOT, ControlPlaneMetric.LaunchApi.RUN_INSTANCES, 0),
                new ControlPlaneMetric.LaunchErrorCode("InsufficientInstanceCapacity", true),
                new ControlPlaneMetric.LaunchErrorCode("InvalidParameterValue", false));
    }

    @Test
    void nodesDownCountsEveryHostOfEveryNodeDown() {
        var now = Instant.parse("2026-11-22T10:00:00Z");
        var commands = List.of(CommandMessage.of("c1", now, "demo", new SlurmCommand.NodeDown("batch-spot-[2-4]", "r")),
                CommandMessage.of("c2", now, "demo", new SlurmCommand.NodeDrain("batch-spot-5", "r")),
                CommandMessage.of("c3", now, "demo", new SlurmCommand.NodeDown("batch-od-1", "r")));
        assertThat(MeteredSlurmCommands.nodesDown(commands)).isEqualTo(4);
    }
}
