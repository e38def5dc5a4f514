package dev.spotburst.functions.cleanup.aws;

import dev.spotburst.functions.cleanup.CleanupEc2;
import dev.spotburst.functions.cleanup.CleanupFailedException;
import dev.spotburst.functions.cleanup.CleanupRetryableException;
import dev.spotburst.functions.cleanup.CleanupSnapshot;
import dev.spotburst.functions.ec2.ThrottleRetry;
import dev.spotburst.functions.launch.ThrottledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link CleanupEc2} over the SDK. Throttling is retried by {@link ThrottleRetry} (bounded), then reported as
 * retryable, like network errors and EC2 5xx. Requests are built by {@link CleanupRequests}; this class only sends
 * them and sorts the answers: already gone = success, anything else names the resource and the EC2 code.
 */
public final class Ec2CleanupAdapter implements CleanupEc2 {
    private static final Logger log = LoggerFactory.getLogger(Ec2CleanupAdapter.class);

    /** Bounds every listing: 20 pages × 1000 items; beyond that the snapshot is marked truncated. */
    static final int MAX_PAGES = 20;

    private final Ec2Client ec2;
    private final ThrottleRetry retry;

    public Ec2CleanupAdapter(Ec2Client ec2, ThrottleRetry retry) {
        this.ec2 = ec2;
        this.retry = retry;
    }

    @Override
    public CleanupSnapshot snapshot(String tagKey, String cluster) {
        boolean truncated = false;
        var requests = new ArrayList<CleanupSnapshot.SpotRequest>();
        String token = null;
        int pages = 0;
        do {
            var req = CleanupRequests.describeSpotRequests(tagKey, cluster, token);
            var resp = send("DescribeSpotInstanceRequests", "cluster " + cluster, () -> ec2.describeSpotInstanceRequests(req));
            resp.spotInstanceRequests().forEach(r -> requests.add(
                    new CleanupSnapshot.SpotRequest(r.spotInstanceRequestId(), r.stateAsString())));
            token = resp.nextToken();
        } while (more(token) && ++pages < MAX_PAGES);
        truncated |= more(token);

        var fleets = new ArrayList<CleanupSnapshot.Fleet>();
        token = null;
        pages = 0;
        do {
            var req = CleanupRequests.describeFleets(token);
            var resp = send("DescribeFleets", "cluster " + cluster, () -> ec2.describeFleets(req));
            // DescribeFleets documents no tag filter, so the cluster tag is matched here.
            resp.fleets().stream()
                    .filter(f -> f.tags().stream().anyMatch(t -> tagKey.equals(t.key()) && cluster.equals(t.value())))
                    .forEach(f -> fleets.add(new CleanupSnapshot.Fleet(f.fleetId(), f.typeAsString(), f.fleetStateAsString())));
            token = resp.nextToken();
        } while (more(token) && ++pages < MAX_PAGES);
        truncated |= more(token);

        var instances = new ArrayList<CleanupSnapshot.Instance>();
        token = null;
        pages = 0;
        do {
            var req = CleanupRequests.describeInstances(tagKey, cluster, token);
            var resp = send("DescribeInstances", "cluster " + cluster, () -> ec2.describeInstances(req));
            resp.reservations().forEach(r -> r.instances().forEach(i -> instances.add(
                    new CleanupSnapshot.Instance(i.instanceId(), i.state() == null ? "unknown" : i.state().nameAsString()))));
            token = resp.nextToken();
        } while (more(token) && ++pages < MAX_PAGES);
        truncated |= more(token);
        return new CleanupSnapshot(requests, fleets, instances, truncated);
    }

    @Override
    public void cancelSpotRequests(List<String> ids) {
        try {
            send("CancelSpotInstanceRequests", describe(ids), () -> ec2.cancelSpotInstanceRequests(
                    CleanupRequests.cancelSpotRequests(ids)));
        } catch (Rejected e) {
            if (!e.code.startsWith("InvalidSpotInstanceRequestID") || ids.size() == 1) {
                if (e.code.equals("InvalidSpotInstanceRequestID.NotFound")) {
                    return; // already gone
                }
                throw e.failure();
            }
            // One unknown id rejects the whole call: go one by one so the others are still cancelled.
            var failures = new ArrayList<String>();
            for (String id : ids) {
                try {
                    cancelSpotRequests(List.of(id));
                } catch (CleanupFailedException f) {
                    failures.add(f.getMessage());
                }
            }
            failIfAny(failures);
        }
    }

