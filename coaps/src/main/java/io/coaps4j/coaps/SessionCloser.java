package io.coaps4j.coaps;

import io.coaps4j.coap.peer.Peer;
import io.coaps4j.transport.DeadlineHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Ends sessions with close_notify (RFC 5246 section 7.2.1), one or all of them; the Closed events
 * that follow end their exchanges through {@link SessionEvents}. Event-loop thread only.
 */
final class SessionCloser {
    private final ConnectorState state;
    private final SessionEvents events;

    SessionCloser(ConnectorState state, SessionEvents events) {
        this.state = state;
        this.events = events;
    }

    void closeSession(SessionState session, long now) {
        ClientConnection client = session.client();
        if (client != null) {
            closeClient(client, now);
        } else if (state.serverSessions.get(session.peer.address()) == session) {
            state.server.close(session.peer.address(), now, events.serverOutput());
            events.drain(now);
        }
    }

    /** close_notify (RFC 5246 section 7.2.1); its Closed event ends the connection's exchanges. */
    void closeClient(ClientConnection client, long now) {
        if (!client.removed) {
            client.connection.close(now, client.output);
            events.afterClientCall(client, now);
        }
    }

    /** Closes the session(s) with {@code address} in either role; false when there was none. */
    boolean closeSessionsWith(InetSocketAddress address, long now) {
        boolean any = false;
        ClientConnection client = state.clients.get(address);
        if (client != null) {
            closeClient(client, now);
            any = true;
        }
        SessionState served = state.serverSessions.get(address);
        if (served != null) {
            closeSession(served, now);
            any = true;
        }
        return any;
    }

    /** Ends every session, fails the resolves still waiting, and stops the timers. */
    void shutdown(DeadlineHandler timers) {
        if (state.closed || state.server == null) {
            state.closed = true;
            return;
        }
        long now = state.nowMillis();
        for (ClientConnection client : new ArrayList<>(state.clients.connections())) {
            closeClient(client, now);
        }
        for (SessionState session : state.serverSessions.values()) {
            closeSession(session, now);
        }
        for (Map.Entry<InetSocketAddress, List<CompletableFuture<Peer>>> waiting : state.serverWaiters.entrySet()) {
            SessionEvents.failAll(waiting.getValue(), HandshakeFailures.connectorClosed(waiting.getKey()));
        }
        state.serverWaiters.clear();
        state.closed = true;
        state.loop.removeDeadlineHandler(timers);
    }
}
