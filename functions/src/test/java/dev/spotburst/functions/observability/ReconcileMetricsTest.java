package dev.spotburst.functions.observability;

import dev.spotburst.functions.fakes.FakeEc2;
import dev.spotburst.functions.fakes.MemoryStateStore;
import dev.spotburst.functions.fakes.RecordingSlurm;
import dev.spotburst.functions.fakes.TestConfig;
import dev.spotburst.functions.handlers.ReconcileHandler;
import dev.spotburst.functions.hibernation.HibernationService;
import dev.spotburst.functions.launch.InstanceView;
import dev.spotburst.functions.launch.LaunchTags;
import dev.spotburst.functions.launch.SpotRequestView;
import dev.spotburst.functions.reconcile.ReconcileExecutor;
import dev.spotburst.functions.reconcile.Reconciler;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.model.Market;
import dev.spotburst.model.MetricNames;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A reconcile that finds orphans writes them as EMF exactly where the CDK alarm looks. */
class ReconcileMetricsTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:05Z");

    final MemoryStateStore store = new MemoryStateStore();
    final FakeEc2 ec2 = new FakeEc2();
    final RecordingSlurm slurm = new RecordingSlurm();

    ReconcileHandler handler(ControlPlaneMetrics metrics) {
        var resume = new ResumeService(store, ec2, ec2, slurm);
        var executor = new ReconcileExecutor(store, ec2, ec2, slurm, resume, new HibernationService(store, ec2, slurm),
                metrics);
        return new ReconcileHandler(new Reconciler(store, ec2, executor), null, TestConfig.cluster(),
                Clock.fixed(NOW, ZoneOffset.UTC), metrics);
    }

    void orphans() {
        ec2.instances.put("i-0orphan", new InstanceView("i-0orphan", "running", "m6i.2xlarge", "eu-west-1a", "subnet-a",
                "10.0.1.9", null, NOW.minusSeconds(3600), Market.SPOT, null, Map.of(LaunchTags.CLUSTER, TestConfig.CLUSTER)));
        ec2.spotRequests.put("sir-orphan", new SpotRequestView("sir-orphan", "open", "pending", null, null,
                NOW.minusSeconds(3600)));
    }

    @Test
    void orphansFoundIsEmittedInNamespaceSpotburstWithOnlyTheServiceDimension() {
        orphans();
        var metrics = new EmfMetrics(MetricNames.NAMESPACE, TestConfig.CLUSTER);
        var emitted = EmfCapture.run(() -> handler(metrics).handleRequest(Map.of(), null));

        var found = EmfCapture.named(emitted, MetricNames.ORPHANS_FOUND);
        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.namespace()).isEqualTo("Spotburst");
            assertThat(e.dimensionSets()).containsExactly(List.of("Service"));
            assertThat(e.dimensions()).containsExactly(Map.entry("Service", "demo"));
            assertThat(e.value()).isEqualTo(2.0);
            assertThat(e.unit()).isEqualTo("Count");
        });
        assertThat(EmfCapture.named(emitted, MetricNames.ORPHANS_SWEPT)).singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo(2.0));
        assertThat(EmfCapture.named(emitted, MetricNames.RECONCILE_DURATION)).singleElement()
                .satisfies(e -> assertThat(e.unit()).isEqualTo("Milliseconds"));
        assertThat(EmfCapture.named(emitted, MetricNames.RECONCILE_ACTIONS)).anySatisfy(e -> {
            assertThat(e.dimensionSets()).containsExactly(List.of("Kind", "Service"));
            assertThat(e.dimensions()).containsEntry("Kind", "Sweep").containsEntry("Service", "demo");
        });
        assertThat(ec2.terminated).contains("i-0orphan");
    }

    @Test
    void metricsAreWrittenOnceAtTheEndOfTheInvocationEvenWhenItFails() {
        var metrics = new RecordingMetrics();
        handler(metrics).handleRequest(Map.of(), null);
        assertThat(metrics.flushes()).isEqualTo(1);
        assertThat(metrics.sum(MetricNames.ORPHANS_FOUND)).as("a full pass records zero orphans too").isZero();
        assertThat(metrics.recorded()).hasAtLeastOneElementOfType(ControlPlaneMetric.OrphansFound.class);


        var failing = new RecordingMetrics();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Invocation.run(null, failing, () -> {
            failing.record(new ControlPlaneMetric.OrphansFound(1));
            throw new IllegalStateException("EC2 unavailable");
        })).hasMessage("EC2 unavailable");
        assertThat(failing.flushes()).as("flushed although the work threw").isEqualTo(1);
    }

    @Test
    void aPartialReconcileLooksForNoOrphans() {
        orphans();
        var metrics = new RecordingMetrics();
        handler(metrics).handleRequest(Map.of("groups", List.of("batch-spot")), null);
        assertThat(metrics.recorded()).noneMatch(m -> m instanceof ControlPlaneMetric.OrphansFound);
        assertThat(metrics.recorded()).hasAtLeastOneElementOfType(ControlPlaneMetric.ReconcileRun.class);
    }
}
