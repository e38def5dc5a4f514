package dev.spotburst.localruntime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.functions.ec2events.Ec2Event;
import dev.spotburst.json.Json;
import dev.spotburst.localcloud.EventPattern;
import dev.spotburst.localcloud.EventTarget;
import dev.spotburst.localcloud.LocalEventBus;
import dev.spotburst.localcloud.TaskHandler;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stack's EC2 event rules (cdk {@code events/EventRules}), put on the local cloud's bus: one rule per detail-type
 * ({@code source = aws.ec2}) → the EC2-events function, and hibernate-behaviour interruption warnings
 * ({@code detail.instance-action = hibernate}) → the {@code hibernation} state machine. Same rule names
 * ({@code <cluster>-<suffix>}), same patterns; a warning with action hibernate matches both, as on AWS.
 */
final class Ec2EventRoutes {
    /** detail-type → rule name suffix, as {@code EventRules.EC2_RULES}. */
    static final Map<String, String> EC2_RULES = Map.of(
            Ec2Event.INTERRUPTION_WARNING, "spot-interruption",
            Ec2Event.REBALANCE, "rebalance",
            Ec2Event.STATE_CHANGE, "instance-state-change");
    static final String HIBERNATION_RULE = "hibernation-workflow";
    static final String HIBERNATION_WORKFLOW = "hibernation";
    /** What the stack's {@code DefinitionSubstitutions} put in for the workflow Lambda. */
    static final String WORKFLOW_FUNCTION_ARN = "arn:aws:lambda:local:000000000000:function:spotburst-workflow";

    private Ec2EventRoutes() {
    }

    /** Puts the rules; returns their names (to remove them again). */
    static List<String> subscribe(LocalEventBus bus, String cluster, AsyncLambdaTarget<ScheduledEvent> ec2Events,
                                  StateMachineTarget hibernation) {
        var names = new ArrayList<String>();
        EC2_RULES.forEach((detailType, suffix) -> {
            String name = cluster + "-" + suffix;
            bus.putRule(name, EventPattern.builder().source("aws.ec2").detailType(detailType).build(),
                    EventTarget.handler(ec2Events::accept));
            names.add(name);
        });
        String name = cluster + "-" + HIBERNATION_RULE;
        bus.putRule(name, EventPattern.builder().source("aws.ec2").detailType(Ec2Event.INTERRUPTION_WARNING)
                .detail("instance-action", "hibernate").build(), EventTarget.handler(hibernation::accept));
        names.add(name);
        return names;
    }

    /** The event envelope as the Lambda Java runtime deserializes it for a {@code ScheduledEvent} handler. */
    static ScheduledEvent scheduledEvent(String json) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("event is not JSON: " + json, e);
        }
        Map<String, Object> detail = Json.mapper().convertValue(n.path("detail"), new TypeReference<>() { });
        List<String> resources = n.has("resources")
                ? Json.mapper().convertValue(n.get("resources"), new TypeReference<>() { }) : List.of();
        DateTime time = n.hasNonNull("time")
                ? new DateTime(Instant.parse(n.get("time").asText()).toEpochMilli(), DateTimeZone.UTC) : null;
        return new ScheduledEvent().withVersion(n.path("version").asText(null)).withId(n.path("id").asText(null))
                .withDetailType(n.path("detail-type").asText(null)).withSource(n.path("source").asText(null))
                .withAccount(n.path("account").asText(null)).withRegion(n.path("region").asText(null))
                .withTime(time).withResources(resources).withDetail(detail);
    }

    /** A Step Functions Lambda task backed by an in-process handler taking and returning a JSON object. */
    static TaskHandler lambdaTask(String functionName, RequestHandler<Map<String, Object>, Map<String, Object>> handler) {
        return input -> {
            Map<String, Object> in = Json.mapper().convertValue(input, new TypeReference<>() { });
            return Json.mapper().valueToTree(handler.handleRequest(in, LocalLambdaContext.of(functionName, 60)));
        };
    }

    /** The {@code hibernation.asl.json} bundled from the state-machines module at build time. */
    static String hibernationDefinition() {
        String resource = "asl/" + HIBERNATION_WORKFLOW + ".asl.json";
        try (InputStream in = Ec2EventRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the local-runtime jar (copied from "
                        + "state-machines/src/main/asl at build time)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
