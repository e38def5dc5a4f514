package dev.spotburst.localruntime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spotburst.json.Json;
import dev.spotburst.localcloud.AslExecution;
import dev.spotburst.localcloud.AslRunner;
import dev.spotburst.localcloud.TaskHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An EventBridge rule target that is a Step Functions state machine, done locally: each event starts one execution
 * of the definition with the event envelope as input, run by {@link AslRunner} (Task states go to in-process
 * handlers). Executions run on a pool of {@code maxConcurrent} threads (each is a Node process, so a storm is
 * bounded here where AWS would run them all at once); the rest queue. Every Wait lasts {@code waitOverride}: the
 * control plane runs on a real-time clock, so a Wait of 0 would make a polling workflow spin.
 */
final class StateMachineTarget implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateMachineTarget.class);

    private final String workflow;
    private final String definition;
    private final Map<String, TaskHandler> handlers;
    private final Map<String, String> substitutions;
    private final Duration waitOverride;
    private final ThreadPoolExecutor pool;
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final List<WorkflowExecution> executions = new CopyOnWriteArrayList<>();
    private final List<Consumer<WorkflowExecution>> listeners = new CopyOnWriteArrayList<>();

    StateMachineTarget(String workflow, String definition, Map<String, TaskHandler> handlers,
                       Map<String, String> substitutions, Duration waitOverride, int maxConcurrent, int maxQueued) {
        this.workflow = workflow;
        this.definition = definition;
        this.handlers = Map.copyOf(handlers);
        this.substitutions = Map.copyOf(substitutions);
        this.waitOverride = waitOverride;
        this.pool = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxQueued),
                r -> Thread.ofPlatform().daemon().name("sfn-" + workflow).unstarted(r));
    }

    /** The bus's side: queue one execution and return at once. */
    void accept(String eventJson) {
        try {
            pool.execute(() -> execute(eventJson));
            started.incrementAndGet();
        } catch (RejectedExecutionException e) {
            // StartExecution throttled / target closed: EventBridge would retry, then dead-letter.
            rejected.incrementAndGet();
            LOG.warn("workflow {}: execution not started ({}): {}", workflow,
                    pool.isShutdown() ? "closed" : "queue full", abbreviate(eventJson));
        }
    }

    void onEnd(Consumer<WorkflowExecution> listener) {
        listeners.add(listener);
    }

    private void execute(String eventJson) {
        Instant t0 = Instant.now();
        JsonNode event = parse(eventJson);
        String eventId = event.path("id").asText(null);
        String instanceId = event.path("detail").path("instance-id").asText(null);
        WorkflowExecution done;
        try {
            AslExecution run = AslRunner.runDefinition(workflow, definition, eventJson, handlers, substitutions,
                    waitOverride);
            List<String> entered = run.enteredStates();
            done = new WorkflowExecution(workflow, eventId, instanceId, t0, Instant.now(), run.status().name(),
                    entered.isEmpty() ? null : entered.getLast(), run.error(), run.timesEntered("Status"));
        } catch (RuntimeException e) {
            if (pool.isShutdown()) {
                LOG.debug("workflow {} for {} aborted at shutdown", workflow, instanceId);
            } else {
                LOG.warn("workflow {} for {} could not run: {}", workflow, instanceId, e.toString());
            }
            done = new WorkflowExecution(workflow, eventId, instanceId, t0, Instant.now(), "ABORTED", null,
                    e.toString(), 0);
        }
        executions.add(done);
        for (var l : listeners) {
            try {
                l.accept(done);
            } catch (RuntimeException e) {
                LOG.warn("workflow listener failed: {}", e.toString());
            }
        }
    }

    long started() {
        return started.get();
    }

    long rejected() {
        return rejected.get();
    }

    List<WorkflowExecution> executions() {
        return List.copyOf(executions);
    }

    /** Executions queued or running now. */
    int inFlight() {
        return pool.getQueue().size() + pool.getActiveCount();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** Stops queued executions and kills running ones (their Node processes are destroyed on interrupt). */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
