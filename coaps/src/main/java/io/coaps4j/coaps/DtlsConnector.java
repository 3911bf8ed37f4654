package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coap.endpoint.ConnectorSink;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.PskStore;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import io.coaps4j.transport.EventLoop;
import io.coaps4j.transport.UdpChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * CoAP over DTLS ({@code coaps://}, RFC 7252 section 9.1) on one UDP socket, in both DTLS roles.
 *
 * <p>A {@link io.coaps4j.dtls.engine.DtlsServer} answers the nodes that contact this one; client-role
 * {@link io.coaps4j.dtls.engine.DtlsConnection}s reach the servers this node contacts. A datagram from an address with a
 * client connection goes to it, anything else (and any ClientHello) to the server. Every decrypted
 * message reaches the CoAP engine with the {@link SecurePeer} of its session and epoch; every
 * outbound message leaves only in the session and epoch of the peer it is addressed to, otherwise
 * it is dropped and counted ({@link BindingDropReason}): the oneM2M TS-0008 clause 7 rules.
 *
 * <p>The DTLS role and the CoAP role are independent: {@link #resolve} reuses any established
 * session with the address, whoever started it, and requests that arrive in a session this node
 * opened as DTLS client are served like any other. One association per address pair: a new
 * handshake from (or to) an address replaces the session there, and the exchanges of the old one
 * fail through {@link ConnectorSink#peerLost}.
 *
 * <p>Requests wait for the handshake (RFC 7252 section 9.1.7): {@link #resolve} completes once the
 * session exists and fails with a {@link DtlsHandshakeException} when it cannot be established;
 * concurrent resolves share one handshake. {@link #close()} ends every session with close_notify.
 *
 * <pre>{@code
 * CoapServer server = CoapServer.builder()
 *         .connector(DtlsConnector.builder().bind(new InetSocketAddress(5684)).psk(store).build())
 *         .resource(...).build().start();
 * CoapClient client = CoapClient.builder().connector(DtlsConnector.client(store)).build();
 * }</pre>
 *
 * <p>Threading: after {@link #start}, all state lives on the event loop; the public methods may be
 * called from any thread.
 *
 * <p>This class is the facade; the work is done by package-private parts sharing a
 * {@link ConnectorState}: {@link InboundRouter} (datagrams to a DTLS role), {@link SessionEvents}
 * (DTLS events to sessions and the {@link ConnectorSink}), {@link BoundSender} (the session-and-epoch
 * send check), {@link HandshakeResolver}, {@link ConnectorTimers} and {@link SessionCloser}.
 */
public final class DtlsConnector implements Connector {
    public static final String SCHEME = "coaps";
    /** The coaps default port (RFC 7252 section 12.7). */
    public static final int DEFAULT_PORT = CoapsConfig.DEFAULT_PORT;

    private final CoapsConfig config;
    private final AtomicBoolean started = new AtomicBoolean();
    private final ConnectorState state;
    private final InboundRouter inbound;
    private final BoundSender sender;
    private final SessionCloser closer;
    private final HandshakeResolver resolver;
    private final ConnectorTimers timers;

    private DtlsConnector(CoapsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.state = new ConnectorState(config);
        SessionEvents events = new SessionEvents(state);
        this.inbound = new InboundRouter(state, events);
        this.sender = new BoundSender(state, events);
        this.closer = new SessionCloser(state, events);
        this.resolver = new HandshakeResolver(state, events, closer);
        this.timers = new ConnectorTimers(state, events, sender, closer);
    }

    /** A connector for {@code config}. */
    public static DtlsConnector create(CoapsConfig config) {
        return new DtlsConnector(config);
    }

    /** Collects a {@link CoapsConfig} and builds the connector. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client's connector: any free port on the wildcard address, keys from {@code psk}, and only
     * the DTLS client role (handshakes started by others are refused; servers can still send
     * requests in the sessions it opens).
     */
    public static DtlsConnector client(PskStore psk) {
        return builder().bind(new InetSocketAddress(0)).psk(psk).acceptHandshakes(false).build();
    }

    public CoapsConfig config() {
        return config;
    }

    // ------------------------------------------------------------------------------- Connector

    @Override
    public void start(EventLoop eventLoop, ConnectorSink connectorSink) throws IOException {
        Objects.requireNonNull(eventLoop, "eventLoop");
        Objects.requireNonNull(connectorSink, "sink");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the DTLS connector is already started; each endpoint needs its own");
        }
        state.start(eventLoop, connectorSink);
        // Opening registers on the loop, which publishes the state started above to the loop thread.
        state.channel = eventLoop.openUdp(config.bindAddress(), inbound);
        eventLoop.addDeadlineHandler(timers);
    }

    @Override
    public boolean supports(String scheme) {
        return SCHEME.equals(scheme);
    }

    /** One CoAP message per DTLS record: at most the record's plaintext limit, 2^14 bytes (RFC 6347 section 4.1, RFC 5246 6.2.1). */
    @Override
    public int maxMessageSize() {
        return 16_384;
    }

    /** A closed or replaced session is reported through {@link ConnectorSink#peerLost}. */
    @Override
    public boolean reportsLostPeers() {
        return true;
    }

    @Override
    public InetSocketAddress localAddress() {
        UdpChannel udp = state.channel;
        if (udp == null) {
            throw new IllegalStateException("the DTLS connector is not started");
        }
        return udp.localAddress();
    }

    /**
     * The peer of the established session with {@code address} (either role), else a new client
     * handshake's peer once it completes. Fails with {@link DtlsHandshakeException} when the
     * handshake fails or times out, or no key is configured for that server.
     */
    @Override
    public CompletionStage<Peer> resolve(String scheme, InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (!supports(scheme)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "scheme '" + scheme + "' is not served by the DTLS connector (only coaps)"));
        }
        if (address.isUnresolved()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unresolved address " + address));
        }
        EventLoop eventLoop = state.loop;
        if (eventLoop == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the DTLS connector is not started"));
        }
        if (state.closed) {
            return CompletableFuture.failedFuture(HandshakeFailures.connectorClosed(address));
        }
        if (eventLoop.inEventLoop()) {
            SecurePeer established = state.establishedPeer(address);
            if (established != null) {
                return CompletableFuture.completedFuture(established);
            }
        }
        CompletableFuture<Peer> result = new CompletableFuture<>();
        try {
            // Deferred even on the loop: starting a handshake must not run inside another callback.
            eventLoop.execute(() -> resolver.resolve(address, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(HandshakeFailures.connectorClosed(address));
        }
        return result;
    }

    /**
     * Protects {@code datagram} in the session and epoch of {@code peer}, a {@link SecurePeer}; when
     * the address no longer has that session and epoch, the message is dropped and counted
     * (oneM2M TS-0008 clause 7; see {@link BoundSender}).
     */
    @Override
    public void send(Peer peer, byte[] datagram) {
        sender.send(peer, datagram);
    }

    /** Ends every session with close_notify, fails waiting resolves, and closes the socket (its port is free on return). */
    @Override
    public void close() {
        if (state.loop != null && !state.closed) {
            callOnLoop(() -> {
                closer.shutdown(timers);
                return null;
            });
        }
        state.closed = true;
        UdpChannel udp = state.channel;
        if (udp != null) {
            udp.close();
        }
    }

    // ------------------------------------------------------------------------- management API

    /** A snapshot of the counters (taken on the event loop). */
    public CoapsMetrics metrics() {
        return callOnLoop(() -> {
            int clientSessions = state.clients.established();
            return state.counters.snapshot(state.dtlsMetrics, state.serverSessions.size(), clientSessions,
                    state.clients.size() - clientSessions);
        });
    }

    /** The peers of the established sessions, both roles. */
    public List<SecurePeer> sessions() {
        return callOnLoop(() -> {
            List<SecurePeer> peers = new ArrayList<>(state.serverSessions.size() + state.clients.size());
            state.serverSessions.forEach(session -> peers.add(session.peer));
            for (ClientConnection client : state.clients.connections()) {
                if (client.session != null) {
                    peers.add(client.session.peer);
                }
            }
            return peers;
        });
    }

    /**
     * Closes the session(s) with {@code peer} with close_notify, e.g. to recover resources; their
     * pending exchanges fail. Completes with whether there was anything to close.
     */
    public CompletableFuture<Boolean> closeSession(InetSocketAddress peer) {
        Objects.requireNonNull(peer, "peer");
        EventLoop eventLoop = state.loop;
        if (eventLoop == null || state.closed) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        try {
            eventLoop.execute(() -> result.complete(closer.closeSessionsWith(peer, state.nowMillis())));
        } catch (RejectedExecutionException e) {
            result.complete(false);
        }
        return result;
    }

    /** Runs {@code action} on the loop and waits; once the loop has ended its state no longer changes and is read here. */
    private <T> T callOnLoop(Supplier<T> action) {
        EventLoop eventLoop = state.loop;
        if (eventLoop == null || eventLoop.inEventLoop()) {
            return action.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            eventLoop.execute(() -> {
                try {
                    result.complete(action.get());
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            eventLoop.close(); // already closing: wait until the loop thread has ended
            return action.get();
        }
        return result.join();
    }

    @Override
    public String toString() {
        UdpChannel udp = state.channel;
        return "DtlsConnector[" + (udp != null ? udp.localAddress() : config.bindAddress()) + "]";
    }

    /** Collects a {@link CoapsConfig}; {@link #build()} validates it and makes the connector. */
    public static final class Builder {
        private final CoapsConfig.Builder config = CoapsConfig.builder();

        private Builder() {
        }

        /** See {@link CoapsConfig.Builder#bind}; default port 5684 on the wildcard address. */
        public Builder bind(InetSocketAddress address) {
            config.bind(address);
            return this;
        }

        public Builder psk(PskStore store) {
            config.psk(store);
            return this;
        }

        public Builder pskIdentityHint(String hint) {
            config.pskIdentityHint(hint);
            return this;
        }

        public Builder maxConnections(int max) {
            config.maxConnections(max);
            return this;
        }

        public Builder maxConcurrentHandshakes(int max) {
            config.maxConcurrentHandshakes(max);
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            config.idleTimeout(timeout);
            return this;
        }

        public Builder retransmission(RetransmissionPolicy policy) {
            config.retransmission(policy);
            return this;
        }

        public Builder dtlsConfig(DtlsConfig dtls) {
            config.dtlsConfig(dtls);
            return this;
        }

        public Builder keepAlive(KeepAlive keepAlive) {
            config.keepAlive(keepAlive);
            return this;
        }

        public Builder maxClientSessions(int max) {
            config.maxClientSessions(max);
            return this;
        }

        public Builder acceptHandshakes(boolean accept) {
            config.acceptHandshakes(accept);
            return this;
        }

        public Builder random(RandomSource random) {
            config.random(random);
            return this;
        }

        public DtlsConnector build() {
            return new DtlsConnector(config.build());
        }
    }
}
