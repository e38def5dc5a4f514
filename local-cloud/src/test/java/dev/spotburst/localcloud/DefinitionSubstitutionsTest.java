package dev.spotburst.localcloud;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionSubstitutionsTest {

    @Test
    void replacesEveryKnownPlaceholderAndLeavesUnknownOnes() {
        String definition = "{\"A\":\"${Fn}\",\"B\":\"${Fn}:live\",\"C\":\"${Other}\",\"D\":\"$.path\"}";
        assertThat(DefinitionSubstitutions.apply(definition, Map.of("Fn", "arn:aws:lambda:x:1:function:f$1")))
                .isEqualTo("{\"A\":\"arn:aws:lambda:x:1:function:f$1\",\"B\":\"arn:aws:lambda:x:1:function:f$1:live\","
                        + "\"C\":\"${Other}\",\"D\":\"$.path\"}");
    }

    @Test
    void lambdaFunctionNameIsTakenFromFunctionArnsOnly() {
        assertThat(TaskEndpoint.lambdaFunctionName("arn:aws:lambda:us-east-1:123:function:fleet-sizer:live"))
                .isEqualTo("fleet-sizer");
        assertThat(TaskEndpoint.lambdaFunctionName("arn:aws:states:::lambda:invoke")).isNull();
        assertThat(TaskEndpoint.lambdaFunctionName("fleet-sizer")).isNull();
    }
}
