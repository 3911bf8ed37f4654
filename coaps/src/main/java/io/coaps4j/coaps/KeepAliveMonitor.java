package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.ConnectorSink;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEndpoint;
import io.coaps4j.dtls.engine.DtlsOutput;
import io.coaps4j.dtls.engine.DtlsResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, for the {@link KeepAlive}, which sessions to ping and when to sweep. It sweeps the sessions
 * periodically rather than keeping a timer per session: at half the idle time, each ping is late by at
 * most that much. Where the session negotiated RFC 6520 heartbeats and the peer allows them, the ping is a
 * HeartbeatRequest: its retransmissions and the verdict are the DTLS engine's, which closes the session of
 * a dead peer itself ({@code HEARTBEAT_TIMEOUT}). Otherwise it is a CoAP ping: its retransmissions and the
 * verdict are the CoAP engine's, and a peer found dead is closed at an immediate sweep. Event-loop thread
 * only; the binding handles the outcomes.
 */
final class KeepAliveMonitor {
    private static final long NO_DEADLINE = DtlsResult.NO_DEADLINE;
    private static final long MIN_SWEEP = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(10);
    /** A sweep due at once: engine time 0 is when the binding started, never later than now. */
    private static final long AT_ONCE = 0;

    private final boolean enabled;
    private final long idle;
    private final Duration ackTimeout;
    private final int maxRetransmit;
    private final long sweepPeriod;
    private final ConnectorCounters counters;
    private long nextSweep = NO_DEADLINE;

    KeepAliveMonitor(KeepAlive keepAlive, ConnectorCounters counters) {
        this.counters = counters;
        this.ackTimeout = keepAlive.ackTimeout();
        this.maxRetransmit = keepAlive.maxRetransmit();
        this.enabled = keepAlive.enabled();
        this.idle = enabled ? keepAlive.idle().toNanos() : 0;
        this.sweepPeriod = enabled ? Math.max(MIN_SWEEP, idle / 2) : 0;
    }

    /** A session was established: sweeps start if they had stopped. */
    void sessionAdded(long now) {
        if (enabled && nextSweep == NO_DEADLINE) {
            nextSweep = now + sweepPeriod;
        }
    }

    /** A ping's verdict found a peer dead: the next sweep, which closes its session, is due at once. */
    void deadPeerFound() {
        nextSweep = AT_ONCE;
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

    /** Whether {@code session} is due a ping: silent for the idle time, and no ping of it pending. */
    boolean pingDue(SessionState session, long now) {
        return enabled && !session.pinging() && !session.isDead() && now - session.lastReceived() >= idle;
    }

    /**
     * Pings the sessions of {@code endpoint} idle too long: with a HeartbeatRequest where heartbeats were
     * negotiated and the peer allows them (RFC 6520; the output goes to {@code out}), otherwise by asking the
     * CoAP engine, through {@code sink} (it sends and retransmits the empty CON and matches the RST, RFC 7252
     * section 4.3). Returns the sessions whose peers an earlier CoAP ping found dead, for the caller to close.
     */
    List<SessionState> sweep(DtlsEndpoint endpoint, ConnectorSink sink, DtlsOutput out, long now) {
        List<SessionState> toPing = new ArrayList<>();
        List<SessionState> dead = new ArrayList<>();
        endpoint.forEachEstablished(connection -> {
            if (connection.attachment() instanceof SessionState session) {
                if (session.isDead()) {
                    dead.add(session);
                } else if (pingDue(session, now)) {
                    toPing.add(session);
                }
            }
        });
        for (SessionState session : toPing) {
            if (isCurrent(session)) { // a ping's send may have ended another session meanwhile
                session.pingSent(now);
                DtlsConnection connection = session.peer.session().connection();
                if (connection.canSendHeartbeat()) {
                    if (!connection.heartbeatInFlight()) {
                        endpoint.sendHeartbeat(connection, now, out);
                        counters.heartbeatsSent++;
                    }
                    continue;
                }
                try {
                    sink.ping(session.peer, ackTimeout, maxRetransmit, alive -> pinged(session, alive));
                    counters.pingsSent++;
                } catch (IllegalStateException engineShutDown) {
                    session.pinged(true); // the endpoint is closing: no verdict will come, and none is needed
                }
            }
        }
        dead.removeIf(session -> !isCurrent(session));
        return dead;
    }

    /** The engine's verdict on a ping; a dead peer's session is closed at the next, immediate, sweep. */
    private void pinged(SessionState session, boolean alive) {
        if (isCurrent(session) && session.pinged(alive)) {
            deadPeerFound();
        }
    }

    /** Whether {@code session} still hangs on its connection, established: not closed or replaced meanwhile. */
    private static boolean isCurrent(SessionState session) {
        DtlsConnection connection = session.peer.session().connection();
        return connection.isEstablished() && connection.attachment() == session;
    }
}
