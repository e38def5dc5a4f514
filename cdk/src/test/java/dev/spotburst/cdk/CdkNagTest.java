package dev.spotburst.cdk;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** AwsSolutions checks run on the shared app (SynthFixture adds the aspect before its single synth). */
class CdkNagTest {

    @Test
    void awsSolutionsChecksReportNoUnsuppressedErrorsOrWarnings() {
        var stack = SynthFixture.main().stack();
        var errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        var warnings = Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors.stream().map(m -> m.getId() + " " + firstLine(m.getEntry().getData())).toList()).isEmpty();
        assertThat(warnings.stream().map(m -> m.getId() + " " + firstLine(m.getEntry().getData())).toList()).isEmpty();
    }

    @Test
    void noOtherSynthWarnings() {
        var warnings = Annotations.fromStack(SynthFixture.main().stack()).findWarning("*", Match.anyValue());
        assertThat(warnings.stream().map(m -> m.getId() + " " + firstLine(m.getEntry().getData())).toList()).isEmpty();
    }

    /** cdk-nag suppressions live in each resource's {@code Metadata.cdk_nag}; none may be stack-wide or unexplained. */
    @Test
    @SuppressWarnings("unchecked")
    void everySuppressionIsOnAResourceAndCarriesAWrittenReason() {
        Map<String, Object> template = SynthFixture.main().template().toJSON();
        assertThat(template.get("Metadata")).as("stack-level metadata (stack-wide suppressions)").isNull();
        var resources = (Map<String, Map<String, Object>>) template.get("Resources");
        int suppressions = 0;
        for (var e : resources.entrySet()) {
            var nag = (Map<String, Object>) ((Map<String, Object>) e.getValue().getOrDefault("Metadata", Map.of()))
                    .get("cdk_nag");
            if (nag == null) {
                continue;
            }
            for (var rule : (List<Map<String, Object>>) nag.get("rules_to_suppress")) {
                suppressions++;
                assertThat(String.valueOf(rule.get("id"))).as(e.getKey()).startsWith("AwsSolutions-");
                // A sentence saying why, not a placeholder.
                assertThat(String.valueOf(rule.get("reason")).strip()).as(e.getKey() + " " + rule.get("id"))
                        .hasSizeGreaterThanOrEqualTo(50).contains(" ");
            }
        }
        assertThat(suppressions).isPositive();
    }

    private static String firstLine(Object data) {
        return String.valueOf(data).lines().findFirst().orElse("");
    }
}
