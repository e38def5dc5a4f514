package dev.spotburst.functions.cleanup;

import dev.spotburst.functions.cfn.RequestType;
import dev.spotburst.functions.handlers.StackCleanupHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The handler over saved Provider-framework events, with an in-memory region. */
class StackCleanupHandlerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final MemoryCleanupEc2 ec2 = new MemoryCleanupEc2();
    private final List<String> order = new ArrayList<>();
    private final List<String> regionsAsked = new ArrayList<>();
    private List<String> stopFailures = List.of();
    private final StackCleanupHandler handler = new StackCleanupHandler(new StackCleanup(region -> {
        regionsAsked.add(region);
        return ec2;
    }, (rules, fns) -> {
        order.add("stop " + rules.size() + " rules " + fns.size() + " functions");
        return stopFailures;
    }, clock), () -> "eu-west-1");

    private Map<String, Object> call(Map<String, Object> event) {
        return handler.handleRequest(event, FakeContext.plenty());
    }

    @Test
    void parsesEveryProviderEvent() {
        var create = CleanupEvent.parse(CleanupEvents.load("create"), null);
        assertThat(create.phase()).isEqualTo(CleanupEvent.Phase.ON_EVENT);
        assertThat(create.requestType()).isEqualTo(RequestType.CREATE);
        assertThat(create.physicalResourceId()).isNull();
        var s = create.scope();
        assertThat(s.cluster()).isEqualTo("demo");
        assertThat(s.tagKey()).isEqualTo("spotburst:cluster");
        assertThat(s.regions()).containsExactly("us-east-1");
        assertThat(s.ruleNames()).hasSize(4).contains("demo-reconcile-schedule");
        assertThat(s.launchFunctionNames()).hasSize(4).contains("demo-power-save-requests");
        assertThat(s.settle()).isEqualTo(Duration.ofSeconds(180));
        assertThat(s.totalTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.physicalResourceId()).isEqualTo("spotburst-cleanup-demo");

        assertThat(CleanupEvent.parse(CleanupEvents.load("create-is-complete"), null).phase()).isEqualTo(CleanupEvent.Phase.IS_COMPLETE);
        var update = CleanupEvent.parse(CleanupEvents.load("update"), null);
        assertThat(update.phase()).isEqualTo(CleanupEvent.Phase.ON_EVENT);
        assertThat(update.requestType()).isEqualTo(RequestType.UPDATE);
        assertThat(update.scope().settle()).isEqualTo(Duration.ofSeconds(240));
        assertThat(CleanupEvent.parse(CleanupEvents.load("update-is-complete"), null).phase()).isEqualTo(CleanupEvent.Phase.IS_COMPLETE);
        var delete = CleanupEvent.parse(CleanupEvents.load("delete"), null);
        assertThat(delete.phase()).isEqualTo(CleanupEvent.Phase.ON_EVENT);
        assertThat(delete.physicalResourceId()).isEqualTo("spotburst-cleanup-demo");
        var deleteComplete = CleanupEvent.parse(CleanupEvents.load("delete-is-complete"), null);
        assertThat(deleteComplete.phase()).isEqualTo(CleanupEvent.Phase.IS_COMPLETE);
        assertThat(deleteComplete.launchesStoppedAt()).contains(T0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RequestType|Remove|field 'RequestType' must be Create, Update or Delete, got 'Remove'",
            "ClusterName|bad name!|field 'ResourceProperties.ClusterName' must be letters, digits and '-', got 'bad name!'",
            "SettleSeconds|soon|field 'ResourceProperties.SettleSeconds' must be a whole number of seconds (0..86400), got 'soon'",
            "Regions|us-east-1|field 'ResourceProperties.Regions' must be a list of strings, got us-east-1",
    })
    void badInputNamesTheFieldAndTheValue(String field, String value, String message) {
        var event = field.equals("RequestType")
                ? new java.util.LinkedHashMap<>(CleanupEvents.load("create")) : CleanupEvents.withProperty(CleanupEvents.load("create"), field, value);
        if (field.equals("RequestType")) {
            event.put("RequestType", value);
        }
        assertThatThrownBy(() -> call(event)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThat(ec2.calls).isEmpty();
    }

    @Test
    void createAndUpdateAreStableNoOps() {
        for (int repeat = 0; repeat < 2; repeat++) {
            for (String type : List.of("create", "update")) {
                assertThat(call(CleanupEvents.load(type))).isEqualTo(Map.of("PhysicalResourceId", "spotburst-cleanup-demo",
                        "Data", Map.of("Cluster", "demo")));
                assertThat(call(CleanupEvents.load(type + "-is-complete"))).isEqualTo(Map.of("IsComplete", true));
            }
        }
        assertThat(ec2.calls).isEmpty();
        assertThat(order).isEmpty();
    }

    @Test
    void deleteStopsLaunchesThenCancelsBeforeTerminatingAndKeepsThePhysicalId() {
        ec2.requests.put("sir-1", "active");
        ec2.fleets.put("fleet-1", new String[] {"maintain", "active"});
        ec2.instances.put("i-1", "running");
        ec2.instances.put("i-2", "stopped");
        var delete = CleanupEvents.load("delete");
        var result = call(delete);
        assertThat(result).isEqualTo(Map.of("PhysicalResourceId", "spotburst-cleanup-demo",
                "Data", Map.of("Cluster", "demo", "LaunchesStoppedAt", "2026-01-01T00:00:00Z")));
        assertThat(order).containsExactly("stop 4 rules 4 functions");
        assertThat(ec2.calls).containsExactly("snapshot", "cancel [sir-1]", "deleteFleets [fleet-1]", "terminate [i-1, i-2]");
        assertThat(regionsAsked).containsOnly("us-east-1");
    }

    @Test
    void completeOnlyWhenEverythingIsTerminatedAndTheSettleTimeHasPassed() {
        ec2.instances.put("i-1", "running");
        var delete = CleanupEvents.load("delete");
        var isComplete = CleanupEvents.isCompleteFor(delete, call(delete));
        assertThat(ec2.instances).containsEntry("i-1", "shutting-down");

        assertThat(call(isComplete)).isEqualTo(Map.of("IsComplete", false)); // still shutting down
        ec2.finishShutdowns();
        assertThat(call(isComplete)).isEqualTo(Map.of("IsComplete", false)); // clean, but in-flight launches may land
        ec2.instances.put("i-late", "pending"); // one did
        clock.advance(Duration.ofSeconds(180));
        assertThat(call(isComplete)).isEqualTo(Map.of("IsComplete", false));
        assertThat(ec2.instances).containsEntry("i-late", "shutting-down");
        ec2.finishShutdowns();
        assertThat(call(isComplete)).isEqualTo(Map.of("IsComplete", true));
    }

    @Test
    void anUnrecoverableErrorIsOneExceptionNamingTheResourceAndCode() {
        ec2.instances.put("i-1", "running");
        ec2.failNextTerminate = new CleanupFailedException("TerminateInstances i-1: UnauthorizedOperation (not authorized)");
        Throwable t = catchThrowable(() -> call(CleanupEvents.load("delete")));
        assertThat(t).isInstanceOf(CleanupFailedException.class)
                .hasMessage("cleanup of cluster 'demo' in us-east-1 failed: TerminateInstances i-1: UnauthorizedOperation (not authorized)");
    }

    @Test
    void nearTheTotalTimeoutItFailsWithWhatIsLeftInsteadOfTimingOut() {
        ec2.instances.put("i-stuck", "running");
        var delete = CleanupEvents.load("delete");
        var isComplete = CleanupEvents.isCompleteFor(delete, call(delete));
        clock.advance(Duration.ofMinutes(27));
        assertThat(call(isComplete)).isEqualTo(Map.of("IsComplete", false));
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> call(isComplete)).isInstanceOf(CleanupFailedException.class)
                .hasMessage("cleanup of cluster 'demo' not finished 1680 s after launches stopped; left: "
                        + "us-east-1: await 1 shutting-down (i-stuck)");
    }

    @Test
    void noEc2CallIsStartedWhenTheInvocationIsAboutToTimeOut() {
        ec2.instances.put("i-1", "running");
        var delete = CleanupEvents.load("delete");
        var isComplete = CleanupEvents.isCompleteFor(delete, call(delete));
        ec2.instances.put("i-2", "running");
        ec2.calls.clear();
        var result = handler.handleRequest(isComplete, new FakeContext(() -> 30_000));
        assertThat(result).isEqualTo(Map.of("IsComplete", false));
        assertThat(ec2.calls).isEmpty();
    }

    @Test
    void aLaunchPathThatCannotBeStoppedDoesNotStopTheSweep() {
        stopFailures = List.of("DisableRule demo-reconcile-schedule: AccessDenied");
        ec2.instances.put("i-1", "running");
        assertThat(call(CleanupEvents.load("delete"))).containsKey("PhysicalResourceId");
        assertThat(ec2.calls).contains("terminate [i-1]");
    }

    @Test
    void withoutRegionsTheFunctionsOwnRegionIsSwept() {
        call(CleanupEvents.withProperty(CleanupEvents.load("delete"), "Regions", null));
        assertThat(regionsAsked).containsOnly("eu-west-1");
    }
}
