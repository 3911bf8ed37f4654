package io.coaps4j.coaps;

import io.coaps4j.dtls.engine.DtlsResult;
import io.coaps4j.transport.DeadlineHandler;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the DTLS retransmission timers of both roles and the keep-alive through the loop's
 * deadline mechanism: one deadline for the whole connector, the earliest of them. Event-loop
 * thread only.
 */
final class ConnectorTimers implements DeadlineHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsConnector.class);
    private static final long NO_DEADLINE = DtlsResult.NO_DEADLINE;

    private final ConnectorState state;
    private final SessionEvents events;
    private final BoundSender sender;
    private final SessionCloser closer;

    ConnectorTimers(ConnectorState state, SessionEvents events, BoundSender sender, SessionCloser closer) {
        this.state = state;
        this.events = events;
        this.sender = sender;
        this.closer = closer;
    }

    @Override
    public long nextDeadline() {
        if (state.closed) {
            return Long.MAX_VALUE;
        }
        long millis = Math.min(Math.min(state.server.nextDeadline(), state.clients.nextDeadline()),
                state.keepAlive.nextDeadline());
        return millis == NO_DEADLINE ? Long.MAX_VALUE : state.toNanos(millis);
    }

    @Override
    public void deadlineReached(long nowNanos) {
        if (!state.closed) {
            onTimer(state.toMillis(nowNanos));
        }
    }

    private void onTimer(long now) {
        state.server.onTimer(now, events.serverOutput());
        events.drain(now);
        ClientConnection due;
        while ((due = state.clients.pollDue(now)) != null) {
            due.connection.onTimer(now, due.output);
            events.afterClientCall(due, now);
        }
        if (state.keepAlive.startSweep(now, !state.serverSessions.isEmpty() || !state.clients.isEmpty())) {
            sweep(now);
        }
    }

    /** Pings sessions idle too long, retransmits unanswered pings, closes the sessions of dead peers. */
    private void sweep(long now) {
        List<SessionState> toPing = new ArrayList<>();
        List<SessionState> dead = new ArrayList<>();
        state.serverSessions.forEach(session -> state.keepAlive.check(session, now, toPing, dead));
        for (ClientConnection client : state.clients.connections()) {
            if (client.session != null) {
                state.keepAlive.check(client.session, now, toPing, dead);
            }
        }
        for (SessionState session : toPing) {
            if (sender.protect(session, CoapPing.ping(session.pingMid()), now)) {
                state.counters.pingsSent++;
            }
        }
        for (SessionState session : dead) {
            LOG.debug("no answer to keep-alive pings: closing {}", session.peer);
            state.counters.deadPeersClosed++;
            closer.closeSession(session, now);
        }
    }
}
