package dev.spotburst.functions.cleanup;

import dev.spotburst.functions.handlers.StackCleanupHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives the handler the way the CDK Provider framework does for a Delete: onEvent once, then isComplete every
 * query interval until true, an exception (FAILED with its message), or the poll limit (the framework's
 * totalTimeout, "Operation timed out"). Records every response sent to CloudFormation.
 */
final class ProviderSimulation {
    record Outcome(String status, String reason, int invocations, List<String> responses) {
    }

    interface BetweenPolls {
        void afterInvocation(int invocation);
    }

    static Outcome delete(StackCleanupHandler handler, Map<String, Object> deleteEvent, int maxPolls, BetweenPolls between) {
        var responses = new ArrayList<String>();
        int invocations = 0;
        Map<String, Object> onEventResult;
        try {
            invocations++;
            onEventResult = handler.handleRequest(deleteEvent, FakeContext.plenty());
        } catch (RuntimeException e) {
            responses.add("FAILED");
            return new Outcome("FAILED", e.getMessage(), invocations, responses);
        } finally {
            between.afterInvocation(invocations);
        }
        var isComplete = CleanupEvents.isCompleteFor(deleteEvent, onEventResult);
        for (int poll = 0; poll < maxPolls; poll++) {
            Map<String, Object> r;
            try {
                invocations++;
                r = handler.handleRequest(isComplete, FakeContext.plenty());
            } catch (RuntimeException e) {
                responses.add("FAILED");
                return new Outcome("FAILED", e.getMessage(), invocations, responses);
            } finally {
                between.afterInvocation(invocations);
            }
            if (Boolean.TRUE.equals(r.get("IsComplete"))) {
                responses.add("SUCCESS");
                return new Outcome("SUCCESS", null, invocations, responses);
            }
            if (r.containsKey("Data")) {
                throw new AssertionError("the framework rejects Data with IsComplete=false: " + r);
            }
        }
        responses.add("FAILED");
        return new Outcome("FAILED", "Operation timed out", invocations, responses);
    }

    private ProviderSimulation() {
    }
}
