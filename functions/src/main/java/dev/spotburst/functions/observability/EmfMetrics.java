package dev.spotburst.functions.observability;

import dev.spotburst.model.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * CloudWatch Embedded Metric Format through Powertools metrics: data points are summed during the invocation and
 * written by {@link #flush} as one EMF line per dimension set (stdout; CloudWatch Logs extracts the metrics).
 * Every line has dimension {@code Service=<cluster>}, exactly what the CDK alarms query, plus the metric's own
 * breakdown if it has one.
 * <p>
 * Each flush uses a fresh Powertools EMF logger rather than the JVM-wide {@code MetricsFactory} instance, whose
 * namespace and dimensions would leak from one dimension set (and one test) into the next.
 */
public final class EmfMetrics implements ControlPlaneMetrics {
    private static final Logger log = LoggerFactory.getLogger(EmfMetrics.class);
    /** The variable Powertools reads; the CDK sets it to {@link MetricNames#NAMESPACE}. */
    public static final String NAMESPACE_ENV = "POWERTOOLS_METRICS_NAMESPACE";

    private record Key(String name, MetricDatum.Unit unit, Map<String, String> dimensions) {
    }

    private final String namespace;
    private final String cluster;
    private final Supplier<Metrics> loggers;
    private final Map<Key, Double> pending = new LinkedHashMap<>();

    public EmfMetrics(String namespace, String cluster) {
        this(namespace, cluster, () -> new EmfMetricsProvider().getMetricsInstance());
    }

    EmfMetrics(String namespace, String cluster, Supplier<Metrics> loggers) {
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("metrics need the cluster name (dimension Service), got '" + cluster + "'");
        }
        this.namespace = namespace == null || namespace.isBlank() ? MetricNames.NAMESPACE : namespace;
        this.cluster = cluster;
        this.loggers = loggers;
    }

    /** Namespace from {@code POWERTOOLS_METRICS_NAMESPACE} (default {@code Spotburst}); {@code Service} = cluster. */
    public static EmfMetrics fromEnvironment(String cluster) {
        return new EmfMetrics(System.getenv(NAMESPACE_ENV), cluster);
    }

    @Override
    public synchronized void record(ControlPlaneMetric metric) {
        for (var d : MetricData.of(metric)) {
            pending.merge(new Key(d.name(), d.unit(), d.dimensions()), d.value(), Double::sum);
        }
    }

    @Override
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        var byDimensions = new LinkedHashMap<Map<String, String>, Map<Key, Double>>();
        pending.forEach((k, v) -> byDimensions.computeIfAbsent(k.dimensions(), d -> new LinkedHashMap<>()).put(k, v));
        pending.clear();
        byDimensions.forEach((dimensions, values) -> {
            try {
                Metrics m = loggers.get();
                m.setNamespace(namespace);
                // One set: Service plus the breakdown. A second, separate set would publish the breakdown without Service.
                var all = new TreeMap<String, String>(dimensions);
                all.put(MetricNames.SERVICE, cluster);
                m.setDefaultDimensions(DimensionSet.of(all));
                values.forEach((k, v) -> m.addMetric(k.name(), v, unit(k.unit())));
                m.flush();
            } catch (RuntimeException e) {
                // Metrics must never fail the invocation whose work is already done.
                log.warn("could not write metrics {}: {}", values.keySet().stream().map(Key::name).toList(),
                        e.toString());
            }
        });
    }

    private static MetricUnit unit(MetricDatum.Unit u) {
        return switch (u) {
            case COUNT -> MetricUnit.COUNT;
            case MILLISECONDS -> MetricUnit.MILLISECONDS;
        };
    }
}
