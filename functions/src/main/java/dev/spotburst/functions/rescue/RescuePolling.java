package dev.spotburst.functions.rescue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Bounded polling for the few EC2 transitions rescue waits on (pending → running, stopping → stopped, volume
 * detaching → available). The sleeper is injected so tests move a virtual clock instead of waiting.
 */
public record RescuePolling(Duration interval, int maxPolls, LongConsumer sleeper) {

    /** 5 s × 120: ten minutes per transition, well inside a 15-minute Lambda for the usual ~1–2 minute ones. */
    public static RescuePolling standard() {
        return new RescuePolling(Duration.ofSeconds(5), 120, ms -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RescueTimeout("interrupted");
            }
        });
    }

    RescueInstance instance(RescueEc2 ec2, String instanceId, Set<String> wanted) {
        for (int n = 0; ; n++) {
            var i = ec2.instance(instanceId).orElseThrow(() -> new RescueEc2Exception("InvalidInstanceID.NotFound",
                    "instance " + instanceId + " disappeared during rescue"));
            if (wanted.contains(i.state())) {
                return i;
            }
            if (i.gone()) {
                throw new RescueEc2Exception("InstanceTerminated", "instance " + instanceId + " is " + i.state());
            }
            if (n >= maxPolls) {
                throw new RescueTimeout(instanceId + " still " + i.state() + ", wanted " + wanted);
            }
            sleeper.accept(interval.toMillis());
        }
    }

    void volume(RescueEc2 ec2, String volumeId, String wanted) {
        for (int n = 0; ; n++) {
            Optional<String> s = ec2.volumeState(volumeId);
            if (s.isEmpty()) {
                throw new RescueEc2Exception("InvalidVolume.NotFound", "volume " + volumeId + " disappeared during rescue");
            }
            if (s.get().equals(wanted)) {
                return;
            }
            if (n >= maxPolls) {
                throw new RescueTimeout(volumeId + " still " + s.get() + ", wanted " + wanted);
            }
            sleeper.accept(interval.toMillis());
        }
    }
}
