package dev.oms.local.sfn.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of the emulator: a bounded pool of workers that run state logic and task invocations, and one timer
 * thread. Waits, retry back-offs and timeouts are timers, so a sleeping execution holds no worker.
 * {@code delayScale} shrinks Wait and retry delays (1.0 = real time, 0 = no delay; timeouts are not scaled).
 */
public final class EngineThreads implements AutoCloseable {
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final double delayScale;

    public EngineThreads(int workerThreads, double delayScale) {
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be at least 1");
        }
        if (delayScale < 0) {
            throw new IllegalArgumentException("delayScale must not be negative");
        }
        this.workers = new ThreadPoolExecutor(workerThreads, workerThreads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("sfn-worker-"));
        ((ThreadPoolExecutor) workers).allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("sfn-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        this.timers = timer;
        this.delayScale = delayScale;
    }

    public Executor workers() {
        return workers;
    }

    public Future<?> submit(Runnable work) {
        return workers.submit(work);
    }

    /** Runs {@code work} on a worker after {@code delay} (not scaled). */
    public ScheduledFuture<?> schedule(Runnable work, Duration delay) {
        return timers.schedule(() -> workers.execute(work), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * A future that completes on a worker after {@code delay} times {@code delayScale}, or exceptionally with
     * {@link ExecutionCancelledException} as soon as the scope is cancelled.
     */
    public CompletableFuture<Void> sleep(Duration delay, CancellationScope scope) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long millis = Math.round(Math.max(0, delay.toMillis()) * delayScale);
        ScheduledFuture<?> timer = schedule(() -> done.complete(null), Duration.ofMillis(millis));
        Runnable removeHook = scope.onCancel(() -> {
            timer.cancel(false);
            done.completeExceptionally(new ExecutionCancelledException());
        });
        done.whenComplete((ignored, error) -> removeHook.run());
        return done;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
