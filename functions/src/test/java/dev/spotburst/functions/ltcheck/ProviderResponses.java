package dev.spotburst.functions.ltcheck;

import dev.spotburst.functions.handlers.LaunchTemplateCheckHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the CDK Provider framework sends CloudFormation for an onEvent-only resource: SUCCESS with the returned
 * PhysicalResourceId, or FAILED with the exception's message as the reason. Records every response.
 */
final class ProviderResponses {
    record Response(String status, String physicalResourceId, String reason) {
    }

    final List<Response> sent = new ArrayList<>();

    Response send(LaunchTemplateCheckHandler handler, Map<String, Object> event) {
        Response r;
        try {
            var result = handler.handleRequest(event, null);
            r = new Response("SUCCESS", String.valueOf(result.get("PhysicalResourceId")), null);
        } catch (RuntimeException e) {
            r = new Response("FAILED", null, e.getMessage());
        }
        sent.add(r);
        return r;
    }
}
