package dev.spotburst.ec2emu.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * EventBridge envelopes as EC2 emits them: {@code version, id, detail-type, source, account, time, region, resources,
 * detail}. Instance events come from {@code aws.ec2}; fleet events from {@code aws.ec2fleet}, and only for fleets of
 * type maintain and request (EC2 User Guide, "EC2 Fleet event types"). Detail shapes:
 * <ul>
 * <li>State-change: {@code {"instance-id","state"}} (User Guide, "State change events for Amazon EC2 instances")</li>
 * <li>Interruption warning: {@code {"instance-id","instance-action": terminate|stop|hibernate}}
 * (User Guide, "Spot Instance interruption notices")</li>
 * <li>Rebalance recommendation: {@code {"instance-id"}} (User Guide, "EC2 instance rebalance recommendations")</li>
 * <li>Fleet events: {@code {"sub-type", …}}; Instance Change adds {@code instance-id} and a JSON-string
 * {@code description}.</li>
 * </ul>
 */
final class EventFactory {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String region;
    private final String account;
    private final Ids ids;

    EventFactory(String region, String account, Ids ids) {
        this.region = region;
        this.account = account;
        this.ids = ids;
    }

    String instanceArn(String instanceId) {
        return "arn:aws:ec2:" + region + ":" + account + ":instance/" + instanceId;
    }

    String fleetArn(String fleetId) {
        return "arn:aws:ec2:" + region + ":" + account + ":fleet/" + fleetId;
    }

    String stateChange(Instant t, String instanceId, String state) {
        ObjectNode d = MAPPER.createObjectNode().put("instance-id", instanceId).put("state", state);
        return envelope(t, "aws.ec2", "EC2 Instance State-change Notification", instanceArn(instanceId), d);
    }

    String interruptionWarning(Instant t, String instanceId, String action) {
        ObjectNode d = MAPPER.createObjectNode().put("instance-id", instanceId).put("instance-action", action);
        return envelope(t, "aws.ec2", "EC2 Spot Instance Interruption Warning", instanceArn(instanceId), d);
    }

    String rebalance(Instant t, String instanceId) {
        ObjectNode d = MAPPER.createObjectNode().put("instance-id", instanceId);
        return envelope(t, "aws.ec2", "EC2 Instance Rebalance Recommendation", instanceArn(instanceId), d);
    }

    String fleetStateChange(Instant t, String fleetId, String subType) {
        ObjectNode d = MAPPER.createObjectNode().put("sub-type", subType);
        return envelope(t, "aws.ec2fleet", "EC2 Fleet State Change", fleetArn(fleetId), d);
    }

    String fleetInstanceChange(Instant t, String fleetId, Instance i, String subType) {
        String description;
        try {
            description = MAPPER.writeValueAsString(Map.of("instanceType", i.instanceType, "image", i.imageId,
                    "productDescription", "Linux/UNIX", "availabilityZone", i.availabilityZone));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode d = MAPPER.createObjectNode().put("instance-id", i.id).put("description", description)
                .put("sub-type", subType);
        return envelope(t, "aws.ec2fleet", "EC2 Fleet Instance Change", fleetArn(fleetId), d);
    }

    String fleetError(Instant t, String fleetId, String subType, String description) {
        ObjectNode d = MAPPER.createObjectNode().put("description", description).put("sub-type", subType);
        return envelope(t, "aws.ec2fleet", "EC2 Fleet Error", fleetArn(fleetId), d);
    }

    private String envelope(Instant t, String source, String detailType, String resource, ObjectNode detail) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("version", "0");
        e.put("id", ids.uuid());
        e.put("detail-type", detailType);
        e.put("source", source);
        e.put("account", account);
        e.put("time", t.truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("region", region);
        e.putArray("resources").add(resource);
        e.set("detail", detail);
        try {
            return MAPPER.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
