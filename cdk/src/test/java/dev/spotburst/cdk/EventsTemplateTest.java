package dev.spotburst.cdk;

import dev.spotburst.cdk.events.EventRules;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static dev.spotburst.cdk.TemplateQueries.logicalId;
import static org.assertj.core.api.Assertions.assertThat;

class EventsTemplateTest {

    private final Template t = SynthFixture.main().template();

    @Test
    void ec2RulesMatchTheExactDetailTypesAndTheScheduleTicksEveryMinute() {
        String ec2Alias = logicalId(t, "AWS::Lambda::Alias", "FunctionsEc2EventsAlias");
        String reconcileAlias = logicalId(t, "AWS::Lambda::Alias", "FunctionsReconcileAlias");
        for (var e : Map.of(
                "EC2 Spot Instance Interruption Warning", "test-spot-interruption",
                "EC2 Instance Rebalance Recommendation", "test-rebalance",
                "EC2 Instance State-change Notification", "test-instance-state-change").entrySet()) {
            t.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                    "Name", e.getValue(),
                    "State", "ENABLED",
                    "EventPattern", Map.of("source", List.of("aws.ec2"), "detail-type", List.of(e.getKey())),
                    "Targets", List.of(Match.objectLike(Map.of(
                            "Arn", Map.of("Ref", ec2Alias),
                            "DeadLetterConfig", Match.objectLike(Map.of()),
                            "RetryPolicy", Match.objectLike(Map.of("MaximumRetryAttempts", 4))))))));
        }
        t.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "Name", "test-reconcile-schedule",
                "ScheduleExpression", "rate(1 minute)",
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", reconcileAlias)))))));
        t.resourceCountIs("AWS::Events::Rule", 5);
    }

    @Test
    void hibernateWarningsStartTheHibernationWorkflow() {
        String machine = logicalId(t, "AWS::StepFunctions::StateMachine", "Workflowshibernation");
        t.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "Name", "test-hibernation-workflow",
                "EventPattern", Map.of("source", List.of("aws.ec2"),
                        "detail-type", List.of("EC2 Spot Instance Interruption Warning"),
                        "detail", Map.of("instance-action", List.of("hibernate"))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", machine),
                        "RoleArn", Match.anyValue(),
                        "DeadLetterConfig", Match.objectLike(Map.of())))))));
    }

    @Test
    void scheduleRoundsSecondsUpToWholeMinutes() {
        assertThat(EventRules.scheduleMinutes(60)).isEqualTo(1);
        assertThat(EventRules.scheduleMinutes(61)).isEqualTo(2);
        assertThat(EventRules.scheduleMinutes(1)).isEqualTo(1);
        assertThat(EventRules.scheduleMinutes(300)).isEqualTo(5);
    }
}
