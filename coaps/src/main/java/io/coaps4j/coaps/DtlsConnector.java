package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coap.endpoint.ConnectorSink;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.PskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsOutput;
import io.coaps4j.dtls.engine.DtlsResult;
import io.coaps4j.dtls.engine.DtlsServer;
import io.coaps4j.dtls.engine.DtlsSession;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.SecurityAssociation;
import io.coaps4j.transport.DeadlineHandler;
import io.coaps4j.transport.EventLoop;
import io.coaps4j.transport.UdpChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    private final CoapsConfig config;
    private final AtomicBoolean started = new AtomicBoolean();
    private final Deadlines deadlines = new Deadlines();
    private final DtlsMetrics dtlsMetrics = new DtlsMetrics();
    private final ConnectorCounters counters = new ConnectorCounters();
    /** The sessions the DTLS server role carries, by peer address: one entry per idle session, so no HashMap node each. */
    private final AddressTable<SessionState> serverSessions = new AddressTable<>(session -> session.peer.address());
    private final ClientTable clients = new ClientTable();
    /** Resolves waiting for a handshake the peer started with us from the address we wanted to reach. */
    private final Map<InetSocketAddress, List<CompletableFuture<Peer>>> serverWaiters = new HashMap<>();
    private final KeepAliveMonitor keepAlive;
    private final PendingEvents pending = new PendingEvents();
    private final ServerOutput serverOutput = new ServerOutput();
    private boolean draining;

    private volatile EventLoop loop;
    private volatile UdpChannel channel;
    private volatile boolean closed;
    private ConnectorSink sink;
    private CryptoContext crypto;
    private DtlsServer server;
    private long originNanos;

    private DtlsConnector(CoapsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.keepAlive = new KeepAliveMonitor(config.keepAlive(), this::randomMessageId);
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
            return CompletableFuture.failedFuture(HandshakeFailures.connectorClosed(address));
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
            result.completeExceptionally(HandshakeFailures.connectorClosed(address));
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
            counters.dropped(BindingDropReason.NOT_A_SECURE_PEER);
            return;
        }
        if (closed || server == null) {
            counters.dropped(BindingDropReason.CLOSED);
            return;
        }
        InetSocketAddress address = secure.address();
        ClientConnection client = clients.get(address);
        if (client != null && client.session != null && client.session.peer.equals(secure)) {
            sendIn(client.session, datagram, nowMillis());
            return;
        }
        SessionState served = serverSessions.get(address);
        if (served != null && served.peer.equals(secure)) {
            sendIn(served, datagram, nowMillis());
            return;
        }
        boolean otherSession = (client != null && client.session != null) || served != null;
        counters.dropped(otherSession ? BindingDropReason.OTHER_SESSION_OR_EPOCH : BindingDropReason.NO_SESSION);
    }

    /** Ends every session with close_notify, fails waiting resolves, and closes the socket (its port is free on return). */
    @Override
    public void close() {
        if (loop != null && !closed) {
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
        return callOnLoop(() -> {
            int clientSessions = clients.established();
            return counters.snapshot(dtlsMetrics, serverSessions.size(), clientSessions, clients.size() - clientSessions);
        });
    }

    /** The peers of the established sessions, both roles. */
    public List<SecurePeer> sessions() {
        return callOnLoop(() -> {
            List<SecurePeer> peers = new ArrayList<>(serverSessions.size() + clients.size());
            serverSessions.forEach(session -> peers.add(session.peer));
            for (ClientConnection client : clients.connections()) {
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
        ClientConnection client = clients.get(from);
        // A server never sends a ClientHello: one always goes to the server role, even from a peer we reach as client.
        if (client != null && !startsWithClientHello(data, offset, length)) {
            client.connection.receive(data, offset, length, now, client.output);
            afterClientCall(client, now);
            return;
        }
        if (!config.acceptHandshakes()) {
            counters.datagramsRefused++; // a client-only node has no DTLS server role
            return;
        }
        int handshakesBefore = server.handshakeCount();
        int connectionsBefore = server.connectionCount();
        server.receive(from, data, offset, length, now, serverOutput);
        drain(now);
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

    /**
     * Handles the events the engine calls queued, once those calls have returned; a nested call
     * (e.g. a response sent while a request is delivered) leaves its events to the outermost drain,
     * so they are handled in order.
     */
    private void drain(long now) {
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

    private void onServerEvent(InetSocketAddress address, DtlsEvent event, long now) {
        if (event instanceof DtlsEvent.ApplicationData data) {
            SessionState session = serverSessions.get(address);
            if (session == null || session.peer.session() != data.session()) {
                session = reconcileServer(address, now, false);
            }
            deliver(session, data, now);
        } else if (event instanceof DtlsEvent.HandshakeCompleted) {
            reconcileServer(address, now, false);
        } else {
            if (event instanceof DtlsEvent.Closed closedEvent
                    && closedEvent.reason() == DtlsEvent.CloseReason.REPLACED && serverSessions.containsKey(address)) {
                counters.sessionsReplaced++;
            }
            reconcileServer(address, now, true);
        }
    }

    /**
     * Brings this connector's view of the server session with {@code address} in line with the
     * DTLS server's, whatever events led there: a session that is gone is lost to the CoAP engine,
     * a new one is adopted and satisfies the resolves waiting for it.
     */
    private SessionState reconcileServer(InetSocketAddress address, long now, boolean connectionEnded) {
        Optional<DtlsSession> current = server.session(address);
        SessionState mine = serverSessions.get(address);
        if (mine != null && (current.isEmpty() || current.get() != mine.peer.session())) {
            serverSessions.remove(address);
            lost(mine.peer);
            mine = null;
        }
        if (current.isPresent() && mine == null) {
            mine = new SessionState(SecurePeer.of(current.get()), now);
            serverSessions.put(mine);
            keepAlive.sessionAdded(now);
            LOG.debug("DTLS session as server with {}: {}", address, mine.peer);
            ClientConnection client = clients.get(address);
            if (client != null) {
                peerStartedHandshake(client);
            }
            completeAll(serverWaiters.remove(address), mine.peer);
        } else if (current.isEmpty() && connectionEnded) {
            failAll(serverWaiters.remove(address), HandshakeFailures.peerHandshakeEnded(address));
        }
        return mine;
    }

    private void onClientEvent(ClientConnection client, DtlsEvent event, long now) {
        if (event instanceof DtlsEvent.ApplicationData data) {
            deliver(client.session, data, now);
        } else if (event instanceof DtlsEvent.HandshakeCompleted completed) {
            clientEstablished(client, completed.session(), now);
        } else if (event instanceof DtlsEvent.Closed closedEvent) {
            clientEnded(client, HandshakeFailures.closed(client.address, closedEvent.reason()));
        } else if (event instanceof DtlsEvent.Failed failed) {
            clientEnded(client, HandshakeFailures.failed(client.address, failed));
        }
    }

    /** After every call into a client connection: its deadline may have moved, its events wait. */
    private void afterClientCall(ClientConnection client, long now) {
        clients.reschedule(client);
        drain(now);
    }

    private void clientEstablished(ClientConnection client, DtlsSession session, long now) {
        client.session = new SessionState.OfClient(SecurePeer.of(session), client, now);
        keepAlive.sessionAdded(now);
        LOG.debug("DTLS session as client with {}: {}", client.address, client.session.peer);
        if (serverSessions.containsKey(client.address)) {
            // One association per address pair: the newest wins; the peer drops the old one on our close_notify.
            counters.sessionsReplaced++;
            server.close(client.address, now, serverOutput);
            drain(now);
        }
        completeAll(client.takeWaiters(), client.session.peer);
    }

    private void clientEnded(ClientConnection client, DtlsHandshakeException failure) {
        if (client.removed) {
            return;
        }
        clients.remove(client);
        if (client.session != null) {
            lost(client.session.peer);
        }
        failAll(client.takeWaiters(), failure);
    }

    /** Forgets our client connection with the peer silently; resolves waiting for it wait for the peer's handshake instead. */
    private void peerStartedHandshake(ClientConnection client) {
        clients.remove(client);
        if (client.session != null) {
            counters.sessionsReplaced++;
            lost(client.session.peer);
        }
        List<CompletableFuture<Peer>> waiting = client.takeWaiters();
        if (waiting != null) {
            serverWaiters.computeIfAbsent(client.address, a -> new ArrayList<>(waiting.size())).addAll(waiting);
        }
    }

    /** Hands decrypted CoAP bytes to the engine with the peer of their session and epoch. */
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
        sink.received(peer, bytes, 0, bytes.length);
    }

    private void lost(SecurePeer peer) {
        LOG.debug("DTLS session ended: {}", peer);
        sink.peerLost(peer);
    }

    // ------------------------------------------------------------------------------ outbound

    private void sendIn(SessionState session, byte[] datagram, long now) {
        if (datagram.length > SecurityAssociation.MAX_PLAINTEXT_LENGTH) {
            counters.dropped(BindingDropReason.TOO_LARGE);
            return;
        }
        session.sent(datagram);
        protect(session, datagram, now);
    }

    /** Sends in the session; false when it turned out to be gone. */
    private boolean protect(SessionState session, byte[] datagram, long now) {
        ClientConnection client = session.client();
        if (client != null) {
            if (client.removed) {
                counters.dropped(BindingDropReason.NO_SESSION);
                return false;
            }
            client.connection.send(datagram, 0, datagram.length, now, client.output);
            afterClientCall(client, now);
            return true;
        }
        InetSocketAddress address = session.peer.address();
        Optional<DtlsSession> current = server.session(address);
        if (current.isEmpty() || current.get() != session.peer.session()) {
            // The server's table changed without an event reaching us yet: never send in another session.
            reconcileServer(address, now, false);
            counters.dropped(current.isEmpty() ? BindingDropReason.NO_SESSION : BindingDropReason.OTHER_SESSION_OR_EPOCH);
            return false;
        }
        server.send(address, datagram, 0, datagram.length, now, serverOutput);
        drain(now);
        return true;
    }

    private void transmit(InetSocketAddress to, byte[] datagram) {
        UdpChannel udp = channel;
        if (udp != null) {
            udp.send(to, datagram, 0, datagram.length);
        }
    }

    // ----------------------------------------------------------------------------- resolving

    private void resolveOnLoop(InetSocketAddress address, CompletableFuture<Peer> result) {
        if (result.isDone()) {
            return; // the request gave up (timeout, cancel) before the loop got here
        }
        if (closed) {
            result.completeExceptionally(HandshakeFailures.connectorClosed(address));
            return;
        }
        SecurePeer established = establishedPeer(address);
        if (established != null) {
            result.complete(established);
            return;
        }
        ClientConnection client = clients.get(address);
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
        ClientConnection client = clients.get(address);
        if (client != null && client.session != null) {
            return client.session.peer;
        }
        SessionState served = serverSessions.get(address);
        return served != null ? served.peer : null;
    }

    private void startClient(InetSocketAddress address, CompletableFuture<Peer> result) {
        long now = nowMillis();
        if (!makeRoomForClient(now)) {
            result.completeExceptionally(HandshakeFailures.notStarted(address, "all " + config.maxClientSessions()
                    + " client sessions (maxClientSessions) are still handshaking"));
            return;
        }
        DtlsConnection connection;
        try {
            connection = DtlsConnection.client(config.dtls(), crypto, dtlsMetrics, address, serverName(address));
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(HandshakeFailures.notStarted(address, e.getMessage()));
            return;
        }
        ClientConnection client = new ClientConnection(address, connection);
        client.output = new ClientOutput(client);
        client.addWaiter(result);
        clients.add(client);
        connection.start(now, client.output);
        afterClientCall(client, now);
    }

    /** Closes the least recently used established client session when the table is full; false when none can go. */
    private boolean makeRoomForClient(long now) {
        if (clients.size() < config.maxClientSessions()) {
            return true;
        }
        ClientConnection victim = clients.leastRecentlyUsedIdle();
        if (victim == null) {
            return false;
        }
        counters.clientSessionsEvicted++;
        closeClient(victim, now);
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

    private void onTimer(long now) {
        server.onTimer(now, serverOutput);
        drain(now);
        ClientConnection due;
        while ((due = clients.pollDue(now)) != null) {
            due.connection.onTimer(now, due.output);
            afterClientCall(due, now);
        }
        if (keepAlive.startSweep(now, !serverSessions.isEmpty() || !clients.isEmpty())) {
            sweep(now);
        }
    }

    /** Pings sessions idle too long, retransmits unanswered pings, closes the sessions of dead peers. */
    private void sweep(long now) {
        List<SessionState> toPing = new ArrayList<>();
        List<SessionState> dead = new ArrayList<>();
        serverSessions.forEach(session -> keepAlive.check(session, now, toPing, dead));
        for (ClientConnection client : clients.connections()) {
            if (client.session != null) {
                keepAlive.check(client.session, now, toPing, dead);
            }
        }
        for (SessionState session : toPing) {
            if (protect(session, CoapPing.ping(session.pingMid()), now)) {
                counters.pingsSent++;
            }
        }
        for (SessionState session : dead) {
            LOG.debug("no answer to keep-alive pings: closing {}", session.peer);
            counters.deadPeersClosed++;
            closeSession(session, now);
        }
    }

    private int randomMessageId() {
        byte[] bytes = crypto.random().nextBytes(2);
        return (bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF);
    }

    // ------------------------------------------------------------------------------ closing

    private void closeSession(SessionState session, long now) {
        ClientConnection client = session.client();
        if (client != null) {
            closeClient(client, now);
        } else if (serverSessions.get(session.peer.address()) == session) {
            server.close(session.peer.address(), now, serverOutput);
            drain(now);
        }
    }

    /** close_notify (RFC 5246 section 7.2.1); its Closed event ends the connection's exchanges. */
    private void closeClient(ClientConnection client, long now) {
        if (!client.removed) {
            client.connection.close(now, client.output);
            afterClientCall(client, now);
        }
    }

    private boolean closeSessionsWith(InetSocketAddress address, long now) {
        boolean any = false;
        ClientConnection client = clients.get(address);
        if (client != null) {
            closeClient(client, now);
            any = true;
        }
        SessionState served = serverSessions.get(address);
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
        for (ClientConnection client : new ArrayList<>(clients.connections())) {
            closeClient(client, now);
        }
        for (SessionState session : serverSessions.values()) {
            closeSession(session, now);
        }
        for (Map.Entry<InetSocketAddress, List<CompletableFuture<Peer>>> waiting : serverWaiters.entrySet()) {
            failAll(waiting.getValue(), HandshakeFailures.connectorClosed(waiting.getKey()));
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

    @Override
    public String toString() {
        UdpChannel udp = channel;
        return "DtlsConnector[" + (udp != null ? udp.localAddress() : config.bindAddress()) + "]";
    }

    /** Datagrams of the DTLS server role go straight to the socket; its events wait for {@link #drain}. */
    private final class ServerOutput implements DtlsOutput {
        @Override
        public void datagram(InetSocketAddress to, byte[] datagram) {
            transmit(to, datagram);
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
            transmit(to, datagram);
        }

        @Override
        public void event(InetSocketAddress peer, DtlsEvent event) {
            pending.add(client, peer, event);
        }
    }

    /** Drives the DTLS retransmission timers and the keep-alive through the loop's deadline mechanism. */
    private final class Deadlines implements DeadlineHandler {
        @Override
        public long nextDeadline() {
            if (closed) {
                return Long.MAX_VALUE;
            }
            long millis = Math.min(Math.min(server.nextDeadline(), clients.nextDeadline()), keepAlive.nextDeadline());
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
