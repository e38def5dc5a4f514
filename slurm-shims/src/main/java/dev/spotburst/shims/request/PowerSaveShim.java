package dev.spotburst.shims.request;

import dev.spotburst.messages.PowerSaveRequest;
import dev.spotburst.messages.RequestGroups;
import dev.spotburst.messages.PowerSaveRequest.JobNodes;
import dev.spotburst.shims.ShimLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What ResumeProgram / SuspendProgram / ResumeFailProgram do: publish one request and return at once.
 * Order matters for durability: spool first, then send, then unspool. When the queue cannot be reached the request
 * stays spooled and the agent delivers it later under the same id, so FIFO deduplication keeps it one request.
 * Slurm never sees a failure (exit 0): it would only retry or mark nodes down for a problem it cannot fix.
 */
public final class PowerSaveShim {

    public static final String RESUME_FILE_ENV = "SLURM_RESUME_FILE";

    private final String cluster;
    private final Spool spool;
    private final RequestQueue queue;
    private final Clock clock;
    private final RandomGenerator random;
    private final ShimLog log;

    public PowerSaveShim(String cluster, Spool spool, RequestQueue queue, Clock clock, RandomGenerator random, ShimLog log) {
        this.cluster = cluster;
        this.spool = spool;
        this.queue = queue;
        this.clock = clock;
        this.random = random;
        this.log = log;
    }

    /** Outcome of one call, for the log and for tests; in order of severity. */
    public enum Delivery { SENT, SPOOLED, LOST }

    /**
     * Publishes the call. A hostlist spanning several node groups goes out as one request per node group
     * ({@link RequestGroups#perNodeGroup}), each in its node group's FIFO message group, so the control plane works
     * on different node groups concurrently; each part is spooled, sent and unspooled on its own. The outcome is the
     * worst of the parts'.
     */
    public Delivery run(PowerSaveRequest.Kind kind, String hostlist, Map<String, String> env) {
        Instant now = clock.instant();
        String id = RequestIds.next(now, random);
        PowerSaveRequest whole = PowerSaveRequest.of(id, kind, hostlist, now, cluster, jobsOf(kind, env));
        Delivery worst = Delivery.SENT;
        for (PowerSaveRequest part : RequestGroups.perNodeGroup(whole)) {
            Delivery d = deliver(part);
            if (d.ordinal() > worst.ordinal()) {
                worst = d;
            }
        }
        return worst;
    }

    private Delivery deliver(PowerSaveRequest request) {
        String id = request.id();
        String hostlist = request.hostlist();
        PowerSaveRequest.Kind kind = request.kind();
        boolean spooled = spool(request);
        try {
            queue.send(request);
        } catch (Exception e) {
            if (spooled) {
                log.warn("request=" + id + " kind=" + kind.wire() + " nodes=" + hostlist
                        + " queue unreachable, left in spool for the agent: " + e);
                return Delivery.SPOOLED;
            }
            log.error("request=" + id + " kind=" + kind.wire() + " nodes=" + hostlist
                    + " LOST: neither spooled nor sent: " + e);
            return Delivery.LOST;
        }
        if (spooled) {
            try {
                spool.remove(id);
            } catch (IOException e) {
                // The agent re-sends it under the same id; FIFO deduplication drops the copy.
                log.warn("request=" + id + " sent but spool file not removed: " + e);
            }
        }
        log.info("request=" + id + " kind=" + kind.wire() + " nodes=" + hostlist + " jobs=" + request.jobs().size()
                + " sent");
        return Delivery.SENT;
    }

    private boolean spool(PowerSaveRequest request) {
        try {
            spool.write(request);
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("request=" + request.id() + " cannot spool to " + spool.dir() + ", sending without a safety net: " + e);
            return false;
        }
    }

    private List<JobNodes> jobsOf(PowerSaveRequest.Kind kind, Map<String, String> env) {
        String file = env.get(RESUME_FILE_ENV);
        if (kind != PowerSaveRequest.Kind.RESUME || file == null || file.isBlank()) {
            return List.of();
        }
        try {
            // Must be read now: it is /proc/<slurmctld>/fd/N, readable only while this program runs.
            return ResumeFile.parse(Files.readString(Path.of(file))).jobs();
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read " + RESUME_FILE_ENV + "=" + file + ", sending the request without jobs: " + e.getMessage());
            return List.of();
        }
    }
}
