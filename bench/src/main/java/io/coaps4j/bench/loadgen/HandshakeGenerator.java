package io.coaps4j.bench.loadgen;

import io.coaps4j.dtls.config.DtlsConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Full DTLS PSK handshakes, back to back: each of a few handshaker threads repeatedly opens a NEW
 * connection from a new source port (a fresh ephemeral UDP port, so the server sees a new peer and
 * runs the cookie exchange, RFC 6347 section 4.2.1), completes the handshake, sends one confirmable
 * GET and waits for its answer, then closes with close_notify so the server can forget the session.
 * Runs a warm-up, then a measured window; connections that finish inside the window count.
 */
public final class HandshakeGenerator {
    private static final Duration RESEND = Duration.ofMillis(500);
    private static final int ATTEMPTS = 4;
    /**
     * Closed connections whose sockets each handshaker keeps bound a while. The server answers close_notify
     * with its own; if the kernel gave the port at once to the next new connection, that stray record of the
     * old session would reach a client awaiting the server's Finished, which our client takes as a failed
     * authentication (decrypt_error). A few dozen connections later the answer has long arrived.
     */
    private static final int LINGERING_SOCKETS = 64;

    private HandshakeGenerator() {
    }

    /**
     * Runs {@code handshakers} threads against {@code server} with client configuration {@code config}; each
     * connection gets {@code timeout} for its handshake. {@code observer} is called around the measured window.
     */
    public static HandshakeResult run(InetSocketAddress server, DtlsConfig config, int handshakers, Duration warmup,
                                      Duration measure, Duration timeout, WindowObserver observer)
            throws InterruptedException {
        return run(server, config, handshakers, warmup, measure, timeout, observer, false);
    }

    /**
     * As above; with {@code resume} each handshaker offers the session of its first full handshake on every new
     * connection (RFC 5246 section 7.3), so the window measures abbreviated handshakes (cookie exchange included);
     * a connection the server did not resume counts as failed ("not resumed").
     */
    public static HandshakeResult run(InetSocketAddress server, DtlsConfig config, int handshakers, Duration warmup,
                                      Duration measure, Duration timeout, WindowObserver observer, boolean resume)
            throws InterruptedException {
        if (handshakers < 1) {
            throw new IllegalArgumentException("handshakers must be at least 1, was " + handshakers);
        }
        RunPhase phase = new RunPhase();
        DtlsClientTransport.DtlsFactory factory = resume ? DtlsClientTransport.factory(config).resuming()
                : DtlsClientTransport.factory(config);
        RequestTemplate template = RequestTemplate.get("hello");
        SplittableRandom seeds = new SplittableRandom();
        List<Handshaker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < handshakers; i++) {
                Handshaker worker = new Handshaker(server, factory.forOneThread(), template, timeout, phase, seeds.split(),
                        resume);
                Thread thread = new Thread(worker, "handshaker-" + i);
                thread.setDaemon(true);
                workers.add(worker);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            sleep(warmup.toNanos());
            observer.beforeWindow();
            phase.set(RunPhase.MEASURE);
            long windowStart = System.nanoTime();
            sleep(measure.toNanos());
            phase.set(RunPhase.DONE);
            long windowNanos = System.nanoTime() - windowStart;
            observer.afterWindow();
            join(threads, timeout.plusSeconds(5));
            LatencyHistogram all = new LatencyHistogram();
            long completed = 0;
            long failed = 0;
            Map<String, Long> reasons = new TreeMap<>();
            for (Handshaker worker : workers) {
                if (worker.crash != null) {
                    throw new IllegalStateException("a handshaker failed", worker.crash);
                }
                all.add(worker.latencies);
                completed += worker.completed;
                failed += worker.failed;
                worker.failures.forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
            }
            return new HandshakeResult(handshakers, windowNanos, completed, failed, all.valueAtPercentile(50),
                    all.valueAtPercentile(99), reasons);
        } finally {
            phase.set(RunPhase.DONE);
            join(threads, timeout.plusSeconds(5));
        }
    }

    private static void join(List<Thread> threads, Duration each) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(each.toMillis());
        }
    }

    private static void sleep(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** One thread of new connections, one after the other. */
    private static final class Handshaker implements Runnable {
        private final InetSocketAddress server;
        private final DtlsClientTransport.DtlsFactory factory;
        private final BlockingGet get;
        private final Duration timeout;
        private final RunPhase phase;
        private final SplittableRandom random;
        private final boolean resume;
        /** With {@link #resume}: whether this thread has made its one full handshake. */
        private boolean hadFullHandshake;
        private final ArrayDeque<DtlsClientTransport> lingering = new ArrayDeque<>();
        final LatencyHistogram latencies = new LatencyHistogram();
        final Map<String, Long> failures = new HashMap<>();
        long completed;
        long failed;
        volatile Throwable crash;
        /** Why the last connection failed, null when it completed. */
        private String failure;

        Handshaker(InetSocketAddress server, DtlsClientTransport.DtlsFactory factory, RequestTemplate template,
                   Duration timeout, RunPhase phase, SplittableRandom random, boolean resume) {
            this.resume = resume;
            this.server = server;
            this.factory = factory;
            this.get = new BlockingGet(template, RESEND, ATTEMPTS);
            this.timeout = timeout;
            this.phase = phase;
            this.random = random;
        }

        @Override
        public void run() {
            try {
                while (!phase.done()) {
                    long start = System.nanoTime();
                    failure = null;
                    oneConnection();
                    long end = System.nanoTime();
                    if (phase.measuring()) {
                        if (failure == null) {
                            completed++;
                            latencies.record(end - start);
                        } else {
                            failed++;
                            failures.merge(failure, 1L, Long::sum);
                        }
                    }
                }
            } catch (Throwable t) {
                crash = t;
            } finally {
                DtlsClientTransport old;
                while ((old = lingering.poll()) != null) {
                    release(old);
                }
            }
        }

        private static void release(DtlsClientTransport transport) {
            try {
                transport.abandon();
            } catch (IOException e) {
                // Closing a datagram channel: nothing to recover.
            }
        }

        /** One new connection; on failure {@link #failure} says at which step. */
        private void oneConnection() throws IOException {
            DtlsClientTransport transport = factory.open(server);
            try {
                try {
                    transport.connect(timeout);
                } catch (IOException e) {
                    failure = transport.connection().isHandshaking() ? "handshake timed out"
                            : "handshake failed: " + transport.failureKind().orElse(transport.connection().status().toString());
                    return;
                }
                if (resume) {
                    boolean resumed = transport.connection().session().map(s -> s.resumed()).orElse(false);
                    if (!resumed && hadFullHandshake) {
                        failure = "not resumed";
                    }
                    hadFullHandshake = true;
                }
                try {
                    if (!get.run(transport, random.nextInt(1 << 16), random.nextInt())) {
                        failure = "GET not answered 2.xx";
                    }
                } catch (IOException e) {
                    failure = "session ended during the GET: " + transport.failureKind().orElse("socket error");
                }
            } finally {
                try {
                    transport.closeNotify();
                } catch (IOException e) {
                    // The close_notify could not be sent (e.g. ICMP unreachable): the port is released anyway.
                }
                lingering.add(transport);
                if (lingering.size() > LINGERING_SOCKETS) {
                    release(lingering.poll());
                }
            }
        }
    }
}
