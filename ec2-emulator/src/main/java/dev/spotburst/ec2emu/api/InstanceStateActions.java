package dev.spotburst.ec2emu.api;

import dev.spotburst.ec2emu.core.Ec2ApiException;
import dev.spotburst.ec2emu.core.FleetEngine;
import dev.spotburst.ec2emu.core.Instance;
import dev.spotburst.ec2emu.core.InstanceState;
import dev.spotburst.ec2emu.core.SpotRequest;
import dev.spotburst.ec2emu.core.World;
import dev.spotburst.ec2emu.wire.QueryParams;
import dev.spotburst.ec2emu.wire.Xml;

import java.util.ArrayList;
import java.util.List;

/**
 * TerminateInstances, StopInstances and StartInstances. Every id is validated before anything changes (all or
 * nothing, as EC2 does). Spot specifics (EC2 User Guide, "Stop a Spot Instance", "State changes for a Spot request"):
 * only instances of persistent requests can be stopped; the user stopping one disables the request until the user
 * starts it again; terminating the instance of a persistent request opens the request again so it launches a new one.
 */
final class InstanceStateActions {

    private final World w;

    InstanceStateActions(World w) {
        this.w = w;
    }

    String terminate(QueryParams p, String requestId) {
        List<String> ids = requiredIds(p);
        return w.locked(() -> {
            List<Instance> list = ResourceIds.instances(w, ids);
            List<String[]> rows = new ArrayList<>();
            for (Instance i : list) {
                InstanceState prev = i.state;
                if (!i.state.gone()) {
                    w.terminate(i, "Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown",
                            w.userTransitionReason("terminate"), false);
                    SpotRequest r = request(i);
                    if (r != null && !"cancelled".equals(r.state) && !"closed".equals(r.state)) {
                        boolean persistent = "persistent".equals(r.type) && !r.fleetManaged;
                        w.spot.status(r, persistent ? "open" : "closed", "instance-terminated-by-user",
                                "Spot Instance terminated due to user-initiated termination.");
                    }
                }
                rows.add(new String[] {i.id, i.state.name(), prev.name()});
            }
            Xml x = Xml.response("TerminateInstances", requestId);
            InstanceXml.stateChanges(x, rows);
            return x.finish();
        });
    }

    String stop(QueryParams p, String requestId) {
        List<String> ids = requiredIds(p);
        boolean hibernate = p.bool("Hibernate").orElse(false);
        p.bool("Force");
        return w.locked(() -> {
            List<Instance> list = ResourceIds.instances(w, ids);
            for (Instance i : list) {
                if (i.state.gone() || i.state == InstanceState.PENDING) {
                    throw new Ec2ApiException("IncorrectInstanceState",
                            "This instance '" + i.id + "' is not in a state from which it can be stopped.");
                }
                if (hibernate && !i.hibernationConfigured && i.state == InstanceState.RUNNING) {
                    throw new Ec2ApiException("UnsupportedHibernationConfiguration", "The instance '" + i.id
                            + "' does not have hibernation configured. Hibernation must be enabled at launch.");
                }
                SpotRequest r = request(i);
                if (i.isSpot() && (r == null || !"persistent".equals(r.type) || r.fleetManaged)) {
                    throw new Ec2ApiException("UnsupportedOperation", "You can't stop the Spot Instance '" + i.id
                            + "' because it is associated with a one-time Spot Instance request. You can only stop Spot "
                            + "Instances associated with persistent Spot Instance requests.");
                }
            }
            List<String[]> rows = new ArrayList<>();
            for (Instance i : list) {
                InstanceState prev = i.state;
                if (i.state == InstanceState.RUNNING) {
                    w.stop(i, hibernate, hibernate ? "Client.UserInitiatedHibernate" : "Client.UserInitiatedShutdown",
                            hibernate ? "Client.UserInitiatedHibernate: User initiated hibernate"
                                    : "Client.UserInitiatedShutdown: User initiated shutdown",
                            w.userTransitionReason("stop"), false);
                    SpotRequest r = request(i);
                    if (r != null && !"cancelled".equals(r.state)) {
                        w.spot.status(r, "disabled", "instance-stopped-by-user", "Your Spot Instance was stopped by the user.");
                    }
                }
                rows.add(new String[] {i.id, i.state.name(), prev.name()});
            }
            Xml x = Xml.response("StopInstances", requestId);
            InstanceXml.stateChanges(x, rows);
            return x.finish();
        });
    }

    String start(QueryParams p, String requestId) {
        List<String> ids = requiredIds(p);
        return w.locked(() -> {
            List<Instance> list = ResourceIds.instances(w, ids);
            for (Instance i : list) {
                if (i.state.gone() || i.state == InstanceState.STOPPING) {
                    throw new Ec2ApiException("IncorrectInstanceState",
                            "The instance '" + i.id + "' is not in a state from which it can be started.");
                }
                if (i.state == InstanceState.STOPPED && i.stoppedBySpot) {
                    throw new Ec2ApiException("IncorrectSpotRequestState", "The Spot Instance '" + i.id
                            + "' was stopped by the Spot service; only the Spot service can restart it.");
                }
                if (i.state == InstanceState.STOPPED && w.rootVolume(i) == null) {
                    throw new Ec2ApiException("InvalidParameterValue", "Invalid value '" + i.id
                            + "' for instanceId. Instance does not have a volume attached at root (" + i.rootDeviceName + ")");
                }
                if (i.state == InstanceState.STOPPED && w.available(i.pool()) <= 0) {
                    throw new Ec2ApiException("InsufficientInstanceCapacity",
                            FleetEngine.insufficientMessage(i.instanceType, i.availabilityZone, i.market));
                }
            }
            List<String[]> rows = new ArrayList<>();
            for (Instance i : list) {
                InstanceState prev = i.state;
                if (i.state == InstanceState.STOPPED) {
                    w.start(i);
                    SpotRequest r = request(i);
                    if (r != null && "disabled".equals(r.state)) {
                        w.spot.fulfilled(r, i.id);
                    }
                }
                rows.add(new String[] {i.id, i.state.name(), prev.name()});
            }
            Xml x = Xml.response("StartInstances", requestId);
            InstanceXml.stateChanges(x, rows);
            return x.finish();
        });
    }

    private SpotRequest request(Instance i) {
        return i.spotRequestId == null ? null : w.spotRequests.get(i.spotRequestId);
    }

    private static List<String> requiredIds(QueryParams p) {
        List<String> ids = p.list("InstanceId");
        if (ids.isEmpty()) {
            throw Ec2ApiException.missing("InstanceId");
        }
        if (ids.size() > 1000) {
            throw Ec2ApiException.invalidValue("InstanceId", ids.size() + " ids", "Expected: at most 1000 instance ids.");
        }
        return ids;
    }
}
