package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.ec2events.Ec2Event;
import dev.spotburst.functions.ec2events.Ec2EventAction;
import dev.spotburst.functions.ec2events.Ec2EventService;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.observability.Invocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/** EventBridge EC2 events (interruption warning, rebalance recommendation, instance state change). */
public final class Ec2EventHandler implements RequestHandler<ScheduledEvent, String> {
    private static final Logger log = LoggerFactory.getLogger(Ec2EventHandler.class);
    private final Ec2EventService service;
    private final ClusterConfig config;
    private final Clock clock;
    private final ControlPlaneMetrics metrics;

    public Ec2EventHandler() {
        this(ControlPlane.fromEnvironment());
    }

    private Ec2EventHandler(ControlPlane cp) {
        this(new Ec2EventService(cp.store, cp.slurm, cp.reconciler, cp.hibernation, cp.ec2, cp.metrics), cp.config,
                cp.clock, cp.metrics);
    }

    public Ec2EventHandler(Ec2EventService service, ClusterConfig config, Clock clock) {
        this(service, config, clock, ControlPlaneMetrics.NONE);
    }

    /** @param metrics what {@code service} records into; written once at the end of each invocation */
    public Ec2EventHandler(Ec2EventService service, ClusterConfig config, Clock clock, ControlPlaneMetrics metrics) {
        this.metrics = metrics;
        this.service = service;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        return Invocation.run(context, metrics, () -> handle(event));
    }

    private String handle(ScheduledEvent event) {
        Map<String, Object> d = event.getDetail() == null ? Map.of() : event.getDetail();
        var e = new Ec2Event(event.getId(), event.getDetailType(),
                event.getTime() == null ? null : Instant.ofEpochMilli(event.getTime().getMillis()),
                str(d.get("instance-id")), str(d.get("instance-action")), str(d.get("state")));
        var action = service.handle(config, e, clock.instant());
        String decided = action.getClass().getSimpleName();
        log.info("ec2 event {}: {} {} {} {} {}", decided, entry("eventId", e.id()), entry("detailType", e.detailType()),
                entry("instanceId", e.instanceId()), entry("node", node(action)),
                entry("why", action instanceof Ec2EventAction.Ignore i ? i.why() : null));
        return decided;
    }

    private static String node(Ec2EventAction a) {
        return switch (a) {
            case Ec2EventAction.Ignore i -> null;
            case Ec2EventAction.Interrupt i -> i.node().node().toString();
            case Ec2EventAction.Rebalance r -> r.node().node().toString();
            case Ec2EventAction.Hibernation h -> h.node().node().toString();
            case Ec2EventAction.InterruptionEnded x -> x.node().node().toString();
            case Ec2EventAction.InstanceRunning r -> r.node().node().toString();
            case Ec2EventAction.ReconcileGroup g -> g.group().toString();
        };
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
