package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.spotburst.functions.aws.AwsClients;
import dev.spotburst.functions.cleanup.CleanupEvent;
import dev.spotburst.functions.cleanup.StackCleanup;
import dev.spotburst.functions.cleanup.aws.CleanupClients;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.observability.Invocation;

import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code Custom::SpotburstCleanup} behind the CDK Provider framework, as both onEvent and isComplete handler. Returns
 * a map (the framework answers CloudFormation); a thrown exception is reported as FAILED with its message. Each
 * invocation stops starting EC2 calls a minute before its Lambda timeout, so it ends on its own and the next
 * isComplete poll carries on.
 */
public final class StackCleanupHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Stop starting EC2 calls when less than this is left (one call with throttling backoff fits in it). */
    static final long SAFETY_MILLIS = 60_000;

    private final StackCleanup cleanup;
    private final Supplier<String> homeRegion;

    public StackCleanupHandler() {
        this(new CleanupClients(new AwsClients(), ThrottleRetry.standard()));
    }

    private StackCleanupHandler(CleanupClients clients) {
        this(new StackCleanup(clients::ec2, clients.launchStopper(), Clock.systemUTC()), clients::homeRegion);
    }

    public StackCleanupHandler(StackCleanup cleanup, Supplier<String> homeRegion) {
        this.cleanup = cleanup;
        this.homeRegion = homeRegion;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Invocation.run(context, ControlPlaneMetrics.NONE, () -> handle(event, context));
    }

    private Map<String, Object> handle(Map<String, Object> event, Context context) {
        var parsed = CleanupEvent.parse(event, regionIfNeeded(event));
        BooleanSupplier timeLeft = context == null ? () -> true
                : () -> context.getRemainingTimeInMillis() > SAFETY_MILLIS;
        return cleanup.handle(parsed, timeLeft).toMap();
    }

    /** Only asks for the home region (which builds the EC2 client) when the properties name no region. */
    private String regionIfNeeded(Map<String, Object> event) {
        return event != null && event.get("ResourceProperties") instanceof Map<?, ?> p && p.get("Regions") instanceof java.util.List<?> l
                && !l.isEmpty() ? null : homeRegion.get();
    }
}
