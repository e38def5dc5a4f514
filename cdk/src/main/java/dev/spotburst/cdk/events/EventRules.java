package dev.spotburst.cdk.events;

import dev.spotburst.cdk.ClusterNames;
import dev.spotburst.cdk.nag.Suppress;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EventBridge: the EC2 events the control plane reacts to (one rule per detail-type) and the reconcile schedule.
 * Rules have explicit names so the stack cleanup can disable them by name without referencing them (docs/cleanup.md).
 * Events a target could not take after retries land in an encrypted dead-letter queue.
 */
public final class EventRules extends Construct {

    public static final String SPOT_INTERRUPTION = "EC2 Spot Instance Interruption Warning";
    public static final String REBALANCE = "EC2 Instance Rebalance Recommendation";
    public static final String STATE_CHANGE = "EC2 Instance State-change Notification";

    /** detail-type → rule name suffix. */
    public static final Map<String, String> EC2_RULES = orderedRules();
    public static final String SCHEDULE_RULE = "reconcile-schedule";
    /** Starts the hibernation workflow (state machine {@code hibernation}) on a hibernate-behaviour warning. */
    public static final String HIBERNATION_RULE = "hibernation-workflow";
    public static final String HIBERNATION_WORKFLOW = "hibernation";

    /**
     * @param stateMachines the deployed workflows by name; a {@code hibernation} one gets its own rule, since the
     *                      workflow takes the raw warning event as input and owns the stop timeout
     */
    public record Props(ClusterNames names, IFunction ec2Events, IFunction reconcile, int reconcileIntervalSeconds,
                        Map<String, ? extends IStateMachine> stateMachines) {
    }

    private final Map<String, Rule> ec2Rules = new LinkedHashMap<>();
    private final Rule schedule;
    private final Rule hibernationRule;
    private final Queue deadLetterQueue;

    public EventRules(Construct scope, String id, Props props) {
        super(scope, id);
        deadLetterQueue = Queue.Builder.create(this, "TargetDlq")
                .queueName(props.names().cluster() + "-events-dlq")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Suppress.rule(deadLetterQueue, "AwsSolutions-SQS3",
                "This queue is itself the dead-letter queue of the EventBridge targets.");
        EC2_RULES.forEach((detailType, suffix) -> {
            Rule rule = Rule.Builder.create(this, suffix)
                    .ruleName(props.names().rule(suffix))
                    .description("spotburst: " + detailType)
                    .eventPattern(EventPattern.builder().source(List.of("aws.ec2")).detailType(List.of(detailType)).build())
                    .targets(List.of(target(props.ec2Events())))
                    .build();
            ec2Rules.put(detailType, rule);
        });
        IStateMachine hibernation = props.stateMachines().get(HIBERNATION_WORKFLOW);
        if (hibernation != null) {
            // Only warnings whose action is hibernate: terminate/stop interruptions are handled by the event handler.
            hibernationRule = Rule.Builder.create(this, HIBERNATION_RULE)
                    .ruleName(props.names().rule(HIBERNATION_RULE))
                    .description("spotburst: start the hibernation workflow on a hibernate-behaviour Spot warning")
                    .eventPattern(EventPattern.builder().source(List.of("aws.ec2")).detailType(List.of(SPOT_INTERRUPTION))
                            .detail(Map.of("instance-action", List.of("hibernate"))).build())
                    .targets(List.of(SfnStateMachine.Builder.create(hibernation)
                            .deadLetterQueue(deadLetterQueue)
                            .retryAttempts(4)
                            .maxEventAge(Duration.minutes(10))
                            .build()))
                    .build();
        } else {
            hibernationRule = null;
        }
        schedule = Rule.Builder.create(this, "ReconcileSchedule")
                .ruleName(props.names().rule(SCHEDULE_RULE))
                .description("spotburst: reconcile wanted vs actual capacity")
                .schedule(Schedule.rate(Duration.minutes(scheduleMinutes(props.reconcileIntervalSeconds()))))
                .targets(List.of(target(props.reconcile())))
                .build();
    }

    /** EventBridge rates are whole minutes: round the configured interval up, at least one minute. */
    public static int scheduleMinutes(int seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }

    private LambdaFunction target(IFunction fn) {
        return LambdaFunction.Builder.create(fn)
                .deadLetterQueue(deadLetterQueue)
                .retryAttempts(4)
                .maxEventAge(Duration.minutes(10))
                .build();
    }

    private static Map<String, String> orderedRules() {
        var m = new LinkedHashMap<String, String>();
        m.put(SPOT_INTERRUPTION, "spot-interruption");
        m.put(REBALANCE, "rebalance");
        m.put(STATE_CHANGE, "instance-state-change");
        return java.util.Collections.unmodifiableMap(m);
    }

    public List<Rule> all() {
        var l = new java.util.ArrayList<>(ec2Rules.values());
        if (hibernationRule != null) {
            l.add(hibernationRule);
        }
        l.add(schedule);
        return List.copyOf(l);
    }

    public List<String> ruleNameSuffixes() {
        var l = new java.util.ArrayList<>(EC2_RULES.values());
        if (hibernationRule != null) {
            l.add(HIBERNATION_RULE);
        }
        l.add(SCHEDULE_RULE);
        return List.copyOf(l);
    }

    public Queue deadLetterQueue() {
        return deadLetterQueue;
    }
}
