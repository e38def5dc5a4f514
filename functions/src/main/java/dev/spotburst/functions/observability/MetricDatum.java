package dev.spotburst.functions.observability;

import java.util.Map;

/**
 * One CloudWatch data point, without Powertools types. {@code dimensions} are those beyond the default
 * {@code Service=<cluster>}; empty means exactly {@code [Service]}, the set the CDK alarms and dashboard query.
 */
public record MetricDatum(String name, double value, Unit unit, Map<String, String> dimensions) {

    public enum Unit { COUNT, MILLISECONDS }

    public MetricDatum {
        dimensions = Map.copyOf(dimensions);
    }

    static MetricDatum count(String name, double value) {
        return new MetricDatum(name, value, Unit.COUNT, Map.of());
    }
}
