package dev.spotburst.functions.cleanup.aws;

import dev.spotburst.functions.aws.AwsClients;
import dev.spotburst.functions.cleanup.CleanupEc2;
import dev.spotburst.functions.cleanup.LaunchStopper;
import dev.spotburst.functions.ec2.ThrottleRetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cleanup's views of the clients {@link AwsClients} builds: EC2 per node-group region, and the launch stopper
 * (EventBridge and Lambda, built on first use: only a Delete needs them).
 */
public final class CleanupClients {
    private final AwsClients shared;
    private final ThrottleRetry retry;
    private final Map<String, CleanupEc2> byRegion = new ConcurrentHashMap<>();
    private AwsLaunchStopper stopper;

    public CleanupClients(AwsClients shared, ThrottleRetry retry) {
        this.shared = shared;
        this.retry = retry;
    }

    public String homeRegion() {
        return shared.ec2().serviceClientConfiguration().region().id();
    }

    public CleanupEc2 ec2(String region) {
        return byRegion.computeIfAbsent(region, r -> new Ec2CleanupAdapter(shared.ec2(r), retry));
    }

    public LaunchStopper launchStopper() {
        return (rules, functions) -> stopper().stop(rules, functions);
    }

    private synchronized AwsLaunchStopper stopper() {
        if (stopper == null) {
            stopper = new AwsLaunchStopper(shared.eventBridge(), shared.lambda());
        }
        return stopper;
    }
}
