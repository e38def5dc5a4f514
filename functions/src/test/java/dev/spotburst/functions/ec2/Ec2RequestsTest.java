package dev.spotburst.functions.ec2;

import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.launch.LaunchPlanner;
import dev.spotburst.model.Market;
import dev.spotburst.model.NodeName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkPojo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every EC2 launch request, built from a plan in pure code, checked against one expected file per scenario
 * (ParallelCluster's expected_launch_params.json practice). Set -Dspotburst.updateExpected=true to rewrite them.
 */
class Ec2RequestsTest {

    static final List<NodeName> NODES = List.of(NodeName.parse("batch-spot-2"), NodeName.parse("batch-spot-0"));

    @Test
    void spotFleetAcrossTypesAndSubnets() throws Exception {
        var plan = LaunchPlanner.fleet("demo", TestConfig.spot(), Market.SPOT, NODES, "batch-spot-0@1,batch-spot-2@1");
        check("create-fleet-spot.json", Ec2Requests.createFleet(plan));
    }

    @Test
    void onDemandFallbackFleet() throws Exception {
        var plan = LaunchPlanner.fleet("demo", TestConfig.spot(), Market.ON_DEMAND, NODES, "batch-spot-0@1,batch-spot-2@1");
        check("create-fleet-on-demand-fallback.json", Ec2Requests.createFleet(plan));
    }

    /** A fleet for one node names it in the launch call itself: no CreateTags afterwards. */
    @Test
    void fleetForOneNodeCarriesItsNodeTags() throws Exception {
        var plan = LaunchPlanner.fleet("demo", TestConfig.spot(), Market.SPOT, NODES.subList(0, 1), "batch-spot-2@1");
        check("create-fleet-one-node.json", Ec2Requests.createFleet(plan));
    }

    /** A multi-node fleet carries the user's uniform tags too (CostCenter), never Name. */
    @Test
    void onDemandFleetCarriesUniformUserTags() throws Exception {
        var plan = LaunchPlanner.fleet("demo", TestConfig.od(), Market.ON_DEMAND,
                List.of(NodeName.parse("batch-od-0"), NodeName.parse("batch-od-1")), "batch-od-0@1,batch-od-1@1");
        check("create-fleet-on-demand.json", Ec2Requests.createFleet(plan));
    }

    @Test
    void persistentHibernatingSpotInstance() throws Exception {
        var group = TestConfig.hib();
        var plan = LaunchPlanner.instance("demo", group, NodeName.parse("batch-hib-1"), Market.SPOT,
                LaunchPlanner.pools(group).get(1), "batch-hib-1@1");
        check("run-instances-hibernate.json", Ec2Requests.runInstance(plan));
    }

    @Test
    void clientTokensAreStableAndDifferPerBatch() {
        var a = LaunchPlanner.fleet("demo", TestConfig.spot(), Market.SPOT, NODES, "k1").clientToken();
        var b = LaunchPlanner.fleet("demo", TestConfig.spot(), Market.SPOT, NODES.reversed(), "k1").clientToken();
        var c = LaunchPlanner.fleet("demo", TestConfig.spot(), Market.SPOT, NODES, "k2").clientToken();
        assertThat(a).isEqualTo(b).isNotEqualTo(c).hasSizeLessThanOrEqualTo(64);
    }

    private static void check(String file, SdkPojo request) throws Exception {
        String actual = SdkJson.write(request) + "\n";
        Path expected = Path.of("src/test/resources/expected", file);
        if (Boolean.getBoolean("spotburst.updateExpected") || !Files.exists(expected)) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
