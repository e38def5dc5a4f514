package dev.spotburst.cdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutputsTemplateTest {

    private final SynthFixture.Synth synth = SynthFixture.main();
    private final Template t = synth.template();

    @Test
    void outputsNameTheQueuesRolesTableAndCarryTheSlurmConfFragment() {
        for (String id : new String[]{"RequestsQueueUrl", "CommandsQueueUrl", "ReportsQueueUrl", "TableName",
                "HeadNodeRoleArn", "HeadNodeInstanceProfileArn", "ComputeRoleArn", "ComputeInstanceProfileArn"}) {
            t.hasOutput(id, Match.objectLike(Map.of("Value", Match.anyValue())));
        }
        @SuppressWarnings("unchecked")
        var slurm = (Map<String, Object>) t.findOutputs("SlurmConf").get("SlurmConf");
        String value = (String) slurm.get("Value");
        assertThat(value).isEqualTo(synth.slurmConf())
                .contains("NodeName=batch-spot-[0-15] State=CLOUD", "PartitionName=batch", "ResumeProgram=");
    }

    @Test
    void slurmConfFragmentIsWrittenBesideTheCloudAssembly(@TempDir Path outdir) throws Exception {
        SpotburstApp.writeSlurmConf(outdir, synth.slurmConf());
        assertThat(Files.readString(outdir.resolve("slurm.conf.spotburst"))).isEqualTo(synth.slurmConf());
    }

    @Test
    void aFragmentTooLongForAnOutputPointsToTheFile() {
        assertThat(SpotburstStack.slurmConfOutput("x".repeat(5000))).contains("slurm.conf.spotburst");
        assertThat(SpotburstStack.slurmConfOutput("short")).isEqualTo("short");
    }
}
