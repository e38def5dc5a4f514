package dev.spotburst.localruntime;

import dev.spotburst.functions.ec2events.Ec2Event;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2EventRoutesTest {
    static final String WARNING = """
            {"version":"0","id":"1e5527d7-bb36-4607-3370-4164db56a40e","detail-type":"EC2 Spot Instance Interruption Warning",
             "source":"aws.ec2","account":"123456789012","time":"2026-11-22T18:00:01Z","region":"eu-west-1",
             "resources":["arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f67890"],
             "detail":{"instance-id":"i-0a1b2c3d4e5f67890","instance-action":"hibernate"}}""";

    @Test
    void theEnvelopeBecomesTheScheduledEventTheLambdaRuntimeWouldPass() {
        var e = Ec2EventRoutes.scheduledEvent(WARNING);
        assertThat(e.getDetailType()).isEqualTo(Ec2Event.INTERRUPTION_WARNING);
        assertThat(e.getSource()).isEqualTo("aws.ec2");
        assertThat(e.getId()).isEqualTo("1e5527d7-bb36-4607-3370-4164db56a40e");
        assertThat(e.getTime().getMillis()).isEqualTo(java.time.Instant.parse("2026-11-22T18:00:01Z").toEpochMilli());
        assertThat(e.getDetail()).containsEntry("instance-id", "i-0a1b2c3d4e5f67890")
                .containsEntry("instance-action", "hibernate");
        assertThat(e.getResources()).singleElement().asString().endsWith("i-0a1b2c3d4e5f67890");
    }

    @Test
    void theRulesAreTheStacksFourWithItsNames() {
        try (var bus = new dev.spotburst.localcloud.LocalEventBus(() -> {
            throw new AssertionError("no SQS target");
        }); var lambda = new AsyncLambdaTarget<>("ec2-events",
                (com.amazonaws.services.lambda.runtime.events.ScheduledEvent e,
                 com.amazonaws.services.lambda.runtime.Context c) -> "ok",
                Ec2EventRoutes::scheduledEvent, 1, 0, java.time.Duration.ZERO);
             var workflow = new StateMachineTarget("hibernation", "{}", java.util.Map.of(), java.util.Map.of(),
                     java.time.Duration.ZERO, 1, 1)) {
            var names = Ec2EventRoutes.subscribe(bus, "genomics", lambda, workflow);
            assertThat(names).containsExactlyInAnyOrder("genomics-spot-interruption", "genomics-rebalance",
                    "genomics-instance-state-change", "genomics-hibernation-workflow");
            var hibernateOnly = bus.rules().stream().filter(r -> r.name().equals("genomics-hibernation-workflow"))
                    .findFirst().orElseThrow().pattern();
            assertThat(hibernateOnly.matches(WARNING)).isTrue();
            assertThat(hibernateOnly.matches(WARNING.replace("\"hibernate\"", "\"terminate\""))).isFalse();
        }
    }
}
