package io.coaps4j.coaps;

import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsOutput;
import io.coaps4j.dtls.engine.DtlsSession;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the events of the DTLS engines into the binding's session tables and the CoAP engine's
 * calls: decrypted data to {@code ConnectorSink.received} with the {@link SecurePeer} of its
 * session and epoch, ended sessions to {@code ConnectorSink.peerLost}, completed handshakes to the
 * resolves waiting for them. One association per address pair: a new session with an address
 * replaces the one there, in either role. Event-loop thread only.
 */
final class SessionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsConnector.class);

    private final ConnectorState state;
    private final PendingEvents pending = new PendingEvents();
    private final ServerOutput serverOutput = new ServerOutput();
    private boolean draining;

    SessionEvents(ConnectorState state) {
        this.state = state;
    }

    /** Where the DTLS server role's calls put their datagrams and events. */
    DtlsOutput serverOutput() {
        return serverOutput;
    }

    /** The same for one client connection, whose events are tagged with it. */
    DtlsOutput outputFor(ClientConnection client) {
        return new ClientOutput(client);
    }

    /**
     * Handles the events the engine calls queued, once those calls have returned; a nested call
     * (e.g. a response sent while a request is delivered) leaves its events to the outermost drain,
     * so they are handled in order.
     */
    void drain(long now) {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (pending.poll()) {
                ClientConnection client = pending.client();
                if (client != null) {
                    onClientEvent(client, pending.event(), now);
                } else {
                    onServerEvent(pending.address(), pending.event(), now);
                }
            }
        } finally {
            draining = false;
        }
    }

    /** After every call into a client connection: its deadline may have moved, its events wait. */
    void afterClientCall(ClientConnection client, long now) {
        state.clients.reschedule(client);
        drain(now);
    }

    private void onServerEvent(InetSocketAddress address, DtlsEvent event, long now) {
        if (event instanceof DtlsEvent.ApplicationData data) {
            SessionState session = state.serverSessions.get(address);
            if (session == null || session.peer.session() != data.session()) {
                session = reconcileServer(address, now, false);
            }
            deliver(session, data, now);
        } else if (event instanceof DtlsEvent.HandshakeCompleted) {
            reconcileServer(address, now, false);
        } else {
            if (event instanceof DtlsEvent.Closed closedEvent
                    && closedEvent.reason() == DtlsEvent.CloseReason.REPLACED && state.serverSessions.containsKey(address)) {
                state.counters.sessionsReplaced++;
            }
            reconcileServer(address, now, true);
        }
    }

    /**
     * Brings this connector's view of the server session with {@code address} in line with the
     * DTLS server's, whatever events led there: a session that is gone is lost to the CoAP engine,
     * a new one is adopted and satisfies the resolves waiting for it.
     */
    SessionState reconcileServer(InetSocketAddress address, long now, boolean connectionEnded) {
        Optional<DtlsSession> current = state.server.session(address);
        SessionState mine = state.serverSessions.get(address);
        if (mine != null && (current.isEmpty() || current.get() != mine.peer.session())) {
            state.serverSessions.remove(address);
            lost(mine.peer);
            mine = null;
        }
        if (current.isPresent() && mine == null) {
            mine = new SessionState(SecurePeer.of(current.get()), now);
            state.serverSessions.put(mine);
            state.keepAlive.sessionAdded(now);
            LOG.debug("DTLS session as server with {}: {}", address, mine.peer);
            ClientConnection client = state.clients.get(address);
            if (client != null) {
                peerStartedHandshake(client);
            }
            completeAll(state.serverWaiters.remove(address), mine.peer);
        } else if (current.isEmpty() && connectionEnded) {
            List<CompletableFuture<Peer>> waiting = state.serverWaiters.remove(address);
            if (waiting != null) {
                // Built only when somebody waits: every closed session passes here, and a stack trace costs microseconds.
                failAll(waiting, HandshakeFailures.peerHandshakeEnded(address));
            }
        }
        return mine;
    }

    private void onClientEvent(ClientConnection client, DtlsEvent event, long now) {
        if (event instanceof DtlsEvent.ApplicationData data) {
            deliver(client.session, data, now);
        } else if (event instanceof DtlsEvent.HandshakeCompleted completed) {
            clientEstablished(client, completed.session(), now);
        } else if (event instanceof DtlsEvent.Closed closedEvent) {
            clientEnded(client, () -> HandshakeFailures.closed(client.address, closedEvent.reason()));
        } else if (event instanceof DtlsEvent.Failed failed) {
            clientEnded(client, () -> HandshakeFailures.failed(client.address, failed));
        }
    }

    private void clientEstablished(ClientConnection client, DtlsSession session, long now) {
        client.session = new SessionState.OfClient(SecurePeer.of(session), client, now);
        state.keepAlive.sessionAdded(now);
        LOG.debug("DTLS session as client with {}: {}", client.address, client.session.peer);
        if (state.serverSessions.containsKey(client.address)) {
            // One association per address pair: the newest wins; the peer drops the old one on our close_notify.
            state.counters.sessionsReplaced++;
            state.server.close(client.address, now, serverOutput);
            drain(now);
        }
        completeAll(client.takeWaiters(), client.session.peer);
    }

    /** {@code failure} is built only when requests wait for the connection. */
    private void clientEnded(ClientConnection client, Supplier<DtlsHandshakeException> failure) {
        if (client.removed) {
            return;
        }
        state.clients.remove(client);
        if (client.session != null) {
            lost(client.session.peer);
        }
        List<CompletableFuture<Peer>> waiting = client.takeWaiters();
        if (waiting != null) {
            failAll(waiting, failure.get());
        }
    }

    /** Forgets our client connection with the peer silently; resolves waiting for it wait for the peer's handshake instead. */
    void peerStartedHandshake(ClientConnection client) {
        state.clients.remove(client);
        if (client.session != null) {
            state.counters.sessionsReplaced++;
            lost(client.session.peer);
        }
        List<CompletableFuture<Peer>> waiting = client.takeWaiters();
        if (waiting != null) {
            state.serverWaiters.computeIfAbsent(client.address, a -> new ArrayList<>(waiting.size())).addAll(waiting);
        }
    }

    /**
     * Hands decrypted CoAP bytes to the engine with the peer of their session and epoch: the
     * engine answers to that peer, so a response can only leave in the session and epoch of its
     * request (oneM2M TS-0008 clause 7, RFC 7252 section 9.1; enforced by {@link BoundSender}).
     */
    private void deliver(SessionState session, DtlsEvent.ApplicationData data, long now) {
        byte[] bytes = data.data();
        SecurePeer peer;
        if (session != null && session.peer.session() == data.session() && session.peer.epoch() == data.epoch()) {
            peer = session.peer;
            if (session.received(bytes, now)) {
                return; // the answer to our own keep-alive ping: nothing for the CoAP engine
            }
        } else {
            peer = new SecurePeer(data.session(), data.epoch());
        }
        state.sink.received(peer, bytes, 0, bytes.length);
    }

    private void lost(SecurePeer peer) {
        LOG.debug("DTLS session ended: {}", peer);
        state.sink.peerLost(peer);
    }

    private static void completeAll(List<CompletableFuture<Peer>> waiters, SecurePeer peer) {
        if (waiters != null) {
            for (CompletableFuture<Peer> waiter : waiters) {
                waiter.complete(peer);
            }
        }
    }

    static void failAll(List<CompletableFuture<Peer>> waiters, DtlsHandshakeException failure) {
        if (waiters != null) {
            for (CompletableFuture<Peer> waiter : waiters) {
                waiter.completeExceptionally(failure);
            }
        }
    }

    /** Datagrams of the DTLS server role go straight to the socket; its events wait for {@link #drain}. */
    private final class ServerOutput implements DtlsOutput {
        @Override
        public void datagram(InetSocketAddress to, byte[] datagram) {
            state.transmit(to, datagram);
        }

        @Override
        public void event(InetSocketAddress peer, DtlsEvent event) {
            pending.add(null, peer, event);
        }
    }

    /** The same for one client connection, whose events are tagged with it. */
    private final class ClientOutput implements DtlsOutput {
        private final ClientConnection client;

        ClientOutput(ClientConnection client) {
            this.client = client;
        }

        @Override
        public void datagram(InetSocketAddress to, byte[] datagram) {
            state.transmit(to, datagram);
        }

        @Override
        public void event(InetSocketAddress peer, DtlsEvent event) {
            pending.add(client, peer, event);
        }
    }
}