    @Override
    public void deleteFleets(List<String> ids) {
        var resp = orFail(() -> send("DeleteFleets", describe(ids), () -> ec2.deleteFleets(CleanupRequests.deleteFleets(ids))));
        var failures = new ArrayList<String>();
        for (var u : resp.unsuccessfulFleetDeletions()) {
            String code = u.error() == null ? "unknown" : u.error().codeAsString();
            String message = u.error() == null ? "" : u.error().message();
            switch (code) {
                case "fleetIdDoesNotExist" -> { } // already gone
                case "fleetNotInDeletableState", "unexpectedError" ->
                        log.warn("DeleteFleets {}: {} ({}), retried next pass", u.fleetId(), code, message);
                default -> failures.add("DeleteFleets " + u.fleetId() + ": " + code + " (" + message + ")");
            }
        }
        failIfAny(failures);
    }

    @Override
    public void terminateInstances(List<String> ids) {
        try {
            send("TerminateInstances", describe(ids), () -> ec2.terminateInstances(CleanupRequests.terminate(ids)));
        } catch (Rejected e) {
            if (e.code.equals("InvalidInstanceID.NotFound") && ids.size() == 1) {
                return; // already gone
            }
            if (!perItem(e.code) || ids.size() == 1) {
                throw e.failure();
            }
            // The whole batch is refused for one bad id (unknown, protected...): go one by one.
            var failures = new ArrayList<String>();
            for (String id : ids) {
                try {
                    terminateInstances(List.of(id));
                } catch (CleanupFailedException f) {
                    failures.add(f.getMessage());
                }
            }
            failIfAny(failures);
        }
    }

    /** Errors that concern one id of a batch rather than the caller (permissions) or the request. */
    private static boolean perItem(String code) {
        return code.startsWith("InvalidInstanceID") || code.equals("OperationNotPermitted")
                || code.equals("IncorrectInstanceState");
    }

    private <T> T send(String operation, String resources, Supplier<T> call) {
        try {
            return retry.call(operation, call);
        } catch (ThrottledException e) {
            throw new CleanupRetryableException(e.getMessage(), e);
        } catch (Ec2Exception e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                    ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
            if (e.statusCode() >= 500) {
                throw new CleanupRetryableException(operation + " " + resources + ": " + code, e);
            }
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new Rejected(operation, resources, code, message, e);
        } catch (SdkClientException e) {
            throw new CleanupRetryableException(operation + " " + resources + ": " + e.getMessage(), e);
        }
    }

    private static <T> T orFail(Supplier<T> call) {
        try {
            return call.get();
        } catch (Rejected e) {
            throw e.failure();
        }
    }

    private static void failIfAny(List<String> failures) {
        if (!failures.isEmpty()) {
            throw new CleanupFailedException(failures.size() == 1 ? failures.getFirst()
                    : failures.size() + " failures: " + String.join("; ", failures.stream().limit(5).toList())
                    + (failures.size() > 5 ? "; …" : ""));
        }
    }

    private static boolean more(String token) {
        return token != null && !token.isEmpty();
    }

    private static String describe(List<String> ids) {
        return ids.size() <= 3 ? String.join(",", ids) : ids.getFirst() + ",… (" + ids.size() + " ids)";
    }

    /** An EC2 client error, before we decide whether it is "already gone", per item, or fatal. */
    private static final class Rejected extends RuntimeException {
        final String code;
        final String operation;
        final String resources;

        Rejected(String operation, String resources, String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
            this.operation = operation;
            this.resources = resources;
        }

        CleanupFailedException failure() {
            return new CleanupFailedException(operation + " " + resources + ": " + code + " (" + getMessage() + ")", this);
        }
    }
}
