package dev.spotburst.functions.cleanup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * The stack-delete cleanup as the Provider framework drives it. Create/Update: nothing to do, stable physical id.
 * Delete onEvent: stop the launch paths, one sweep, remember when launches stopped. Delete isComplete (every query
 * interval): sweep again — catching launches that raced the delete — and report complete only when every region
 * is clean and the settle time (how long an in-flight launch may still land) has passed since launches stopped.
 * Failure is one exception whose message names the resource and the EC2 code; nearing the Provider's total timeout
 * it names what is still left instead of letting the framework say only "Operation timed out".
 */
public final class StackCleanup {
    private static final Logger log = LoggerFactory.getLogger(StackCleanup.class);

    /** onEvent sweeps once; isComplete sweeps, then verifies with a second snapshot (2 passes) per poll. */
    static final int ON_EVENT_PASSES = 1;
    static final int IS_COMPLETE_PASSES = 2;
    /** Give up with a precise reason this long before the Provider's total timeout would fire. */
    static final Duration DEADLINE_MARGIN = Duration.ofMinutes(2);

    private final Function<String, CleanupEc2> ec2ForRegion;
    private final LaunchStopper launchStopper;
    private final Clock clock;

    public StackCleanup(Function<String, CleanupEc2> ec2ForRegion, LaunchStopper launchStopper, Clock clock) {
        this.ec2ForRegion = ec2ForRegion;
        this.launchStopper = launchStopper;
        this.clock = clock;
    }

    public CleanupResponse handle(CleanupEvent event, BooleanSupplier timeLeft) {
        var scope = event.scope();
        return switch (event.phase()) {
            case ON_EVENT -> switch (event.requestType()) {
                case CREATE, UPDATE -> new CleanupResponse.OnEvent(scope.physicalResourceId(),
                        Map.of(CleanupEvent.DATA_CLUSTER, scope.cluster()));
                case DELETE -> startDelete(event, timeLeft);
            };
            case IS_COMPLETE -> switch (event.requestType()) {
                case CREATE, UPDATE -> new CleanupResponse.IsComplete(true);
                case DELETE -> checkDelete(event, timeLeft);
            };
        };
    }

    private CleanupResponse startDelete(CleanupEvent event, BooleanSupplier timeLeft) {
        var scope = event.scope();
        var notStopped = launchStopper.stop(scope.ruleNames(), scope.launchFunctionNames());
        if (!notStopped.isEmpty()) {
            // Belt and braces only: the stack already deleted the launch paths before this resource, and every
            // isComplete sweep catches late launches. Failing here would leave the capacity running.
            log.warn("cleanup could not stop launch paths: {} {}", entry("cluster", scope.cluster()),
                    entry("notStopped", notStopped));
        }
        Instant stoppedAt = clock.instant();
        var result = sweeper(scope).sweep(scope.tagKey(), scope.cluster(), ON_EVENT_PASSES, timeLeft);
        log.info("cleanup onEvent Delete: {} {} {} {}", entry("cluster", scope.cluster()), entry("calls", result.calls()),
                entry("clean", result.clean()), entry("remaining", result.remaining()));
        var data = new LinkedHashMap<String, String>();
        data.put(CleanupEvent.DATA_CLUSTER, scope.cluster());
        data.put(CleanupEvent.DATA_LAUNCHES_STOPPED_AT, stoppedAt.toString());
        // A Delete must keep the physical id CloudFormation gave us (the framework rejects a change).
        return new CleanupResponse.OnEvent(event.physicalResourceId(), data);
    }

    private CleanupResponse checkDelete(CleanupEvent event, BooleanSupplier timeLeft) {
        var scope = event.scope();
        Instant stoppedAt = event.launchesStoppedAt().orElseThrow();
        var result = sweeper(scope).sweep(scope.tagKey(), scope.cluster(), IS_COMPLETE_PASSES, timeLeft);
        Instant now = clock.instant();
        boolean settled = !now.isBefore(stoppedAt.plus(scope.settle()));
        log.info("cleanup isComplete: {} {} {} {} {} {}", entry("cluster", scope.cluster()),
                entry("calls", result.calls()), entry("clean", result.clean()), entry("settled", settled),
                entry("remaining", result.remaining()), entry("transientError", String.valueOf(result.transientError())));
        if (result.clean() && settled) {
            return new CleanupResponse.IsComplete(true);
        }
        Duration margin = DEADLINE_MARGIN.compareTo(scope.totalTimeout().dividedBy(2)) < 0
                ? DEADLINE_MARGIN : scope.totalTimeout().dividedBy(2);
        Instant deadline = stoppedAt.plus(scope.totalTimeout()).minus(margin);
        if (!now.isBefore(deadline)) {
            if (result.clean()) {
                return new CleanupResponse.IsComplete(true); // clean; only the settle wait is cut short
            }
            throw new CleanupFailedException("cleanup of cluster '" + scope.cluster() + "' not finished "
                    + Duration.between(stoppedAt, now).toSeconds() + " s after launches stopped; left: "
                    + String.join("; ", result.remaining())
                    + (result.transientError() == null ? "" : "; last error: " + result.transientError()));
        }
        return new CleanupResponse.IsComplete(false);
    }

    private ClusterSweeper sweeper(CleanupScope scope) {
        var regions = new LinkedHashMap<String, CleanupEc2>();
        scope.regions().forEach(r -> regions.put(r, ec2ForRegion.apply(r)));
        return new ClusterSweeper(regions);
    }
}
