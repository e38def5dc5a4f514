package dev.spotburst.cdk;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

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

    private static String firstLine(Object data) {
        return String.valueOf(data).lines().findFirst().orElse("");
    }
}
