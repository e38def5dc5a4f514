package dev.spotburst.functions.requests;

import dev.spotburst.config.ClusterConfig;
import dev.spotburst.functions.observability.ControlPlaneMetric;
import dev.spotburst.functions.observability.ControlPlaneMetrics;
import dev.spotburst.functions.resume.NodeRequest;
import dev.spotburst.functions.resume.ResumeService;
import dev.spotburst.functions.state.StateStore;
import dev.spotburst.functions.suspend.SuspendService;
import dev.spotburst.messages.PowerSaveRequest.Kind;
import dev.spotburst.model.NodeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Processes one SQS batch of power-save requests: poison to the DLQ, duplicates dropped by request id, the newest
 * request per node wins (reordering), one launch per node group for the whole batch. Returns the message ids to
 * report as failed; on a FIFO queue every message after the first failure is reported too, so order is kept.
 * Only acknowledged messages are remembered as processed: a reported-failed message is applied again when it is
 * redelivered (idempotent), after the earlier messages redelivered with it.
 */
public final class PowerSaveBatch {
    private static final Logger log = LoggerFactory.getLogger(PowerSaveBatch.class);
    static final Duration REMEMBER_REQUESTS = Duration.ofDays(2);

    private final StateStore store;
    private final ResumeService resume;
    private final SuspendService suspend;
    private final DeadLetters deadLetters;
    private final ControlPlaneMetrics metrics;

    public PowerSaveBatch(StateStore store, ResumeService resume, SuspendService suspend, DeadLetters deadLetters) {
        this(store, resume, suspend, deadLetters, ControlPlaneMetrics.NONE);
    }

    public PowerSaveBatch(StateStore store, ResumeService resume, SuspendService suspend, DeadLetters deadLetters,
                          ControlPlaneMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.resume = resume;
        this.suspend = suspend;
        this.deadLetters = deadLetters;
    }

    public List<String> process(ClusterConfig config, List<QueuedMessage> messages, Instant now) {
        var parsed = new ArrayList<ParsedRequest>();
        for (var m : messages) {
            try {
                parsed.add(ParsedRequest.parse(m, config));
            } catch (ParsedRequest.Poison e) {
                log.warn("poison message {} to DLQ: {}", m.messageId(), e.getMessage());
                deadLetters.park(m, e.getMessage());
            }
        }
        // One batched read for the whole batch instead of one GetItem per message.
        var processed = parsed.isEmpty() ? Set.<String>of()
                : store.processedRequests(parsed.stream().map(p -> p.request().id()).toList());
        var valid = new ArrayList<ParsedRequest>();
        for (var p : parsed) {
            if (processed.contains(p.request().id())) {
                log.info("request {} already processed; dropping duplicate message {}", p.request().id(), p.message().messageId());
            } else {
                valid.add(p);
            }
        }
        // Newest request per node wins; ties keep queue order.
        Map<NodeName, ParsedRequest> latest = new HashMap<>();
        for (var p : valid) {
            for (var n : p.nodes()) {
                var prev = latest.get(n);
                if (prev == null || !p.request().issuedAt().isBefore(prev.request().issuedAt())) {
                    latest.put(n, p);
                }
            }
        }
        Set<String> failedIds = new LinkedHashSet<>();
        Set<NodeName> failedNodes = new java.util.HashSet<>();
        int protectAfter = config.plugin().spotburst().protectAfterBootFailures();
        for (var kind : List.of(Kind.SUSPEND, Kind.RESUME_FAIL, Kind.RESUME)) {
            var reqs = new ArrayList<NodeRequest>();
            latest.forEach((n, p) -> {
                if (p.request().kind() == kind) {
                    reqs.add(new NodeRequest(n, p.request().issuedAt()));
                }
            });
            if (reqs.isEmpty()) {
                continue;
            }
            reqs.sort(java.util.Comparator.comparing(NodeRequest::node));
            try {
                switch (kind) {
                    case SUSPEND -> failedNodes.addAll(suspend.suspend(reqs, false, protectAfter, now).pending());
                    case RESUME_FAIL -> failedNodes.addAll(suspend.suspend(reqs, true, protectAfter, now).pending());
                    case RESUME -> {
                        metrics.record(new ControlPlaneMetric.ResumesRequested(reqs.size()));
                        var r = resume.resume(config, reqs, now);
                        failedNodes.addAll(r.busy());
                        if (!r.failed().isEmpty()) {
                            metrics.record(new ControlPlaneMetric.LaunchFailures(r.failed().size()));
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.error("{} of {} node(s) failed; messages will be retried: {}", kind.wire(), reqs.size(), e.toString(), e);
                reqs.forEach(r -> failedNodes.add(r.node()));
            }
        }
        boolean failedBefore = false;
        var done = new ArrayList<String>();
        for (var p : valid) {
            boolean ownFailure = p.nodes().stream().anyMatch(failedNodes::contains);
            if (ownFailure || failedBefore) {
                failedIds.add(p.message().messageId());
                failedBefore = true;
            } else {
                // Only acknowledged messages are remembered: a message reported failed comes back, and must then be
                // applied again in queue order, or an earlier message redelivered with it would overrule it.
                done.add(p.request().id());
            }
        }
        if (!done.isEmpty()) {
            store.markRequestsProcessed(done, now, REMEMBER_REQUESTS);
        }
        return List.copyOf(failedIds);
    }
}
