package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coap.endpoint.ConnectorSink;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.PskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsResult;
import io.coaps4j.dtls.engine.DtlsServer;
import io.coaps4j.dtls.engine.DtlsSession;
import io.coaps4j.dtls.engine.HandshakeDropReason;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.DropReason;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.SecurityAssociation;
import io.coaps4j.transport.DeadlineHandler;
import io.coaps4j.transport.EventLoop;
import io.coaps4j.transport.UdpChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoAP over DTLS ({@code coaps://}, RFC 7252 section 9.1) on one UDP socket, in both DTLS roles.
 *
 * <p>A {@link DtlsServer} answers the nodes that contact this one; client-role
 * {@link DtlsConnection}s reach the servers this node contacts. A datagram from an address with a
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
 */
public final class DtlsConnector implements Connector {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsConnector.class);
    public static final String SCHEME = "coaps";
    /** The coaps default port (RFC 7252 section 12.7). */
    public static final int DEFAULT_PORT = CoapsConfig.DEFAULT_PORT;
    private static final long NO_DEADLINE = DtlsResult.NO_DEADLINE;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long MIN_SWEEP_MILLIS = 10;

    private final CoapsConfig config;
    private final AtomicBoolean started = new AtomicBoolean();
    private final Deadlines deadlines = new Deadlines();
    private final DtlsMetrics dtlsMetrics = new DtlsMetrics();
    private final long[] bindingDrops = new long[BindingDropReason.values().length];
    private final Map<InetSocketAddress, Session> serverSessions = new HashMap<>();
    /** Access-ordered: the eldest is the least recently used client session. */
    private final LinkedHashMap<InetSocketAddress, ClientSide> clients = new LinkedHashMap<>(16, 0.75f, true);
    /** Resolves waiting for a handshake the peer started with us from the address we wanted to reach. */
    private final Map<InetSocketAddress, List<CompletableFuture<Peer>>> serverWaiters = new HashMap<>();
    private final PriorityQueue<ClientTimer> clientTimers = new PriorityQueue<>();
    private final long keepAliveIdle;
    private final long keepAliveAckTimeout;
    private final long sweepPeriod;

    private volatile EventLoop loop;
    private volatile UdpChannel channel;
    private volatile boolean closed;
    private ConnectorSink sink;
    private CryptoContext crypto;
    private DtlsServer server;
    private long originNanos;
    private long nextSweep = NO_DEADLINE;
    private long pingsSent;
    private long deadPeersClosed;
    private long sessionsReplaced;
    private long clientSessionsEvicted;

    private DtlsConnector(CoapsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        KeepAlive keepAlive = config.keepAlive();
        this.keepAliveIdle = keepAlive.enabled() ? keepAlive.idle().toMillis() : 0;
        this.keepAliveAckTimeout = keepAlive.ackTimeout().toMillis();
        // Sweeping at half the shorter period keeps each ping and retransmission within that period of its time.
        this.sweepPeriod = keepAlive.enabled()
                ? Math.max(MIN_SWEEP_MILLIS, Math.min(keepAliveIdle, keepAliveAckTimeout) / 2) : 0;
    }

    /** A connector for {@code config}. */
    public static DtlsConnector create(CoapsConfig config) {
        return new DtlsConnector(config);
    }

    /** Collects a {@link CoapsConfig} and builds the connector. */
    public static Builder builder() {
        return new Builder();
    }

    /** A client's connector: any free port on the wildcard address, keys from {@code psk}. */
    public static DtlsConnector client(PskStore psk) {
        return builder().bind(new InetSocketAddress(0)).psk(psk).build();
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
        this.sink = connectorSink;
        this.crypto = new CryptoContext(config.random());
        this.originNanos = eventLoop.nanoTime();
        this.server = new DtlsServer(config.dtls(), crypto, dtlsMetrics, 0);
        this.loop = eventLoop;
        // Opening registers on the loop, which publishes the fields above to the loop thread.
        this.channel = eventLoop.openUdp(config.bindAddress(), (udp, sender, datagram) -> onDatagram(sender, datagram));
        eventLoop.addDeadlineHandler(deadlines);
    }

    @Override
    public boolean supports(String scheme) {
        return SCHEME.equals(scheme);
    }

    @Override
    public InetSocketAddress localAddress() {
        UdpChannel udp = channel;
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
        EventLoop eventLoop = loop;
        if (eventLoop == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the DTLS connector is not started"));
        }
        if (closed) {
            return CompletableFuture.failedFuture(closedFailure(address));
        }
        if (eventLoop.inEventLoop()) {
            SecurePeer established = establishedPeer(address);
            if (established != null) {
                return CompletableFuture.completedFuture(established);
            }
        }
        CompletableFuture<Peer> result = new CompletableFuture<>();
        try {
            // Deferred even on the loop: starting a handshake must not run inside another callback.
            eventLoop.execute(() -> resolveOnLoop(address, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(closedFailure(address));
        }
        return result;
    }

    /**
     * Protects {@code datagram} in the session and epoch of {@code peer}, a {@link SecurePeer}; when
     * the address no longer has that session and epoch, the message is dropped and counted.
     */
    @Override
    public void send(Peer peer, byte[] datagram) {
        if (!(peer instanceof SecurePeer secure)) {
            drop(BindingDropReason.NOT_A_SECURE_PEER);
            return;
        }
        if (closed || server == null) {
            drop(BindingDropReason.CLOSED);
            return;
        }
        InetSocketAddress address = secure.address();
        ClientSide client = clients.get(address);
        if (client != null && client.session != null && client.session.peer.equals(secure)) {
            sendIn(client.session, datagram, nowMillis());
            return;
        }
        Session served = serverSessions.get(address);
        if (served != null && served.peer.equals(secure)) {
            sendIn(served, datagram, nowMillis());
            return;
        }
        boolean otherSession = (client != null && client.session != null) || served != null;
        drop(otherSession ? BindingDropReason.OTHER_SESSION_OR_EPOCH : BindingDropReason.NO_SESSION);
    }

    /** Ends every session with close_notify, fails waiting resolves, and closes the socket (its port is free on return). */
    @Override
    public void close() {
        EventLoop eventLoop = loop;
        if (eventLoop != null && !closed) {
            callOnLoop(() -> {
                shutdownOnLoop();
                return null;
            });
        }
        closed = true;
        UdpChannel udp = channel;
        if (udp != null) {
            udp.close();
        }
    }

    // ------------------------------------------------------------------------- management API

    /** A snapshot of the counters (taken on the event loop). */
    public CoapsMetrics metrics() {
        return callOnLoop(this::snapshot);
    }

    /** The peers of the established sessions, both roles. */
    public List<SecurePeer> sessions() {
        return callOnLoop(() -> {
            List<SecurePeer> peers = new ArrayList<>(serverSessions.size() + clients.size());
            for (Session session : serverSessions.values()) {
                peers.add(session.peer);
            }
            for (ClientSide client : clients.values()) {
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
        EventLoop eventLoop = loop;
        if (eventLoop == null || closed) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        try {
            eventLoop.execute(() -> result.complete(closeSessionsWith(peer, nowMillis())));
        } catch (RejectedExecutionException e) {
            result.complete(false);
        }
        return result;
    }

    // ------------------------------------------------------------------------------- inbound

    private void onDatagram(InetSocketAddress from, ByteBuffer datagram) {
        if (closed) {
            return;
        }
        byte[] data = datagram.array();
        int offset = datagram.arrayOffset() + datagram.position();
        int length = datagram.remaining();
        long now = nowMillis();
        ClientSide client = clients.get(from);
        // A server never sends a ClientHello: one always goes to the server role, even from a peer we reach as client.
        if (client != null && !startsWithClientHello(data, offset, length)) {
            handleClient(client, client.connection.receive(data, offset, length, now), now);
            return;
        }
        int handshakesBefore = server.handshakeCount();
        int connectionsBefore = server.connectionCount();
        handleServer(server.receive(from, data, offset, length, now), now);
        if (client != null && !client.removed
                && (server.handshakeCount() > handshakesBefore || server.connectionCount() > connectionsBefore)) {
            // The peer proved its address with a cookie and starts a new association from it (RFC 6347
            // section 4.2.8); one association per address pair, so ours as client is over.
            peerStartedHandshake(client);
        }
    }

    /** Same test as the DTLS server's: an epoch-0 handshake record whose first message is a ClientHello. */
    private static boolean startsWithClientHello(byte[] data, int offset, int length) {
        return length > Record.HEADER_LENGTH
                && data[offset] == (byte) ContentType.HANDSHAKE.code()
                && data[offset + 3] == 0 && data[offset + 4] == 0
                && data[offset + Record.HEADER_LENGTH] == (byte) HandshakeType.CLIENT_HELLO.code();
    }

    private void handleServer(DtlsServer.Result result, long now) {
        for (DtlsServer.Outbound outbound : result.datagrams()) {
            transmit(outbound.to(), outbound.datagram());
        }
        for (DtlsServer.PeerEvent peerEvent : result.events()) {
            InetSocketAddress address = peerEvent.peer();
            DtlsEvent event = peerEvent.event();
            if (event instanceof DtlsEvent.ApplicationData data) {
                Session session = serverSessions.get(address);
                if (session == null || session.peer.session() != data.session()) {
                    session = reconcileServer(address, now, false);
                }
                deliver(session, data, now);
            } else if (event instanceof DtlsEvent.HandshakeCompleted) {
                reconcileServer(address, now, false);
            } else {
                if (event instanceof DtlsEvent.Closed closedEvent
                        && closedEvent.reason() == DtlsEvent.CloseReason.REPLACED && serverSessions.containsKey(address)) {
                    sessionsReplaced++;
                }
                reconcileServer(address, now, true);
            }
        }
    }

    /**
     * Brings this connector's view of the server session with {@code address} in line with the
     * DTLS server's: a session that is gone is lost to the CoAP engine, a new one is adopted and
     * satisfies the resolves waiting for it.
     */
    private Session reconcileServer(InetSocketAddress address, long now, boolean connectionEnded) {
        Optional<DtlsSession> current = server.session(address);
        Session mine = serverSessions.get(address);
        if (mine != null && (current.isEmpty() || current.get() != mine.peer.session())) {
            serverSessions.remove(address);
            lost(mine.peer);
            mine = null;
        }
        if (current.isPresent() && mine == null) {
            mine = new Session(SecurePeer.of(current.get()), null, now);
            serverSessions.put(address, mine);
            armSweep(now);
            LOG.debug("DTLS session as server with {}: {}", address, mine.peer);
            ClientSide client = clients.get(address);
            if (client != null) {
                peerStartedHandshake(client);
            }
            completeAll(serverWaiters.remove(address), mine.peer);
        } else if (current.isEmpty() && connectionEnded) {
            failAll(serverWaiters.remove(address), new DtlsHandshakeException(address,
                    DtlsHandshakeException.Reason.CLOSED, Optional.empty(),
                    "the DTLS handshake that " + address + " started with this node ended without a session"));
        }
        return mine;
    }

    private void handleClient(ClientSide client, DtlsResult result, long now) {
        for (byte[] datagram : result.datagrams()) {
            transmit(client.address, datagram);
        }
        for (DtlsEvent event : result.events()) {
            if (event instanceof DtlsEvent.ApplicationData data) {
                deliver(client.session, data, now);
            } else if (event instanceof DtlsEvent.HandshakeCompleted completed) {
                clientEstablished(client, completed.session(), now);
            } else if (event instanceof DtlsEvent.Closed closedEvent) {
                clientEnded(client, new DtlsHandshakeException(client.address, DtlsHandshakeException.Reason.CLOSED,
                        Optional.empty(), "the DTLS connection with " + client.address
                        + " was closed before its handshake completed (" + closedEvent.reason() + ")"));
            } else if (event instanceof DtlsEvent.Failed failed) {
                clientEnded(client, handshakeFailure(client.address, failed));
            }
        }
        if (!client.removed) {
            long deadline = client.connection.nextDeadline();
            if (deadline != client.scheduled) {
                client.scheduled = deadline;
                if (deadline != NO_DEADLINE) {
                    clientTimers.add(new ClientTimer(deadline, client));
                }
            }
        }
    }

    private void clientEstablished(ClientSide client, DtlsSession session, long now) {
        client.session = new Session(SecurePeer.of(session), client, now);
        armSweep(now);
        LOG.debug("DTLS session as client with {}: {}", client.address, client.session.peer);
        if (serverSessions.containsKey(client.address)) {
            // One association per address pair: the newest wins; the peer drops the old one on our close_notify.
            sessionsReplaced++;
            handleServer(server.close(client.address, now), now);
        }
        completeAll(client.takeWaiters(), client.session.peer);
    }

    private void clientEnded(ClientSide client, DtlsHandshakeException failure) {
        if (client.removed) {
            return;
        }
        client.removed = true;
        clients.remove(client.address, client);
        if (client.session != null) {
            lost(client.session.peer);
        }
        failAll(client.takeWaiters(), failure);
    }

    /** Forgets our client connection with the peer silently; resolves waiting for it wait for the peer's handshake instead. */
    private void peerStartedHandshake(ClientSide client) {
        client.removed = true;
        clients.remove(client.address, client);
        if (client.session != null) {
            sessionsReplaced++;
            lost(client.session.peer);
        }
        List<CompletableFuture<Peer>> waiting = client.takeWaiters();
        if (waiting != null && !waiting.isEmpty()) {
            serverWaiters.computeIfAbsent(client.address, a -> new ArrayList<>(waiting.size())).addAll(waiting);
        }
    }

    private static DtlsHandshakeException handshakeFailure(InetSocketAddress server, DtlsEvent.Failed failed) {
        String prefix = "DTLS handshake with " + server + " failed: ";
        switch (failed.origin()) {
            case TIMEOUT:
                return new DtlsHandshakeException(server, DtlsHandshakeException.Reason.TIMEOUT, Optional.empty(),
                        prefix + "no answer (" + failed.detail() + "); is a DTLS server listening there?");
            case PEER_ALERT: {
                AlertDescription alert = failed.alert().orElse(AlertDescription.HANDSHAKE_FAILURE);
                String hint = alert.equals(AlertDescription.DECRYPT_ERROR)
                        || alert.equals(AlertDescription.UNKNOWN_PSK_IDENTITY)
                        || alert.equals(AlertDescription.BAD_RECORD_MAC)
                        ? " (the server does not accept our PSK identity and key, RFC 4279 section 2)" : "";
                return new DtlsHandshakeException(server, DtlsHandshakeException.Reason.REJECTED_BY_PEER,
                        failed.alert(), prefix + "the server sent a fatal " + alert + " alert" + hint);
            }
            default: {
                AlertDescription alert = failed.alert().orElse(AlertDescription.INTERNAL_ERROR);
                String hint = alert.equals(AlertDescription.DECRYPT_ERROR)
                        ? " (the server's Finished does not verify with our key: wrong PSK?)" : "";
                return new DtlsHandshakeException(server, DtlsHandshakeException.Reason.ABORTED_LOCALLY,
                        failed.alert(), prefix + "aborted with a fatal " + alert + " alert: " + failed.detail() + hint);
            }
        }
    }

    /** Hands decrypted CoAP bytes to the engine with the peer of their session and epoch. */
    private void deliver(Session session, DtlsEvent.ApplicationData data, long now) {
        byte[] bytes = data.data();
        SecurePeer peer;
        if (session != null && session.peer.session() == data.session() && session.peer.epoch() == data.epoch()) {
            peer = session.peer;
            session.lastReceived = now;
            if (session.pingMid >= 0) {
                int pingMid = session.pingMid;
                session.pingMid = -1; // any record of the peer in this session proves it alive
                if (CoapPing.isResetFor(bytes, pingMid)) {
                    return; // the answer to our own ping: nothing for the CoAP engine
                }
            }
        } else {
            peer = new SecurePeer(data.session(), data.epoch());
        }
        sink.received(peer, bytes, 0, bytes.length);
    }

    private void lost(SecurePeer peer) {
        LOG.debug("DTLS session ended: {}", peer);
        sink.peerLost(peer);
    }

    // ------------------------------------------------------------------------------ outbound

    private void sendIn(Session session, byte[] datagram, long now) {
        if (datagram.length > SecurityAssociation.MAX_PLAINTEXT_LENGTH) {
            drop(BindingDropReason.TOO_LARGE);
            return;
        }
        int messageId = CoapPing.confirmableMessageId(datagram);
        if (messageId >= 0) {
            session.lastConMid = messageId;
        }
        protect(session, datagram, now);
    }

    /** Sends in the session; false when it turned out to be gone. */
    private boolean protect(Session session, byte[] datagram, long now) {
        ClientSide client = session.client;
        if (client != null) {
            if (client.removed) {
                drop(BindingDropReason.NO_SESSION);
                return false;
            }
            handleClient(client, client.connection.send(datagram, 0, datagram.length, now), now);
            return true;
        }
        InetSocketAddress address = session.peer.address();
        Optional<DtlsSession> current = server.session(address);
        if (current.isEmpty() || current.get() != session.peer.session()) {
            // The server's table changed without an event reaching us yet: never send in another session.
            reconcileServer(address, now, false);
            drop(current.isEmpty() ? BindingDropReason.NO_SESSION : BindingDropReason.OTHER_SESSION_OR_EPOCH);
            return false;
        }
        handleServer(server.send(address, datagram, 0, datagram.length, now), now);
        return true;
    }

    private void transmit(InetSocketAddress to, byte[] datagram) {
        UdpChannel udp = channel;
        if (udp != null) {
            udp.send(to, datagram, 0, datagram.length);
        }
    }

    private void drop(BindingDropReason reason) {
        bindingDrops[reason.ordinal()]++;
    }

    // ----------------------------------------------------------------------------- resolving

    private void resolveOnLoop(InetSocketAddress address, CompletableFuture<Peer> result) {
        if (result.isDone()) {
            return; // the request gave up (timeout, cancel) before the loop got here
        }
        if (closed) {
            result.completeExceptionally(closedFailure(address));
            return;
        }
        SecurePeer established = establishedPeer(address);
        if (established != null) {
            result.complete(established);
            return;
        }
        ClientSide client = clients.get(address);
        if (client != null) {
            client.addWaiter(result);
            return;
        }
        List<CompletableFuture<Peer>> peerHandshake = serverWaiters.get(address);
        if (peerHandshake != null) {
            peerHandshake.removeIf(CompletableFuture::isDone);
            peerHandshake.add(result);
            return;
        }
        startClient(address, result);
    }

    private SecurePeer establishedPeer(InetSocketAddress address) {
        ClientSide client = clients.get(address);
        if (client != null && client.session != null) {
            return client.session.peer;
        }
        Session served = serverSessions.get(address);
        return served != null ? served.peer : null;
    }

    private void startClient(InetSocketAddress address, CompletableFuture<Peer> result) {
        long now = nowMillis();
        if (!makeRoomForClient(now)) {
            result.completeExceptionally(new DtlsHandshakeException(address, DtlsHandshakeException.Reason.NOT_STARTED,
                    Optional.empty(), "no DTLS handshake with " + address + ": all " + config.maxClientSessions()
                    + " client sessions (maxClientSessions) are still handshaking"));
            return;
        }
        DtlsConnection connection;
        try {
            connection = DtlsConnection.client(config.dtls(), crypto, dtlsMetrics, address, serverName(address));
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(new DtlsHandshakeException(address, DtlsHandshakeException.Reason.NOT_STARTED,
                    Optional.empty(), "no DTLS handshake with " + address + ": " + e.getMessage()));
            return;
        }
        ClientSide client = new ClientSide(address, connection);
        client.addWaiter(result);
        clients.put(address, client);
        handleClient(client, connection.start(now), now);
    }

    /** Closes the least recently used established client session when the table is full; false when none can go. */
    private boolean makeRoomForClient(long now) {
        if (clients.size() < config.maxClientSessions()) {
            return true;
        }
        ClientSide victim = null;
        for (ClientSide candidate : clients.values()) {
            if (candidate.session != null && (candidate.waiters == null || candidate.waiters.isEmpty())) {
                victim = candidate;
                break;
            }
        }
        if (victim == null) {
            return false;
        }
        clientSessionsEvicted++;
        handleClient(victim, victim.connection.close(now), now);
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

    private static DtlsHandshakeException closedFailure(InetSocketAddress address) {
        return new DtlsHandshakeException(address, DtlsHandshakeException.Reason.CLOSED, Optional.empty(),
                "no DTLS session with " + address + ": the connector is closed");
    }

    private static void completeAll(List<CompletableFuture<Peer>> waiters, SecurePeer peer) {
        if (waiters != null) {
            for (CompletableFuture<Peer> waiter : waiters) {
                waiter.complete(peer);
            }
        }
    }

    private static void failAll(List<CompletableFuture<Peer>> waiters, DtlsHandshakeException failure) {
        if (waiters != null) {
            for (CompletableFuture<Peer> waiter : waiters) {
                waiter.completeExceptionally(failure);
            }
        }
    }

    // ----------------------------------------------------------------------- time, keep-alive

    private long nowMillis() {
        return (loop.nanoTime() - originNanos) / NANOS_PER_MILLI;
    }

    private long nextDeadlineMillis() {
        long next = server.nextDeadline();
        ClientTimer head;
        while ((head = clientTimers.peek()) != null && !head.isCurrent()) {
            clientTimers.poll();
        }
        if (head != null && head.deadline < next) {
            next = head.deadline;
        }
        return Math.min(next, nextSweep);
    }

    private void onTimer(long now) {
        handleServer(server.onTimer(now), now);
        ClientTimer head;
        while ((head = clientTimers.peek()) != null && head.deadline <= now) {
            clientTimers.poll();
            if (head.isCurrent()) {
                head.client.scheduled = NO_DEADLINE;
                handleClient(head.client, head.client.connection.onTimer(now), now);
            }
        }
        if (nextSweep <= now) {
            sweep(now);
        }
    }

    private void armSweep(long now) {
        if (sweepPeriod > 0 && nextSweep == NO_DEADLINE) {
            nextSweep = now + sweepPeriod;
        }
    }

    /** The keep-alive: pings sessions idle too long, retransmits unanswered pings, closes the sessions of dead peers. */
    private void sweep(long now) {
        if (serverSessions.isEmpty() && clients.isEmpty()) {
            nextSweep = NO_DEADLINE;
            return;
        }
        nextSweep = now + sweepPeriod;
        List<Session> toPing = new ArrayList<>();
        List<Session> dead = new ArrayList<>();
        for (Session session : serverSessions.values()) {
            check(session, now, toPing, dead);
        }
        for (ClientSide client : clients.values()) {
            if (client.session != null) {
                check(client.session, now, toPing, dead);
            }
        }
        for (Session session : toPing) {
            if (protect(session, CoapPing.ping(session.pingMid), now)) {
                pingsSent++;
            }
        }
        for (Session session : dead) {
            LOG.debug("no answer to keep-alive pings: closing {}", session.peer);
            deadPeersClosed++;
            closeSession(session, now);
        }
    }

    private void check(Session session, long now, List<Session> toPing, List<Session> dead) {
        if (session.pingMid < 0) {
            if (now - session.lastReceived >= keepAliveIdle) {
                // Far from the engine's message IDs, which count up from the last CON: no collision
                // with an exchange the engine may still have open in this session.
                session.pingMid = (session.lastConMid >= 0 ? session.lastConMid + 0x8000 : randomMessageId()) & 0xFFFF;
                session.pingRetransmissions = 0;
                session.pingTimeout = keepAliveAckTimeout;
                session.pingDeadline = now + keepAliveAckTimeout;
                toPing.add(session);
            }
        } else if (now >= session.pingDeadline) {
            if (session.pingRetransmissions < config.keepAlive().maxRetransmit()) {
                session.pingRetransmissions++;
                session.pingTimeout *= 2; // exponential back-off, as for any CON (RFC 7252 section 4.2)
                session.pingDeadline = now + session.pingTimeout;
                toPing.add(session);
            } else {
                dead.add(session);
            }
        }
    }

    private int randomMessageId() {
        byte[] bytes = crypto.random().nextBytes(2);
        return (bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF);
    }

    // ------------------------------------------------------------------------------ closing

    private void closeSession(Session session, long now) {
        ClientSide client = session.client;
        if (client != null) {
            if (!client.removed) {
                handleClient(client, client.connection.close(now), now);
            }
        } else if (serverSessions.get(session.peer.address()) == session) {
            handleServer(server.close(session.peer.address(), now), now);
        }
    }

    private boolean closeSessionsWith(InetSocketAddress address, long now) {
        boolean any = false;
        ClientSide client = clients.get(address);
        if (client != null) {
            handleClient(client, client.connection.close(now), now);
            any = true;
        }
        Session served = serverSessions.get(address);
        if (served != null) {
            closeSession(served, now);
            any = true;
        }
        return any;
    }

    private void shutdownOnLoop() {
        if (closed || server == null) {
            closed = true;
            return;
        }
        long now = nowMillis();
        for (ClientSide client : new ArrayList<>(clients.values())) {
            handleClient(client, client.connection.close(now), now);
        }
        for (Session session : new ArrayList<>(serverSessions.values())) {
            closeSession(session, now);
        }
        for (Map.Entry<InetSocketAddress, List<CompletableFuture<Peer>>> waiting : serverWaiters.entrySet()) {
            failAll(waiting.getValue(), closedFailure(waiting.getKey()));
        }
        serverWaiters.clear();
        closed = true;
        loop.removeDeadlineHandler(deadlines);
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

    private CoapsMetrics snapshot() {
        int clientSessions = 0;
        for (ClientSide client : clients.values()) {
            if (client.session != null) {
                clientSessions++;
            }
        }
        Map<AlertDescription, Long> failures = new HashMap<>();
        dtlsMetrics.handshakeFailuresByAlert().forEach((code, count) -> failures.put(new AlertDescription(code), count));
        Map<DropReason, Long> records = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            records.put(reason, dtlsMetrics.recordsDropped(reason));
        }
        Map<HandshakeDropReason, Long> messages = new EnumMap<>(HandshakeDropReason.class);
        for (HandshakeDropReason reason : HandshakeDropReason.values()) {
            messages.put(reason, dtlsMetrics.handshakeMessagesDropped(reason));
        }
        Map<BindingDropReason, Long> binding = new EnumMap<>(BindingDropReason.class);
        for (BindingDropReason reason : BindingDropReason.values()) {
            binding.put(reason, bindingDrops[reason.ordinal()]);
        }
        return new CoapsMetrics(serverSessions.size(), clientSessions, clients.size() - clientSessions,
                dtlsMetrics.handshakesSucceeded(), failures, dtlsMetrics.handshakesTimedOut(), records, messages,
                binding, pingsSent, deadPeersClosed, sessionsReplaced, clientSessionsEvicted);
    }

    @Override
    public String toString() {
        UdpChannel udp = channel;
        return "DtlsConnector[" + (udp != null ? udp.localAddress() : config.bindAddress()) + "]";
    }

    // ------------------------------------------------------------------------------- state

    /** An established session, either role, with what the keep-alive tracks. */
    private static final class Session {
        final SecurePeer peer;
        /** The client connection carrying it; null when the DTLS server does. */
        final ClientSide client;
        long lastReceived;
        int lastConMid = -1;
        int pingMid = -1;
        int pingRetransmissions;
        long pingTimeout;
        long pingDeadline;

        Session(SecurePeer peer, ClientSide client, long now) {
            this.peer = peer;
            this.client = client;
            this.lastReceived = now;
        }
    }

    /** A connection this node opened as DTLS client, and the resolves waiting for its handshake. */
    private static final class ClientSide {
        final InetSocketAddress address;
        final DtlsConnection connection;
        List<CompletableFuture<Peer>> waiters;
        Session session;
        long scheduled = NO_DEADLINE;
        boolean removed;

        ClientSide(InetSocketAddress address, DtlsConnection connection) {
            this.address = address;
            this.connection = connection;
        }

        void addWaiter(CompletableFuture<Peer> waiter) {
            if (waiters == null) {
                waiters = new ArrayList<>(2);
            } else {
                waiters.removeIf(CompletableFuture::isDone); // requests that gave up need not be remembered
            }
            waiters.add(waiter);
        }

        List<CompletableFuture<Peer>> takeWaiters() {
            List<CompletableFuture<Peer>> taken = waiters;
            waiters = null;
            return taken;
        }
    }

    /** A client connection's timer entry; stale once the connection is gone or rescheduled. */
    private record ClientTimer(long deadline, ClientSide client) implements Comparable<ClientTimer> {
        boolean isCurrent() {
            return !client.removed && client.scheduled == deadline;
        }

        @Override
        public int compareTo(ClientTimer other) {
            return Long.compare(deadline, other.deadline);
        }
    }

    /** Drives the DTLS retransmission timers and the keep-alive through the loop's deadline mechanism. */
    private final class Deadlines implements DeadlineHandler {
        @Override
        public long nextDeadline() {
            if (closed) {
                return Long.MAX_VALUE;
            }
            long millis = nextDeadlineMillis();
            return millis == NO_DEADLINE ? Long.MAX_VALUE : originNanos + millis * NANOS_PER_MILLI;
        }

        @Override
        public void deadlineReached(long nowNanos) {
            if (!closed) {
                onTimer((nowNanos - originNanos) / NANOS_PER_MILLI);
            }
        }
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

        public Builder random(RandomSource random) {
            config.random(random);
            return this;
        }

        public DtlsConnector build() {
            return new DtlsConnector(config.build());
        }
    }
}
