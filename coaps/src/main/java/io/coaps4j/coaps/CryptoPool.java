package io.coaps4j.coaps;

import io.coaps4j.dtls.engine.CryptoJob;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the slow crypto of handshakes ({@link CryptoJob}) off the event loop, so a signature never stalls
 * the other peers of the loop (DESIGN.md "Crypto"), and posts each finished job back to the loop, where
 * {@code resumeOnLoop} hands it to the binding. A few daemon threads, made when first needed and ended
 * when idle for a while; the waiting jobs are bounded (the engine also bounds those handed out,
 * {@link io.coaps4j.dtls.config.DtlsConfig#maxOffloadedCryptoJobs()}), and a job that finds the pool full
 * or closed runs at once on the calling loop, which the engine then applies on the spot.
 */
final class CryptoPool implements AutoCloseable {
    private static final long IDLE_SECONDS = 30;

    private final ThreadPoolExecutor workers;
    private final Executor loop;
    private final Consumer<CryptoJob> resumeOnLoop;

    /**
     * @param threads      worker threads
     * @param maxWaiting   jobs that may wait for a worker
     * @param name         prefix of the worker threads' names
     * @param loop         the event loop finished jobs are posted to
     * @param resumeOnLoop called on the loop with each finished job
     */
    CryptoPool(int threads, int maxWaiting, String name, Executor loop, Consumer<CryptoJob> resumeOnLoop) {
        this.loop = loop;
        this.resumeOnLoop = resumeOnLoop;
        this.workers = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, maxWaiting)), daemonThreads(name));
        workers.allowCoreThreadTimeOut(true); // a PSK-only node never starts one
    }

    /** Runs {@code job} on a worker and posts it back to the loop; runs it here when no worker can take it. */
    void offload(CryptoJob job) {
        try {
            workers.execute(() -> {
                job.run();
                try {
                    loop.execute(() -> resumeOnLoop.accept(job));
                } catch (RejectedExecutionException loopEnded) {
                    // The loop has ended: so has the connection the job was for.
                }
            });
        } catch (RejectedExecutionException full) {
            job.run(); // the engine sees it done and applies it at once
        }
    }

    /** Ends the workers: jobs not begun are dropped, a running one finishes and its result is dropped on the loop. */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
