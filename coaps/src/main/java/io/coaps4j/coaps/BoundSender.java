package io.coaps4j.coaps;

import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.engine.DtlsSession;
import io.coaps4j.dtls.record.SecurityAssociation;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Sends CoAP messages only in the session and epoch they are bound to. The CoAP engine addresses
 * every message to a {@link SecurePeer}, which names a DTLS session and epoch; oneM2M TS-0008
 * clause 7 and RFC 7252 section 9.1 bind a response to the session and epoch of its request, so
 * a message leaves only when the address still has exactly that session and epoch. Otherwise it
 * is dropped and counted ({@link BindingDropReason}), never protected with other keys.
 * Event-loop thread only; allocates nothing per message.
 */
final class BoundSender {
    private final ConnectorState state;
    private final SessionEvents events;

    BoundSender(ConnectorState state, SessionEvents events) {
        this.state = state;
        this.events = events;
    }

    /**
     * Protects {@code datagram} in the session and epoch of {@code peer}, a {@link SecurePeer}; when
     * the address no longer has that session and epoch, the message is dropped and counted.
     */
    void send(Peer peer, byte[] datagram) {
        if (!(peer instanceof SecurePeer secure)) {
            state.counters.dropped(BindingDropReason.NOT_A_SECURE_PEER);
            return;
        }
        if (state.closed || state.server == null) {
            state.counters.dropped(BindingDropReason.CLOSED);
            return;
        }
        InetSocketAddress address = secure.address();
        ClientConnection client = state.clients.get(address);
        // SecurePeer.equals compares session identity and epoch: the TS-0008 clause 7 check itself.
        if (client != null && client.session != null && client.session.peer.equals(secure)) {
            sendIn(client.session, datagram, state.nowMillis());
            return;
        }
        SessionState served = state.serverSessions.get(address);
        if (served != null && served.peer.equals(secure)) {
            sendIn(served, datagram, state.nowMillis());
            return;
        }
        boolean otherSession = (client != null && client.session != null) || served != null;
        state.counters.dropped(otherSession ? BindingDropReason.OTHER_SESSION_OR_EPOCH : BindingDropReason.NO_SESSION);
    }

    private void sendIn(SessionState session, byte[] datagram, long now) {
        if (datagram.length > SecurityAssociation.MAX_PLAINTEXT_LENGTH) {
            state.counters.dropped(BindingDropReason.TOO_LARGE);
            return;
        }
        session.sent(datagram);
        protect(session, datagram, now);
    }

    /** Sends in the session; false when it turned out to be gone. */
    boolean protect(SessionState session, byte[] datagram, long now) {
        ClientConnection client = session.client();
        if (client != null) {
            if (client.removed) {
                state.counters.dropped(BindingDropReason.NO_SESSION);
                return false;
            }
            client.connection.send(datagram, 0, datagram.length, now, client.output);
            events.afterClientCall(client, now);
            return true;
        }
        InetSocketAddress address = session.peer.address();
        Optional<DtlsSession> current = state.server.session(address);
        if (current.isEmpty() || current.get() != session.peer.session()) {
            // The server's table changed without an event reaching us yet: never send in another session.
            events.reconcileServer(address, now, false);
            state.counters.dropped(current.isEmpty() ? BindingDropReason.NO_SESSION : BindingDropReason.OTHER_SESSION_OR_EPOCH);
            return false;
        }
        state.server.send(address, datagram, 0, datagram.length, now, events.serverOutput());
        events.drain(now);
        return true;
    }
}
