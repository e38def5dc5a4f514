package dev.spotburst.ec2emu;

/**
 * Token bucket for {@code RequestLimitExceeded}: {@code burst} tokens, refilled at {@code ratePerSecond} of emulator
 * time. {@code perAction} gives each Action its own bucket (EC2 throttles per API category); otherwise one bucket is
 * shared by all calls.
 */
public record ThrottleSpec(boolean enabled, double ratePerSecond, int burst, boolean perAction) {

    public ThrottleSpec {
        if (enabled && (ratePerSecond < 0 || burst < 1)) {
            throw new IllegalArgumentException("throttle needs ratePerSecond >= 0 and burst >= 1, got "
                    + ratePerSecond + "/" + burst);
        }
    }

    public static ThrottleSpec disabled() {
        return new ThrottleSpec(false, 0, 1, false);
    }

    public static ThrottleSpec global(double ratePerSecond, int burst) {
        return new ThrottleSpec(true, ratePerSecond, burst, false);
    }

    public static ThrottleSpec perAction(double ratePerSecond, int burst) {
        return new ThrottleSpec(true, ratePerSecond, burst, true);
    }
}
