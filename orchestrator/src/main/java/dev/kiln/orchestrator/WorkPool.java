package dev.kiln.orchestrator;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded thread pools for the orchestrator's blocking work, one per kind, so that one slow kind cannot stall the
 * others: a git remote that stops answering holds git threads only, a flood of logins the hashing threads only. Each
 * pool has a bounded queue; work past it is refused at once ({@link BusyException}, 503) rather than queued without
 * end. Results are delivered on the caller's context.
 */
public final class WorkPool {
    /** Fetches, commit lookups, the sources of runs. */
    public static final WorkPool GIT = new WorkPool("git", 4, 200);
    /** Password hashes and checks (deliberately slow). */
    public static final WorkPool HASHING = new WorkPool("hashing", 2, 64);
    /** The object store: signing, reading, archiving logs, reports. */
    public static final WorkPool STORE = new WorkPool("store", 8, 1000);

    private final String name;
    private final ThreadPoolExecutor threads;

    private WorkPool(String name, int size, int queue) {
        this.name = name;
        AtomicInteger count = new AtomicInteger();
        threads = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(queue), work -> {
            Thread thread = new Thread(work, "kiln-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code work} on this pool; its result comes back on {@code context}. */
    public <T> Future<T> run(Context context, Callable<T> work) {
        Promise<T> promise = Promise.promise();
        try {
            threads.execute(() -> {
                try {
                    T value = work.call();
                    context.runOnContext(v -> promise.complete(value));
                } catch (Exception | StackOverflowError e) {
                    context.runOnContext(v -> promise.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            return Future.failedFuture(new BusyException(name));
        }
        return promise.future();
    }
}
