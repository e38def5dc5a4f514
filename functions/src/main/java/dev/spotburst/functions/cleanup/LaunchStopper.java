package dev.spotburst.functions.cleanup;

import java.util.List;

/**
 * Stops what can launch capacity: EventBridge rules disabled, launch functions' reserved concurrency set to 0 (which
 * also stops their SQS event sources from delivering). A rule or function that no longer exists is already stopped.
 */
public interface LaunchStopper {

    /** @return a description of each path that could not be stopped (empty when all stopped) */
    List<String> stop(List<String> ruleNames, List<String> functionNames);
}
