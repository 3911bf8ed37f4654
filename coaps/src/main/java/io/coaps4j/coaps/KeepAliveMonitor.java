package io.coaps4j.coaps;

import io.coaps4j.dtls.engine.DtlsResult;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Decides, for the {@link KeepAlive}, which sessions to ping, which pings to retransmit and which
 * peers are dead. It sweeps the sessions periodically rather than keeping a timer per session:
 * at half the shorter of the idle time and ACK timeout, each ping and retransmission is late by
 * at most that much. Event-loop thread only; the connector sends and closes.
 */
final class KeepAliveMonitor {
    private static final long NO_DEADLINE = DtlsResult.NO_DEADLINE;
    private static final long MIN_SWEEP = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10);

    private final boolean enabled;
    private final long idle;
    private final long ackTimeout;
    private final int maxRetransmit;
    private final long sweepPeriod;
    private final IntSupplier randomMessageId;
    private long nextSweep = NO_DEADLINE;

    KeepAliveMonitor(KeepAlive keepAlive, IntSupplier randomMessageId) {
        this.enabled = keepAlive.enabled();
        this.idle = enabled ? keepAlive.idle().toNanos() : 0;
        this.ackTimeout = keepAlive.ackTimeout().toNanos();
        this.maxRetransmit = keepAlive.maxRetransmit();
        this.sweepPeriod = enabled ? Math.max(MIN_SWEEP, Math.min(idle, ackTimeout) / 2) : 0;
        this.randomMessageId = randomMessageId;
    }

    /** A session was established: sweeps start if they had stopped. */
    void sessionAdded(long now) {
        if (enabled && nextSweep == NO_DEADLINE) {
            nextSweep = now + sweepPeriod;
        }
    }

    long nextDeadline() {
        return nextSweep;
    }

    /** True when a sweep is due; schedules the next one, or none while there are no sessions. */
    boolean startSweep(long now, boolean anySessions) {
        if (nextSweep > now) {
            return false;
        }
        nextSweep = anySessions ? now + sweepPeriod : NO_DEADLINE;
        return anySessions;
    }

    /** Adds {@code session} to {@code toPing} when a ping or its retransmission is due, to {@code dead} when its peer stayed silent. */
    void check(SessionState session, long now, List<SessionState> toPing, List<SessionState> dead) {
        if (session.pingMid() < 0) {
            if (now - session.lastReceived() >= idle) {
                // Half the ID space from the engine's IDs, which count up from its last CON: the RST
                // answering the ping cannot be taken for the answer to an exchange still open.
                int lastConMid = session.lastConMid();
                int base = lastConMid >= 0 ? lastConMid + 0x8000 : randomMessageId.getAsInt();
                session.pingSent(base, now + ackTimeout);
                toPing.add(session);
            }
        } else if (now >= session.pingDeadline()) {
            int retransmissions = session.pingRetransmissions();
            if (retransmissions < maxRetransmit) {
                // Exponential back-off, as for any CON (RFC 7252 section 4.2): the next wait is twice this one.
                session.pingRetransmitted(now + (ackTimeout << (retransmissions + 1)));
                toPing.add(session);
            } else {
                dead.add(session);
            }
        }
    }
}
