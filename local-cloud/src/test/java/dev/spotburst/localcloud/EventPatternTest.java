package dev.spotburst.localcloud;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventPatternTest {

    private static final String WARNING = """
            {"version":"0","id":"e-1","detail-type":"EC2 Spot Instance Interruption Warning","source":"aws.ec2",
             "account":"000000000000","time":"2026-01-01T00:00:00Z","region":"us-east-1",
             "resources":["arn:aws:ec2:us-east-1b:instance/i-0abc"],
             "detail":{"instance-id":"i-0abc","instance-action":"hibernate","tags":{"node":"burst-1"},"count":2}}""";

    @Test
    void matchesSourceDetailTypeAndDetailFieldsFromValueLists() {
        EventPattern pattern = EventPattern.parse("""
                {"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification",
                 "EC2 Spot Instance Interruption Warning"],"detail":{"instance-action":["terminate","hibernate"]}}""");
        assertThat(pattern.matches(WARNING)).isTrue();
    }

    @Test
    void everyFieldMustMatch() {
        assertThat(EventPattern.builder().source("aws.ec2").detail("instance-action", "stop").build().matches(WARNING))
                .isFalse();
        assertThat(EventPattern.builder().source("spotburst").build().matches(WARNING)).isFalse();
        assertThat(EventPattern.builder().detail("missing", "x").build().matches(WARNING)).isFalse();
    }

    @Test
    void nestedDetailFieldsArraysAndNumbersMatchLikeEventBridge() {
        assertThat(EventPattern.builder().detail("tags.node", "burst-1").build().matches(WARNING)).isTrue();
        assertThat(EventPattern.builder().field("resources", "arn:aws:ec2:us-east-1b:instance/i-0abc").build()
                .matches(WARNING)).isTrue();
        assertThat(EventPattern.parse("{\"detail\":{\"count\":[2.0]}}").matches(WARNING)).isTrue();
        assertThat(EventPattern.parse("{\"detail\":{\"count\":[\"2\"]}}").matches(WARNING)).isFalse();
    }

    @Test
    void emptyPatternMatchesEverythingButGarbage() {
        assertThat(EventPattern.all().matches(WARNING)).isTrue();
        assertThat(EventPattern.all().matches("not json")).isFalse();
    }

    @Test
    void unsupportedShapesAreRejectedWithTheFieldName() {
        assertThatThrownBy(() -> EventPattern.parse("{\"detail\":{\"instance-id\":[{\"prefix\":\"i-\"}]}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detail.instance-id");
        assertThatThrownBy(() -> EventPattern.parse("{\"source\":\"aws.ec2\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'source'");
        assertThatThrownBy(() -> EventPattern.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderProducesEventBridgeJson() {
        assertThat(EventPattern.builder().source("aws.ec2").detailType("X").detail("state", "running", "stopped").build()
                .toJson()).isEqualTo("{\"source\":[\"aws.ec2\"],\"detail-type\":[\"X\"],\"detail\":{\"state\":[\"running\",\"stopped\"]}}");
    }
}
