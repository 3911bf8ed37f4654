package io.coaps4j.coaps;

import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.engine.DtlsConnection;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the peer to send a request to: the established session with the address in either role,
 * else a handshake, shared by every resolve that waits for it. Requests wait for the handshake
 * (RFC 7252 section 9.1.7), and when it cannot be established they fail with a
 * {@link DtlsHandshakeException}. Event-loop thread only.
 */
final class HandshakeResolver {
    private final ConnectorState state;
    private final SessionEvents events;
    private final SessionCloser closer;

    HandshakeResolver(ConnectorState state, SessionEvents events, SessionCloser closer) {
        this.state = state;
        this.events = events;
        this.closer = closer;
    }

    void resolve(InetSocketAddress address, CompletableFuture<Peer> result) {
        if (result.isDone()) {
            return; // the request gave up (timeout, cancel) before the loop got here
        }
        if (state.closed) {
            result.completeExceptionally(HandshakeFailures.connectorClosed(address));
            return;
        }
        SecurePeer established = state.establishedPeer(address);
        if (established != null) {
            result.complete(established);
            return;
        }
        ClientConnection client = state.clients.get(address);
        if (client != null) {
            client.addWaiter(result);
            return;
        }
        List<CompletableFuture<Peer>> peerHandshake = state.serverWaiters.get(address);
        if (peerHandshake != null) {
            peerHandshake.removeIf(CompletableFuture::isDone);
            peerHandshake.add(result);
            return;
        }
        startClient(address, result);
    }

    private void startClient(InetSocketAddress address, CompletableFuture<Peer> result) {
        long now = state.nowMillis();
        if (!makeRoomForClient(now)) {
            result.completeExceptionally(HandshakeFailures.notStarted(address, "all " + state.config.maxClientSessions()
                    + " client sessions (maxClientSessions) are still handshaking"));
            return;
        }
        DtlsConnection connection;
        try {
            connection = DtlsConnection.client(state.config.dtls(), state.crypto, state.dtlsMetrics, address,
                    serverName(address));
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(HandshakeFailures.notStarted(address, e.getMessage()));
            return;
        }
        ClientConnection client = new ClientConnection(address, connection);
        client.output = events.outputFor(client);
        client.addWaiter(result);
        state.clients.add(client);
        connection.start(now, client.output);
        events.afterClientCall(client, now);
    }

    /** Closes the least recently used established client session when the table is full; false when none can go. */
    private boolean makeRoomForClient(long now) {
        if (state.clients.size() < state.config.maxClientSessions()) {
            return true;
        }
        ClientConnection victim = state.clients.leastRecentlyUsedIdle();
        if (victim == null) {
            return false;
        }
        state.counters.clientSessionsEvicted++;
        closer.closeClient(victim, now);
        return true;
    }

    /**
     * The DNS name the address was reached by, for server_name (RFC 6066) and name-scoped keys;
     * empty for an address literal, which RFC 6066 section 3 does not allow as a name.
     */
    static Optional<String> serverName(InetSocketAddress address) {
        String host = address.getHostString();
        if (address.getAddress() == null || host.equals(address.getAddress().getHostAddress())
                || host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return Optional.empty();
        }
        return Optional.of(host);
    }
}
