package dev.spotburst.shims.agent;

import dev.spotburst.messages.SlurmCommand;
import dev.spotburst.messages.SlurmCommand.PowerDownMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ScontrolArgvTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(new SlurmCommand.NodeDown("aws-cpu-[0-1]", "InsufficientInstanceCapacity: no c5"),
                        List.of("update", "NodeName=aws-cpu-[0-1]", "State=DOWN", "Reason=InsufficientInstanceCapacity: no c5")),
                Arguments.of(new SlurmCommand.NodeDrain("aws-cpu-0", "spot interruption warning"),
                        List.of("update", "NodeName=aws-cpu-0", "State=DRAIN", "Reason=spot interruption warning")),
                Arguments.of(new SlurmCommand.NodeResume("aws-cpu-0"),
                        List.of("update", "NodeName=aws-cpu-0", "State=RESUME")),
                Arguments.of(new SlurmCommand.NodePowerDown("aws-cpu-0", PowerDownMode.POWER_DOWN_FORCE, "stuck powering up"),
                        List.of("update", "NodeName=aws-cpu-0", "State=POWER_DOWN_FORCE", "Reason=stuck powering up")),
                Arguments.of(new SlurmCommand.NodePowerDown("aws-cpu-0", PowerDownMode.POWER_DOWN_ASAP, null),
                        List.of("update", "NodeName=aws-cpu-0", "State=POWER_DOWN_ASAP")),
                Arguments.of(new SlurmCommand.NodePowerDown("aws-cpu-0", PowerDownMode.POWER_DOWN, " "),
                        List.of("update", "NodeName=aws-cpu-0", "State=POWER_DOWN")),
                Arguments.of(new SlurmCommand.NodePowerUp("aws-cpu-[4-5]"),
                        List.of("update", "NodeName=aws-cpu-[4-5]", "State=POWER_UP")),
                Arguments.of(new SlurmCommand.NodeClearReason("aws-cpu-[0-3]"),
                        List.of("update", "NodeName=aws-cpu-[0-3]", "State=RESUME")),
                Arguments.of(new SlurmCommand.NodeAddress("aws-cpu-0", "10.0.0.5", "ip-10-0-0-5"),
                        List.of("update", "NodeName=aws-cpu-0", "NodeAddr=10.0.0.5", "NodeHostname=ip-10-0-0-5")),
                Arguments.of(new SlurmCommand.NodeAddress("aws-cpu-0", "10.0.0.5", null),
                        List.of("update", "NodeName=aws-cpu-0", "NodeAddr=10.0.0.5", "NodeHostname=aws-cpu-0")),
                Arguments.of(new SlurmCommand.JobRequeue(42, "node lost"), List.of("requeue", "42")),
                Arguments.of(new SlurmCommand.JobNotify(42, "node hibernating, job paused"),
                        List.of("notify", "42", "node hibernating, job paused")),
                Arguments.of(new SlurmCommand.JobAdminComment(42, "spotburst: interrupted i-0abc"),
                        List.of("update", "JobId=42", "AdminComment=spotburst: interrupted i-0abc")),
                Arguments.of(new SlurmCommand.JobSuspend(42), List.of("suspend", "42")),
                Arguments.of(new SlurmCommand.JobResume(42), List.of("resume", "42")));
    }

    @ParameterizedTest
    @MethodSource("table")
    void argv(SlurmCommand command, List<String> expected) {
        assertThat(ScontrolArgv.of(command)).isEqualTo(expected);
    }
}
