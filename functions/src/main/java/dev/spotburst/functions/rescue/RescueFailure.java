package dev.spotburst.functions.rescue;

import dev.spotburst.functions.state.NodeRecord;

import java.time.Instant;

/**
 * Giving up on a rescue leaves nothing behind: the twin(s) and the old Spot instance are terminated, the persistent
 * request cancelled (or EC2 would relaunch), the moved root volume deleted if it sits detached; then the node is
 * FAILED and Slurm told DOWN with {@code spotburst: rescue failed: <code>} so its jobs requeue now. Cleanup is best
 * effort (each call on its own): an error there must not hide the original failure; the reconciler's orphan sweep
 * catches what is left.
 */
final class RescueFailure {

    private final RescueEc2 ec2;
    private final RescueRecords records;

    RescueFailure(RescueEc2 ec2, RescueRecords records) {
        this.ec2 = ec2;
        this.records = records;
    }

    RescueOutcome fail(NodeRecord rec, String spotRequestId, String code, String detail, Instant now) {
        String spotId = rec.instanceId();
        if (spotRequestId != null) {
            quietly(() -> ec2.cancelSpotRequest(spotRequestId));
        }
        for (RescueInstance t : spotId == null ? java.util.List.<RescueInstance>of() : ec2.rescuersOf(spotId)) {
            String moved = t.tags().get(RescueWorkflow.MOVED_ROOT);
            quietly(() -> ec2.terminate(t.instanceId()));
            if (moved != null && !moved.equals(t.rootVolumeId())) {
                quietly(() -> ec2.volumeState(moved).filter("available"::equals).ifPresent(s -> ec2.deleteVolume(moved)));
            }
        }
        if (spotId != null) {
            quietly(() -> ec2.terminate(spotId));
        }
        return records.failed(rec, code, detail, now);
    }

    /** An earlier attempt's twin is useless once the Spot instance runs again. */
    void terminateTwins(String spotId) {
        for (RescueInstance t : ec2.rescuersOf(spotId)) {
            quietly(() -> ec2.terminate(t.instanceId()));
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // Best effort, see class comment.
        }
    }
}
