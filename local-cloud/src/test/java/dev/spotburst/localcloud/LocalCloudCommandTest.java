package dev.spotburst.localcloud;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCloudCommandTest {

    @Test
    void exportsAreSingleQuotedForAnyShell() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("ODD", "it's $HOME");
        assertThat(LocalCloudCommand.exports(env))
                .containsExactly("export AWS_REGION='us-east-1'", "export ODD='it'\\''s $HOME'");
    }

    @Test
    void optionsParseWithPortZeroMeaningPick() {
        LocalCloudCommand command = new LocalCloudCommand();
        new CommandLine(command).parseArgs("--ec2-port", "4000", "--region", "eu-west-1");
        assertThat(command.ec2Port).isEqualTo(4000);
        assertThat(command.dynamoDbPort).isZero();
        assertThat(command.sqsPort).isZero();
        assertThat(command.region).isEqualTo("eu-west-1");
    }
}
