package dev.spotburst.functions.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keeps what was recorded, in memory: for tests and local tools that print what the control plane did. */
public final class RecordingMetrics implements ControlPlaneMetrics {
    private final List<ControlPlaneMetric> recorded = new ArrayList<>();
    private int flushes;

    @Override
    public synchronized void record(ControlPlaneMetric metric) {
        recorded.add(metric);
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    public synchronized List<ControlPlaneMetric> recorded() {
        return List.copyOf(recorded);
    }

    public synchronized int flushes() {
        return flushes;
    }

    /** Sum of a metric's data points over every dimension set. */
    public synchronized double sum(String name) {
        return recorded.stream().flatMap(m -> MetricData.of(m).stream()).filter(d -> d.name().equals(name))
                .mapToDouble(MetricDatum::value).sum();
    }

    /** Sum of a metric's data points with exactly these extra dimensions (empty: {@code Service} only). */
    public synchronized double sum(String name, Map<String, String> dimensions) {
        return recorded.stream().flatMap(m -> MetricData.of(m).stream())
                .filter(d -> d.name().equals(name) && d.dimensions().equals(dimensions))
                .mapToDouble(MetricDatum::value).sum();
    }
}
