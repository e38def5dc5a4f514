package dev.spotburst.functions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.ControlPlane;
import dev.spotburst.functions.ec2events.Ec2Event;
import dev.spotburst.functions.ec2events.Ec2EventService;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** EventBridge EC2 events (interruption warning, rebalance recommendation, instance state change). */
public final class Ec2EventHandler implements RequestHandler<ScheduledEvent, String> {
    private final Ec2EventService service;
    private final ClusterConfig config;
    private final Clock clock;

    public Ec2EventHandler() {
        this(ControlPlane.fromEnvironment());
    }

    private Ec2EventHandler(ControlPlane cp) {
        this(new Ec2EventService(cp.store, cp.slurm, cp.reconciler, cp.hibernation, cp.ec2), cp.config, cp.clock);
    }

    public Ec2EventHandler(Ec2EventService service, ClusterConfig config, Clock clock) {
        this.service = service;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        Map<String, Object> d = event.getDetail() == null ? Map.of() : event.getDetail();
        var e = new Ec2Event(event.getId(), event.getDetailType(),
                event.getTime() == null ? null : Instant.ofEpochMilli(event.getTime().getMillis()),
                str(d.get("instance-id")), str(d.get("instance-action")), str(d.get("state")));
        return service.handle(config, e, clock.instant()).getClass().getSimpleName();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
