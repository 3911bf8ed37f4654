package io.coaps4j.bench.loadgen;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.engine.DtlsConnection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Many DTLS sessions left idle on a server: each from its own source port, with a full handshake and one
 * answered GET, then never used or closed again (no close_notify), as a fleet of quiet devices would leave
 * them. The client sockets stay open so that no later client reuses a port (which would replace a session,
 * RFC 6347 section 4.2.8). {@link #close()} releases the sockets, still without close_notify.
 *
 * <p>Sessions are opened by a few threads, each with its own crypto context; after {@link #open} returns,
 * those threads have ended and the calling thread may use any session.
 */
public final class IdleSessions implements AutoCloseable {
    private static final Duration RESEND = Duration.ofMillis(500);
    private static final int ATTEMPTS = 4;

    private final List<DtlsClientTransport> sessions;
    private final long failed;
    private final long elapsedNanos;

    private IdleSessions(List<DtlsClientTransport> sessions, long failed, long elapsedNanos) {
        this.sessions = sessions;
        this.failed = failed;
        this.elapsedNanos = elapsedNanos;
    }

    /**
     * Opens {@code count} sessions to {@code server} over {@code threads} threads, each handshake given
     * {@code timeout}. A session whose handshake or GET fails is closed and counted, not retried.
     */
    public static IdleSessions open(InetSocketAddress server, DtlsConfig config, int count, int threads, Duration timeout)
            throws InterruptedException {
        if (count < 0 || threads < 1) {
            throw new IllegalArgumentException("count must be zero or more and threads at least 1, was " + count
                    + " and " + threads);
        }
        long start = System.nanoTime();
        DtlsClientTransport.DtlsFactory factory = DtlsClientTransport.factory(config);
        RequestTemplate template = RequestTemplate.get("hello");
        SplittableRandom seeds = new SplittableRandom();
        List<Opener> openers = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int share = count / threads + (i < count % threads ? 1 : 0);
            Opener opener = new Opener(server, factory.forOneThread(), template, share, timeout, seeds.split());
            Thread thread = new Thread(opener, "session-opener-" + i);
            thread.setDaemon(true);
            openers.add(opener);
            running.add(thread);
        }
        running.forEach(Thread::start);
        for (Thread thread : running) {
            thread.join();
        }
        List<DtlsClientTransport> all = new ArrayList<>(count);
        long failed = 0;
        for (Opener opener : openers) {
            if (opener.crash != null) {
                throw new IllegalStateException("a session opener failed", opener.crash);
            }
            all.addAll(opener.opened);
            failed += opener.failed;
        }
        return new IdleSessions(all, failed, System.nanoTime() - start);
    }

    /** Sessions established and answered, now idle. */
    public int established() {
        return sessions.size();
    }

    /** Sessions whose handshake or first GET failed. */
    public long failed() {
        return failed;
    }

    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** The established sessions, for a caller that goes on using them on one thread (e.g. as observers). */
    public List<DtlsClientTransport> sessions() {
        return java.util.Collections.unmodifiableList(sessions);
    }

    /**
     * Sends one more GET on {@code sample} sessions spread over all of them, without a new handshake, and
     * counts those answered: the server still holds them.
     */
    public int stillAnswering(int sample) {
        if (sessions.isEmpty() || sample < 1) {
            return 0;
        }
        BlockingGet get = new BlockingGet(RequestTemplate.get("hello"), RESEND, ATTEMPTS);
        SplittableRandom random = new SplittableRandom();
        int step = Math.max(1, sessions.size() / sample);
        int answered = 0;
        for (int i = 0, asked = 0; i < sessions.size() && asked < sample; i += step, asked++) {
            DtlsClientTransport session = sessions.get(i);
            try {
                if (session.connection().status() == DtlsConnection.Status.ESTABLISHED
                        && get.run(session, random.nextInt(1 << 16), random.nextInt())) {
                    answered++;
                }
            } catch (IOException e) {
                // Not answering: the server dropped the session.
            }
        }
        return answered;
    }

    /** Closes the client sockets without close_notify. */
    @Override
    public void close() {
        for (DtlsClientTransport session : sessions) {
            try {
                session.abandon();
            } catch (IOException e) {
                // Closing a datagram channel: nothing to recover.
            }
        }
        sessions.clear();
    }

    private static final class Opener implements Runnable {
        private final InetSocketAddress server;
        private final DtlsClientTransport.DtlsFactory factory;
        private final BlockingGet get;
        private final int count;
        private final Duration timeout;
        private final SplittableRandom random;
        final List<DtlsClientTransport> opened = new ArrayList<>();
        long failed;
        volatile Throwable crash;

        Opener(InetSocketAddress server, DtlsClientTransport.DtlsFactory factory, RequestTemplate template, int count,
               Duration timeout, SplittableRandom random) {
            this.server = server;
            this.factory = factory;
            this.get = new BlockingGet(template, RESEND, ATTEMPTS);
            this.count = count;
            this.timeout = timeout;
            this.random = random;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < count; i++) {
                    DtlsClientTransport transport = factory.open(server);
                    boolean ok;
                    try {
                        transport.connect(timeout);
                        ok = get.run(transport, random.nextInt(1 << 16), random.nextInt());
                    } catch (IOException e) {
                        ok = false;
                    }
                    if (ok) {
                        opened.add(transport);
                    } else {
                        failed++;
                        transport.abandon();
                    }
                }
            } catch (Throwable t) {
                crash = t;
                for (DtlsClientTransport transport : opened) {
                    try {
                        transport.abandon();
                    } catch (IOException e) {
                        // Closing a datagram channel: nothing to recover.
                    }
                }
                opened.clear();
            }
        }
    }
}
