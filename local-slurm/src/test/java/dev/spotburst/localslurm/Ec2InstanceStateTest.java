package dev.spotburst.localslurm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ec2InstanceStateTest {

    @Test
    void wireNamesRoundTrip() {
        for (var s : Ec2InstanceState.values()) {
            assertThat(Ec2InstanceState.fromWire(s.wireName())).isEqualTo(s);
        }
        assertThat(Ec2InstanceState.fromWire("shutting-down")).isEqualTo(Ec2InstanceState.SHUTTING_DOWN);
    }

    @Test
    void unknownStateIsNamed() {
        assertThatThrownBy(() -> Ec2InstanceState.fromWire("hibernated"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'hibernated'");
    }

    @Test
    void instanceAddressesStartAfterTheController() {
        assertThat(E2eNetwork.instanceIp(0)).isEqualTo("10.253.0.10");
        assertThat(SimulatedInstances.vethName("10.253.0.10")).isEqualTo("vsb10");
        assertThat(SimulatedInstances.namespace("aws-cpu-0")).isEqualTo("sb-aws-cpu-0");
    }
}
