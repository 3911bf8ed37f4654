package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coap.endpoint.ConnectorSink;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.Credentials;
import io.coaps4j.dtls.credentials.PskStore;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import io.coaps4j.transport.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * CoAP over DTLS ({@code coaps://}, RFC 7252 section 9.1) on one UDP socket, in both DTLS roles.
 *
 * <p>One {@link io.coaps4j.dtls.engine.DtlsEndpoint} holds the connections of both roles: its server
 * role answers the nodes that contact this one, its client connections reach the servers this node
 * contacts. Every decrypted
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
 * <p>This class is the thread-safe face of the I/O shell: it checks what callers pass and hops onto the
 * loop, where a {@link ConnectorLoop} wires the sans-IO {@link CoapsBinding}, which does the protocol
 * work, to the socket, the loop's deadline and the futures of {@link #resolve}. The slow crypto of
 * handshakes runs on a few worker threads ({@link CoapsConfig#cryptoThreads()}), never on the loop.
 */
public final class DtlsConnector implements Connector {
    public static final String SCHEME = "coaps";
    /** The coaps default port (RFC 7252 section 12.7). */
    public static final int DEFAULT_PORT = CoapsConfig.DEFAULT_PORT;

    private final CoapsConfig config;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile EventLoop loop;
    /** Set on start: the binding and what it needs on the loop; its methods are called there only. */
    private volatile ConnectorLoop running;
    private volatile boolean closed;

    private DtlsConnector(CoapsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
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
        ConnectorLoop onLoop = new ConnectorLoop(config, connectorSink, eventLoop);
        try {
            onLoop.open(config.bindAddress());
        } catch (IOException | RuntimeException e) {
            onLoop.closeResources();
            throw e;
        }
        running = onLoop;
        loop = eventLoop;
    }

    @Override
    public boolean supports(String scheme) {
        return SCHEME.equals(scheme);
    }

    /** A closed or replaced session is reported through {@link ConnectorSink#peerLost}. */
    @Override
    public boolean reportsLostPeers() {
        return true;
    }

    /**
     * The largest CoAP message this connector can send: one DTLS record's plaintext (2^14 bytes, RFC 6347
     * section 4.1.1). A larger message is dropped and counted ({@link BindingDropReason#TOO_LARGE}).
     */
    @Override
    public int maxMessageSize() {
        return CoapsBinding.maxMessageSize();
    }

    @Override
    public InetSocketAddress localAddress() {
        ConnectorLoop onLoop = running;
        if (onLoop == null) {
            throw new IllegalStateException("the DTLS connector is not started");
        }
        return onLoop.localAddress();
    }

    /**
     * The peer of the established session with {@code address} (either role), else a new client
     * handshake's peer once it completes; a DNS name in {@code host} is sent as server_name (RFC 6066)
     * and chooses name-scoped keys. Fails with {@link DtlsHandshakeException} when the handshake fails
     * or times out, or no key is configured for that server.
     */
    @Override
    public CompletionStage<Peer> resolve(String scheme, String host, InetSocketAddress address) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        if (!supports(scheme)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "scheme '" + scheme + "' is not served by the DTLS connector (only coaps)"));
        }
        if (address.isUnresolved()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unresolved address " + address));
        }
        EventLoop eventLoop = loop;
        if (eventLoop == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the DTLS connector is not started"));
        }
        if (closed) {
            return CompletableFuture.failedFuture(HandshakeFailures.connectorClosed(address));
        }
        ConnectorLoop onLoop = running;
        if (eventLoop.inEventLoop()) {
            SecurePeer established = onLoop.binding().established(address);
            if (established != null) {
                return CompletableFuture.completedFuture(established);
            }
        }
        CompletableFuture<Peer> result = new CompletableFuture<>();
        try {
            // Deferred even on the loop: starting a handshake must not run inside another callback.
            eventLoop.execute(() -> onLoop.resolve(address, serverName(host), result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(HandshakeFailures.connectorClosed(address));
        }
        return result;
    }

    /**
     * Protects {@code datagram} in the session and epoch of {@code peer}, a {@link SecurePeer}; when
     * that session or epoch is no longer current, the message is dropped and counted (oneM2M TS-0008
     * clause 7).
     */
    @Override
    public void send(Peer peer, byte[] datagram) {
        ConnectorLoop onLoop = running;
        if (onLoop != null) {
            onLoop.send(peer, datagram);
        }
    }

    /** Ends every session with close_notify, fails waiting resolves, and closes the socket (its port is free on return). */
    @Override
    public void close() {
        if (loop != null && !closed) { // after exportSessionsAndClose: no close_notify, the sessions live on
            callOnLoop(() -> {
                running.shutdown();
                return null;
            });
        }
        closed = true;
        ConnectorLoop onLoop = running;
        if (onLoop != null) {
            onLoop.closeResources();
        }
    }

    /**
     * Graceful restart, first half: seals the established server sessions under {@code sealingKey} (16 or 32
     * bytes) and closes the connector without close_notify, so that the clients keep their sessions; a new
     * connector given the result by {@link #importSessions} serves them with no handshake. Write the result with
     * {@link io.coaps4j.dtls.engine.SessionExportFile#writeAtomically}.
     */
    public byte[] exportSessionsAndClose(byte[] sealingKey) {
        if (loop == null || closed) {
            throw new IllegalStateException("the DTLS connector is not running");
        }
        byte[] export = callOnLoop(() -> running.exportAndStop(sealingKey));
        closed = true; // close() then frees the socket and workers without close_notify
        return export;
    }

    /**
     * Graceful restart, second half: takes the sessions a previous connector exported, after {@link #start};
     * returns how many. Delete the export once imported: importing it twice could repeat record sequence numbers
     * beyond the margin the import adds (2^20).
     *
     * @throws io.coaps4j.dtls.engine.SessionImportException when it is not an export, another version, truncated,
     *                                                       tampered with or sealed under another key
     */
    public int importSessions(byte[] export, byte[] sealingKey) throws io.coaps4j.dtls.engine.SessionImportException {
        if (loop == null || closed) {
            throw new IllegalStateException("start the DTLS connector before importing sessions");
        }
        CompletableFuture<Integer> result = new CompletableFuture<>();
        ConnectorLoop onLoop = running;
        if (loop.inEventLoop()) {
            return onLoop.importSessions(export, sealingKey);
        }
        loop.execute(() -> {
            try {
                result.complete(onLoop.importSessions(export, sealingKey));
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof io.coaps4j.dtls.engine.SessionImportException failure) {
                throw failure;
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------------- management API

    /** A snapshot of the counters (taken on the event loop). */
    public CoapsMetrics metrics() {
        return callOnLoop(() -> running == null
                ? new ConnectorCounters().snapshot(new DtlsMetrics(), 0, 0, 0, 0) : running.metrics());
    }

    /** The peers of the established sessions, both roles. */
    public List<SecurePeer> sessions() {
        return callOnLoop(() -> running == null ? List.of() : running.sessions());
    }

    /**
     * Closes the session(s) with {@code peer} with close_notify, e.g. to recover resources; their
     * pending exchanges fail. Completes with whether there was anything to close.
     */
    public CompletableFuture<Boolean> closeSession(InetSocketAddress peer) {
        Objects.requireNonNull(peer, "peer");
        EventLoop eventLoop = loop;
        if (eventLoop == null || closed) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        try {
            ConnectorLoop onLoop = running;
            eventLoop.execute(() -> result.complete(onLoop.closeSessionsWith(peer)));
        } catch (RejectedExecutionException e) {
            result.complete(false);
        }
        return result;
    }

    /** The sans-IO binding, for tests that reach into its engine; null before {@link #start}. Loop thread only. */
    CoapsBinding binding() {
        ConnectorLoop onLoop = running;
        return onLoop == null ? null : onLoop.binding();
    }

    /** Runs {@code action} on the loop and waits; once the loop has ended its state no longer changes and is read here. */
    private <T> T callOnLoop(Supplier<T> action) {
        EventLoop eventLoop = loop;
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

    /**
     * The TLS server name for a URI host (RFC 6066 section 3): a DNS name as written in the URI; none for
     * an address literal, which RFC 6066 does not allow as a name.
     */
    static Optional<String> serverName(String host) {
        if (host.isEmpty() || host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return Optional.empty();
        }
        return Optional.of(host);
    }

    @Override
    public String toString() {
        ConnectorLoop onLoop = running;
        return "DtlsConnector[" + (onLoop != null ? onLoop.localAddress() : config.bindAddress()) + "]";
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

        /** See {@link CoapsConfig.Builder#credentials}: any security mode's credentials. */
        public Builder credentials(Credentials modeCredentials) {
            config.credentials(modeCredentials);
            return this;
        }

        public Builder cryptoThreads(int threads) {
            config.cryptoThreads(threads);
            return this;
        }

        /** See {@link CoapsConfig#aesKeyCacheSize()}: more for a server that notifies thousands of observers. */
        public Builder aesKeyCacheSize(int entries) {
            config.aesKeyCacheSize(entries);
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
