package dev.spotburst.cli;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlurmChoiceTest {

    @Test
    void autoTakesRealSlurmWhenPossible() {
        assertThat(SlurmChoice.decide("auto", "burst", Optional.empty())).isEqualTo(new SlurmChoice(true, null));
    }

    @Test
    void autoFallsBackToTheSimulationWithTheReason() {
        var choice = SlurmChoice.decide("auto", "burst", Optional.of("real Slurm needs root"));
        assertThat(choice.real()).isFalse();
        assertThat(choice.note()).isEqualTo("real Slurm needs root");
    }

    @Test
    void autoUsesTheSimulationForScenariosRealSlurmDoesNotRun() {
        var choice = SlurmChoice.decide("auto", "interruptions", Optional.empty());
        assertThat(choice.real()).isFalse();
        assertThat(choice.note()).contains("interruptions");
    }

    @Test
    void simNeverUsesRealSlurm() {
        assertThat(SlurmChoice.decide("sim", "burst", Optional.empty())).isEqualTo(new SlurmChoice(false, null));
    }

    @Test
    void realRefusesWhenImpossibleOrForAnotherScenario() {
        assertThatThrownBy(() -> SlurmChoice.decide("real", "burst", Optional.of("missing programs [slurmd]")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing programs [slurmd]");
        assertThatThrownBy(() -> SlurmChoice.decide("real", "interruptions", Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("burst scenario only");
        assertThat(SlurmChoice.decide("REAL", "burst", Optional.empty()).real()).isTrue();
    }

    @Test
    void unknownModeIsInvalidInputNamingTheValue() {
        assertThatThrownBy(() -> SlurmChoice.decide("fake", "burst", Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--slurm").hasMessageContaining("fake");
    }
}
