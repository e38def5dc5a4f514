package dev.spotburst.cdk.observability;

import dev.spotburst.model.MetricNames;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alarms and a dashboard. Alarms: any dead-letter queue not empty; the reconciler not invoked for 5 minutes;
 * orphans found; launch failures; handler errors; failed workflow executions. Custom metrics come from the
 * handlers through Powertools EMF: namespace {@code Spotburst}, dimension {@code Service=<cluster>}.
 */
public final class Monitoring extends Construct {

    public static final Duration PERIOD = Duration.minutes(5);
    /** Metric names and dimensions are shared with the functions that emit them ({@link MetricNames}). */
    public static final String ORPHANS_FOUND = MetricNames.ORPHANS_FOUND;
    public static final String ORPHANS_SWEPT = MetricNames.ORPHANS_SWEPT;
    public static final String LAUNCH_FAILURES = MetricNames.LAUNCH_FAILURES;

    /**
     * @param deadLetterQueues name → DLQ
     * @param functions        name → function (error alarms, dashboard)
     */
    public record Props(String clusterName, Map<String, IQueue> deadLetterQueues, Map<String, IFunction> functions,
                        IFunction reconcile, Map<String, StateMachine> stateMachines, Optional<ITopic> topic) {
    }

    private final List<Alarm> alarms = new ArrayList<>();

    public Monitoring(Construct scope, String id, Props p) {
        super(scope, id);
        p.deadLetterQueues().forEach((name, dlq) -> alarm("Dlq-" + name,
                "spotburst " + p.clusterName() + ": messages in dead-letter queue " + name,
                dlq.metricApproximateNumberOfMessagesVisible(options("Maximum")),
                ComparisonOperator.GREATER_THAN_THRESHOLD, 0, TreatMissingData.NOT_BREACHING, p.topic()));
        alarm("ReconcilerNotRunning", "spotburst " + p.clusterName() + ": reconciler not invoked for 5 minutes",
                p.reconcile().metricInvocations(options("Sum")),
                ComparisonOperator.LESS_THAN_THRESHOLD, 1, TreatMissingData.BREACHING, p.topic());
        alarm("OrphansFound", "spotburst " + p.clusterName() + ": instances no node owns",
                custom(p.clusterName(), ORPHANS_FOUND), ComparisonOperator.GREATER_THAN_THRESHOLD, 0,
                TreatMissingData.NOT_BREACHING, p.topic());
        alarm("LaunchFailures", "spotburst " + p.clusterName() + ": EC2 launches failed",
                custom(p.clusterName(), LAUNCH_FAILURES), ComparisonOperator.GREATER_THAN_THRESHOLD, 0,
                TreatMissingData.NOT_BREACHING, p.topic());
        p.functions().forEach((name, fn) -> alarm("Errors-" + name, "spotburst " + p.clusterName() + ": " + name + " errors",
                fn.metricErrors(options("Sum")), ComparisonOperator.GREATER_THAN_THRESHOLD, 0,
                TreatMissingData.NOT_BREACHING, p.topic()));
        p.stateMachines().forEach((name, sm) -> alarm("WorkflowFailed-" + name,
                "spotburst " + p.clusterName() + ": workflow " + name + " executions failed or timed out",
                sm.metricFailed(options("Sum")), ComparisonOperator.GREATER_THAN_THRESHOLD, 0,
                TreatMissingData.NOT_BREACHING, p.topic()));
        dashboard(p);
    }

    private static MetricOptions options(String statistic) {
        return MetricOptions.builder().period(PERIOD).statistic(statistic).build();
    }

    public static Metric custom(String cluster, String name) {
        return Metric.Builder.create().namespace(MetricNames.NAMESPACE).metricName(name)
                .dimensionsMap(Map.of(MetricNames.SERVICE, cluster)).statistic("Sum").period(PERIOD).build();
    }

    private void alarm(String id, String description, IMetric metric, ComparisonOperator op, double threshold,
                       TreatMissingData missing, Optional<ITopic> topic) {
        Alarm a = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .comparisonOperator(op)
                .threshold(threshold)
                .evaluationPeriods(1)
                .treatMissingData(missing)
                .build();
        topic.ifPresent(t -> {
            a.addAlarmAction(new SnsAction(t));
            a.addOkAction(new SnsAction(t));
        });
        alarms.add(a);
    }

    private void dashboard(Props p) {
        var d = Dashboard.Builder.create(this, "Dashboard").dashboardName("spotburst-" + p.clusterName()).build();
        d.addWidgets(AlarmStatusWidget.Builder.create().title("Alarms").alarms(List.<IAlarm>copyOf(alarms)).width(24).build());
        d.addWidgets(
                graph("Capacity events", List.of(custom(p.clusterName(), LAUNCH_FAILURES),
                        custom(p.clusterName(), ORPHANS_FOUND), custom(p.clusterName(), ORPHANS_SWEPT))),
                graph("Dead-letter queues", p.deadLetterQueues().values().stream()
                        .map(q -> (IMetric) q.metricApproximateNumberOfMessagesVisible(options("Maximum"))).toList()));
        d.addWidgets(
                graph("Invocations", p.functions().values().stream()
                        .map(f -> (IMetric) f.metricInvocations(options("Sum"))).toList()),
                graph("Errors", p.functions().values().stream().map(f -> (IMetric) f.metricErrors(options("Sum"))).toList()),
                graph("Duration (p99)", p.functions().values().stream()
                        .map(f -> (IMetric) f.metricDuration(options("p99"))).toList()));
        if (!p.stateMachines().isEmpty()) {
            d.addWidgets(graph("Workflows", p.stateMachines().values().stream()
                    .flatMap(sm -> java.util.stream.Stream.<IMetric>of(sm.metricStarted(options("Sum")),
                            sm.metricSucceeded(options("Sum")), sm.metricFailed(options("Sum")))).toList()));
        }
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(8).build();
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }
}
