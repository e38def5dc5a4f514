package dev.spotburst.functions.observability;

import dev.spotburst.functions.requests.DeadLetters;
import dev.spotburst.functions.requests.QueuedMessage;

/** Counts poison request messages as they are parked in the dead-letter queue. */
public final class MeteredDeadLetters implements DeadLetters {
    private final DeadLetters delegate;
    private final ControlPlaneMetrics metrics;

    public MeteredDeadLetters(DeadLetters delegate, ControlPlaneMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void park(QueuedMessage message, String reason) {
        delegate.park(message, reason);
        metrics.record(new ControlPlaneMetric.PoisonMessage());
    }
}
