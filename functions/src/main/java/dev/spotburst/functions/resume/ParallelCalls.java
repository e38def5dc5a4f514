package dev.spotburst.functions.resume;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Runs independent per-item calls — one node's conditional write, one instance's CreateTags — concurrently on a
 * bounded pool of daemon threads, so a batch of 1,000 nodes costs about 1,000 / threads round trips instead of
 * 1,000. The tasks never wait for other tasks of the pool (only the caller waits), so the pool cannot deadlock.
 * Every started call is waited for before the caller returns: a Lambda container is frozen once the handler returns,
 * and a call still in flight then would land minutes later, or never.
 */
public final class ParallelCalls {
    /** DynamoDB and EC2 take far more concurrent requests than this; the bound keeps a 1 GB Lambda's sockets sane. */
    public static final int DEFAULT_THREADS = 32;

    private final int threads;
    private volatile ExecutorService pool;

    public ParallelCalls(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** Calls that are under way; {@link #join()} waits for all of them. */
    public static final class Pending<R> {
        private final List<CompletableFuture<R>> futures;

        private Pending(List<CompletableFuture<R>> futures) {
            this.futures = futures;
        }

        /** Waits for every call, then returns the results in item order or rethrows the first failure. */
        public List<R> join() {
            var out = new ArrayList<R>(futures.size());
            RuntimeException first = null;
            for (var f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = unwrap(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    if (first == null) {
                        first = new IllegalStateException("interrupted while waiting for parallel calls", e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
            return out;
        }

        /** Waits for call {@code index} only; returns its result or rethrows its failure. */
        public R get(int index) {
            try {
                return futures.get(index).get();
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a parallel call", e);
            }
        }

        /** Waits for every call and ignores failures: used when the caller is already failing for another reason. */
        public void await() {
            try {
                join();
            } catch (RuntimeException ignored) {
                // the caller's own exception is the one reported
            }
        }
    }

    /** Starts {@code f} on every item and returns at once. */
    public <T, R> Pending<R> start(List<T> items, Function<T, R> f) {
        var futures = new ArrayList<CompletableFuture<R>>(items.size());
        if (threads == 1 || items.size() <= 1) {
            for (var item : items) {
                try {
                    futures.add(CompletableFuture.completedFuture(f.apply(item)));
                } catch (RuntimeException | Error e) {
                    futures.add(CompletableFuture.failedFuture(e));
                }
            }
        } else {
            var p = pool();
            for (var item : items) {
                futures.add(CompletableFuture.supplyAsync(() -> f.apply(item), p));
            }
        }
        return new Pending<>(futures);
    }

    /**
     * Starts one call on the pool and returns at once (with one thread: runs it now), so the caller can go on
     * meanwhile; {@link #start} runs a single item on the caller's thread.
     */
    public <R> Pending<R> startOne(java.util.function.Supplier<R> f) {
        if (threads == 1) {
            return start(List.of(0), i -> f.get());
        }
        return new Pending<>(List.of(CompletableFuture.supplyAsync(f, pool())));
    }

    /** {@code f} on every item, concurrently; results in item order; the first failure is rethrown after all ended. */
    public <T, R> List<R> map(List<T> items, Function<T, R> f) {
        return start(items, f).join();
    }

    private ExecutorService pool() {
        var p = pool;
        if (p == null) {
            synchronized (this) {
                p = pool;
                if (p == null) {
                    // Threads are created on first use (not in a SnapStart snapshot) and are daemons.
                    pool = p = Executors.newFixedThreadPool(threads,
                            Thread.ofPlatform().daemon().name("spotburst-call-", 0).factory());
                }
            }
        }
        return p;
    }

    private static RuntimeException unwrap(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
