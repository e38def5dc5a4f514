package dev.spotburst.functions.observability;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.config.NodeGroupConfig;
import dev.spotburst.functions.launch.LaunchCapacity;
import dev.spotburst.functions.launch.LaunchError;
import dev.spotburst.functions.launch.LaunchOutcome;
import dev.spotburst.functions.launch.LaunchPlan;
import dev.spotburst.functions.launch.LaunchTag;
import dev.spotburst.model.Market;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Observes every launch call on its way through the {@link LaunchCapacity} port: instances by market and API,
 * EC2 error codes, On-Demand fallbacks; and logs one line per call. The launch code itself stays unaware of metrics.
 */
public final class MeteredLaunchCapacity implements LaunchCapacity {
    private static final Logger log = LoggerFactory.getLogger(MeteredLaunchCapacity.class);

    private final LaunchCapacity delegate;
    private final ClusterConfig config;
    private final ControlPlaneMetrics metrics;

    public MeteredLaunchCapacity(LaunchCapacity delegate, ClusterConfig config, ControlPlaneMetrics metrics) {
        this.delegate = delegate;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public LaunchOutcome launch(LaunchPlan plan) {
        var outcome = delegate.launch(plan);
        observe(plan, outcome, purchasingOption(plan)).forEach(metrics::record);
        var codes = outcome.errors().stream().map(LaunchError::code).distinct().toList();
        Object[] fields = {entry("target", target(plan)), entry("market", market(plan).wire()),
                entry("api", api(plan).wire()), entry("requested", requested(plan)),
                entry("launched", outcome.instances().size()), entry("errorCodes", codes),
                entry("clientToken", plan.clientToken())};
        if (outcome.instances().isEmpty() && !outcome.errors().isEmpty()) {
            log.warn("launch got nothing: {} {} {} {} {} {} {}", fields);
        } else {
            log.info("launch: {} {} {} {} {} {} {}", fields);
        }
        return outcome;
    }

    /** What one launch call means in metrics. Pure. {@code purchasing}: the group's configured market, if known. */
    static List<ControlPlaneMetric> observe(LaunchPlan plan, LaunchOutcome outcome, Optional<Market> purchasing) {
        var out = new ArrayList<ControlPlaneMetric>();
        out.add(new ControlPlaneMetric.InstancesLaunched(market(plan), api(plan), outcome.instances().size()));
        outcome.errors().forEach(e -> out.add(new ControlPlaneMetric.LaunchErrorCode(e.code(), e.isCapacity())));
        // A persistent-Spot group's RunInstances in On-Demand is always the fallback; a fleet only when the group buys Spot.
        boolean fallback = market(plan) == Market.ON_DEMAND
                && (plan instanceof LaunchPlan.Instance || purchasing.orElse(Market.ON_DEMAND) == Market.SPOT);
        if (fallback) {
            out.add(new ControlPlaneMetric.OnDemandFallback(requested(plan)));
        }
        return List.copyOf(out);
    }

    private Optional<Market> purchasingOption(LaunchPlan plan) {
        return switch (plan) {
            case LaunchPlan.Fleet f -> config.nodeGroup(f.group()).map(NodeGroupConfig::purchasingOption);
            case LaunchPlan.Instance i -> config.nodeGroupOf(i.node()).map(NodeGroupConfig::purchasingOption);
        };
    }

    static ControlPlaneMetric.LaunchApi api(LaunchPlan plan) {
        return switch (plan) {
            case LaunchPlan.Fleet f -> ControlPlaneMetric.LaunchApi.FLEET;
            case LaunchPlan.Instance i -> ControlPlaneMetric.LaunchApi.RUN_INSTANCES;
        };
    }

    private static Market market(LaunchPlan plan) {
        return switch (plan) {
            case LaunchPlan.Fleet f -> f.market();
            case LaunchPlan.Instance i -> i.market();
        };
    }

    private static int requested(LaunchPlan plan) {
        return switch (plan) {
            case LaunchPlan.Fleet f -> f.count();
            case LaunchPlan.Instance i -> 1;
        };
    }

    /** The group of a fleet, the node of a RunInstances. */
    private static String target(LaunchPlan plan) {
        return switch (plan) {
            case LaunchPlan.Fleet f -> f.group().toString();
            case LaunchPlan.Instance i -> i.node().toString();
        };
    }

    @Override
    public void tag(String instanceId, List<LaunchTag> tags) {
        delegate.tag(instanceId, tags);
    }

    @Override
    public Map<String, String> subnetZones(Collection<String> subnetIds) {
        return delegate.subnetZones(subnetIds);
    }
}
