package io.coaps4j.bench.loadgen;

import io.coaps4j.dtls.config.DtlsConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

    private HandshakeGenerator() {
    }

    /**
     * Runs {@code handshakers} threads against {@code server} with client configuration {@code config}; each
     * connection gets {@code timeout} for its handshake. {@code observer} is called around the measured window.
     */
    public static HandshakeResult run(InetSocketAddress server, DtlsConfig config, int handshakers, Duration warmup,
                                      Duration measure, Duration timeout, WindowObserver observer)
            throws InterruptedException {
        if (handshakers < 1) {
            throw new IllegalArgumentException("handshakers must be at least 1, was " + handshakers);
        }
        RunPhase phase = new RunPhase();
        DtlsClientTransport.DtlsFactory factory = DtlsClientTransport.factory(config);
        RequestTemplate template = RequestTemplate.get("hello");
        SplittableRandom seeds = new SplittableRandom();
        List<Handshaker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < handshakers; i++) {
                Handshaker worker = new Handshaker(server, factory.forOneThread(), template, timeout, phase, seeds.split());
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
            for (Handshaker worker : workers) {
                if (worker.crash != null) {
                    throw new IllegalStateException("a handshaker failed", worker.crash);
                }
                all.add(worker.latencies);
                completed += worker.completed;
                failed += worker.failed;
            }
            return new HandshakeResult(handshakers, windowNanos, completed, failed, all.valueAtPercentile(50),
                    all.valueAtPercentile(99));
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
        final LatencyHistogram latencies = new LatencyHistogram();
        long completed;
        long failed;
        volatile Throwable crash;

        Handshaker(InetSocketAddress server, DtlsClientTransport.DtlsFactory factory, RequestTemplate template,
                   Duration timeout, RunPhase phase, SplittableRandom random) {
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
                    boolean ok = oneConnection();
                    long end = System.nanoTime();
                    if (phase.measuring()) {
                        if (ok) {
                            completed++;
                            latencies.record(end - start);
                        } else {
                            failed++;
                        }
                    }
                }
            } catch (Throwable t) {
                crash = t;
            }
        }

        private boolean oneConnection() throws IOException {
            DtlsClientTransport transport = factory.open(server);
            try {
                transport.connect(timeout);
                return get.run(transport, random.nextInt(1 << 16), random.nextInt());
            } catch (IOException e) {
                return false; // a handshake that failed or timed out; counted, the next one starts
            } finally {
                try {
                    transport.close(); // close_notify, then the port is released
                } catch (IOException e) {
                    // The close_notify could not be sent (e.g. ICMP unreachable): the port is released anyway.
                }
            }
        }
    }
}
