package dev.spotburst.functions.observability;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.function.Supplier;

/**
 * One Lambda invocation as every handler runs it: Powertools logging context (request id, function, cold start,
 * service in each JSON line; cleared afterwards) around the work, and the metrics written once at the end, whether
 * the work succeeded or threw.
 */
public final class Invocation {
    private Invocation() {
    }

    /** @param context null outside Lambda (tests): logging then has no function fields */
    public static <T> T run(Context context, ControlPlaneMetrics metrics, Supplier<T> work) {
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                return work.get();
            } finally {
                metrics.flush();
            }
        });
    }
}
