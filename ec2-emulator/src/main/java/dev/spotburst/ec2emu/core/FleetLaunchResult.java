package dev.spotburst.ec2emu.core;

import java.util.List;

/** What one allocation pass produced, grouped the way CreateFleet's {@code fleetInstanceSet}/{@code errorSet} are. */
public record FleetLaunchResult(List<Launched> launched, List<Failed> errors) {

    public record Launched(FleetOverride pool, String lifecycle, List<String> instanceIds) {
    }

    public record Failed(FleetOverride pool, String lifecycle, String errorCode, String errorMessage) {
    }
}
