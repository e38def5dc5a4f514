package dev.spotburst.functions.cleanup;

import java.util.List;

/**
 * Outcome of sweeping the cluster's regions once or a few times within one invocation.
 *
 * @param clean     every region's last snapshot planned {@code Done}
 * @param remaining what the last plans still had to do or wait for, one short line per region (for logs / reasons)
 * @param calls     EC2 mutation calls made
 * @param transientError last throttling / network error that cut a pass short, or null
 */
public record SweepResult(boolean clean, List<String> remaining, int calls, String transientError) {
    public SweepResult {
        remaining = List.copyOf(remaining);
    }
}
