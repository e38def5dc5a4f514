package dev.spotburst.functions.observability;

import dev.spotburst.model.Market;
import dev.spotburst.model.MetricNames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract with {@code cdk/.../observability/Monitoring.java}: every custom metric it alarms on or graphs is
 * emitted under that name, in namespace {@code Spotburst}, with exactly the dimension set {@code [Service]}. A
 * mismatch is silent in production (the alarm watches a metric nobody writes), so it fails here instead.
 */
class AlarmContractTest {
    static final Path MONITORING = Path.of("..", "cdk", "src", "main", "java", "dev", "spotburst", "cdk",
            "observability", "Monitoring.java");

    /** One of every metric kind (the sealed interface's permitted records; checked below). */
    static List<ControlPlaneMetric> everyKind() {
        return List.of(new ControlPlaneMetric.ResumesRequested(3),
                new ControlPlaneMetric.InstancesLaunched(Market.SPOT, ControlPlaneMetric.LaunchApi.FLEET, 2),
                new ControlPlaneMetric.LaunchFailures(1),
                new ControlPlaneMetric.LaunchErrorCode("InsufficientInstanceCapacity", true),
                new ControlPlaneMetric.OnDemandFallback(1), new ControlPlaneMetric.NodesDown(1),
                new ControlPlaneMetric.Interruption(), new ControlPlaneMetric.RebalanceRecommendation(),
                new ControlPlaneMetric.HibernationStarted(), new ControlPlaneMetric.HibernationSurvived(),
                new ControlPlaneMetric.HibernationLost(), new ControlPlaneMetric.RescueDone(),
                new ControlPlaneMetric.RescueFailed(), new ControlPlaneMetric.OrphansFound(2),
                new ControlPlaneMetric.OrphansSwept(2),
                new ControlPlaneMetric.ReconcileRun(Duration.ofMillis(40), Map.of("Sweep", 1)),
                new ControlPlaneMetric.StuckNodeRepairs(1), new ControlPlaneMetric.PoisonMessage());
    }

    /** Metric names Monitoring passes to {@code custom(cluster, NAME)}, resolved through its MetricNames aliases. */
    static Set<String> queriedByMonitoring(String source) throws ReflectiveOperationException {
        Map<String, String> aliases = new HashMap<>();
        var alias = Pattern.compile("static final String (\\w+) = MetricNames\\.(\\w+);").matcher(source);
        while (alias.find()) {
            aliases.put(alias.group(1), alias.group(2));
        }
        var out = new LinkedHashSet<String>();
        var custom = Pattern.compile("custom\\(\\s*[\\w.()]+\\s*,\\s*([\\w.\"]+)\\s*\\)").matcher(source);
        while (custom.find()) {
            String ref = custom.group(1);
            assertThat(ref).as("Monitoring must name custom metrics through MetricNames, not literals").doesNotStartWith("\"");
            String field = ref.startsWith("MetricNames.") ? ref.substring("MetricNames.".length())
                    : aliases.getOrDefault(ref, ref);
            out.add((String) MetricNames.class.getField(field).get(null));
        }
        return out;
    }

    @Test
    void everyMetricKindIsCovered() {
        var kinds = everyKind().stream().map(Object::getClass).toList();
        assertThat(kinds).containsExactlyInAnyOrder(ControlPlaneMetric.class.getPermittedSubclasses());
    }

    @Test
    void monitoringQueriesSharedNamesInTheSharedNamespaceAndDimension() throws Exception {
        String source = Files.readString(MONITORING);
        assertThat(source).contains(".namespace(MetricNames.NAMESPACE)")
                .contains(".dimensionsMap(Map.of(MetricNames.SERVICE, cluster))");
        var queried = queriedByMonitoring(source);
        assertThat(queried).as("metrics Monitoring alarms on or graphs").containsAll(MetricNames.ALARMED)
                .contains(MetricNames.ORPHANS_SWEPT);
    }

    @Test
    void everyMetricMonitoringQueriesIsEmittedWithExactlyServiceInSpotburst() throws Exception {
        var queried = queriedByMonitoring(Files.readString(MONITORING));
        var metrics = new EmfMetrics(null, "demo"); // no POWERTOOLS_METRICS_NAMESPACE in tests: the default applies
        var emitted = EmfCapture.run(() -> {
            everyKind().forEach(metrics::record);
            metrics.flush();
        });
        var names = new ArrayList<String>();
        emitted.forEach(e -> names.add(e.name()));
        assertThat(names).containsAll(queried);
        for (var e : emitted) {
            assertThat(e.namespace()).isEqualTo(MetricNames.NAMESPACE);
            assertThat(e.dimensions()).as(e.name()).containsEntry(MetricNames.SERVICE, "demo");
            if (queried.contains(e.name())) {
                assertThat(e.dimensionSets()).as(e.name() + " is queried by Service alone")
                        .containsExactly(List.of(MetricNames.SERVICE));
            }
        }
    }

    @Test
    void alarmedAndGraphedMetricsHaveNoExtraDimensionInTheMapping() throws Exception {
        var queried = queriedByMonitoring(Files.readString(MONITORING));
        everyKind().stream().flatMap(m -> MetricData.of(m).stream()).filter(d -> queried.contains(d.name()))
                .forEach(d -> assertThat(d.dimensions()).as(d.name()).isEmpty());
    }

    @Test
    void monitoringSourceIsReadable() throws IOException {
        assertThat(Files.readString(MONITORING)).contains("class Monitoring");
    }
}
