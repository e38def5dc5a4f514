package dev.spotburst.localruntime;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * An EventBridge rule target that is a Lambda function, done locally: the event is handed over asynchronously (the
 * bus's publishing thread, which may be the EC2 emulator's, never waits for the handler), invoked on a small pool
 * in no guaranteed order, and a failed invocation is retried with a doubling delay up to {@code retries} times,
 * then dead-lettered (kept and counted), as the stack's target retry policy and DLQ do.
 *
 * @param <I> the handler's input type, decoded from the event envelope JSON as the Lambda runtime would
 */
final class AsyncLambdaTarget<I> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncLambdaTarget.class);
    private static final int DEAD_LETTERS_KEPT = 1_000;

    private final String functionName;
    private final RequestHandler<I, ?> handler;
    private final Function<String, I> decode;
    private final int retries;
    private final Duration firstRetryDelay;
    private final ScheduledThreadPoolExecutor pool;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final List<String> deadLetters = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> results = new ConcurrentHashMap<>();

    AsyncLambdaTarget(String functionName, RequestHandler<I, ?> handler, Function<String, I> decode, int threads,
                      int retries, Duration firstRetryDelay) {
        this.functionName = functionName;
        this.handler = handler;
        this.decode = decode;
        this.retries = retries;
        this.firstRetryDelay = firstRetryDelay;
        this.pool = new ScheduledThreadPoolExecutor(threads,
                r -> Thread.ofPlatform().daemon().name("lambda-" + functionName).unstarted(r));
    }

    /** The bus's side: queue one invocation and return at once. */
    void accept(String eventJson) {
        received.incrementAndGet();
        submit(eventJson, 0, Duration.ZERO);
    }

    private void submit(String eventJson, int attempt, Duration delay) {
        try {
            pool.schedule(() -> invoke(eventJson, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            deadLetter(eventJson, "target closed");
        }
    }

    private void invoke(String eventJson, int attempt) {
        try {
            Object result = handler.handleRequest(decode.apply(eventJson), LocalLambdaContext.of(functionName, 60));
            succeeded.incrementAndGet();
            results.computeIfAbsent(String.valueOf(result), k -> new LongAdder()).increment();
        } catch (RuntimeException e) {
            if (pool.isShutdown()) {
                return;
            }
            if (attempt < retries) {
                retried.incrementAndGet();
                LOG.info("{}: invocation failed (attempt {}), retrying: {}", functionName, attempt + 1, e.toString());
                submit(eventJson, attempt + 1, firstRetryDelay.multipliedBy(1L << attempt));
            } else {
                LOG.warn("{}: invocation failed {} times, event dead-lettered: {}", functionName, attempt + 1, e.toString());
                deadLetter(eventJson, e.toString());
            }
        }
    }

    private void deadLetter(String eventJson, String why) {
        deadLettered.incrementAndGet();
        if (deadLetters.size() < DEAD_LETTERS_KEPT) {
            deadLetters.add(eventJson);
        }
    }

    long received() {
        return received.get();
    }

    long succeeded() {
        return succeeded.get();
    }

    long retried() {
        return retried.get();
    }

    long deadLettered() {
        return deadLettered.get();
    }

    List<String> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** Handler results (their {@code toString}) → count. */
    Map<String, Long> results() {
        var out = new TreeMap<String, Long>();
        results.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** True when nothing is queued or running. */
    boolean idle() {
        return pool.getQueue().isEmpty() && pool.getActiveCount() == 0;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
