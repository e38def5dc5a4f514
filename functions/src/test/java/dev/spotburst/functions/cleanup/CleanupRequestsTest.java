package dev.spotburst.functions.cleanup;

import dev.spotburst.functions.cleanup.aws.CleanupRequests;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The EC2 requests as values: filters and flags that decide what is touched. */
class CleanupRequestsTest {

    @Test
    void instancesAreFoundByClusterTagInEveryNotTerminatedState() {
        var r = CleanupRequests.describeInstances("spotburst:cluster", "demo", null);
        assertThat(r.filters()).containsExactly(
                Filter.builder().name("tag:spotburst:cluster").values("demo").build(),
                Filter.builder().name("instance-state-name")
                        .values("pending", "running", "shutting-down", "stopping", "stopped").build());
        assertThat(r.maxResults()).isEqualTo(1000);
        assertThat(CleanupRequests.describeInstances("k", "c", "tok").nextToken()).isEqualTo("tok");
    }

    @Test
    void spotRequestsThatCanStillLaunchIncludeDisabledOnes() {
        var r = CleanupRequests.describeSpotRequests("spotburst:cluster", "demo", null);
        assertThat(r.filters()).containsExactly(
                Filter.builder().name("tag:spotburst:cluster").values("demo").build(),
                Filter.builder().name("state").values("open", "active", "disabled").build());
    }

    @Test
    void fleetsAreListedByStateOnlyBecauseDescribeFleetsDocumentsNoTagFilter() {
        assertThat(CleanupRequests.describeFleets(null).filters()).containsExactly(
                Filter.builder().name("fleet-state").values("submitted", "active", "modifying").build());
    }

    @Test
    void fleetsAreDeletedWithTheirInstances() {
        var r = CleanupRequests.deleteFleets(List.of("fleet-1", "fleet-2"));
        assertThat(r.terminateInstances()).isTrue();
        assertThat(r.fleetIds()).containsExactly("fleet-1", "fleet-2");
    }
}
