package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.ConnectorSink;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.CryptoJob;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEndpoint;
import io.coaps4j.dtls.engine.SessionImportException;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsOutput;
import io.coaps4j.dtls.engine.DtlsResult;
import io.coaps4j.dtls.engine.RateLimitedWarning;
import io.coaps4j.dtls.record.SecurityAssociation;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoAP over DTLS on one socket, without I/O: datagrams and the time go in ({@link #receive},
 * {@link #send}, {@link #onTimer}), datagrams, deliveries to the CoAP engine's {@link ConnectorSink},
 * session events and the next deadline come out. {@link DtlsConnector} runs it on an event loop.
 *
 * <p>One session model: the {@link DtlsEndpoint} is the only table of connections. What the binding needs
 * per session (its {@link SecurePeer}, the keep-alive state) hangs on the connection handle, so a message
 * sent to a {@link SecurePeer} goes straight to its session's connection without any lookup, and one
 * request with its response costs one address lookup, the inbound datagram's.
 *
 * <p>The rules of oneM2M TS-0008 clause 7: every decrypted message reaches the CoAP engine with the
 * {@link SecurePeer} of its session and epoch, and a message leaves only in the session and epoch of the
 * peer it is addressed to; otherwise it is dropped and counted ({@link BindingDropReason}).
 *
 * <p>Events are queued while an engine call runs and handled once it returned: handling one may call the
 * engine again (a response sent from inside a request's delivery). Times are nanoseconds of the caller's
 * monotonic clock, as everywhere in the engines. Not thread-safe: one event loop owns it.
 */
public final class CoapsBinding {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsConnector.class);
    /** At most one WARN line per minute for each kind of drop. */
    private static final long WARNING_PERIOD = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    /** Where the binding's results go, besides the CoAP engine's sink. Called on the calling thread. */
    public interface Output {
        /** A datagram to send to {@code to}; the array is the receiver's. */
        void datagram(InetSocketAddress to, byte[] datagram);

        /** A session with {@code peer.address()} is established, in either role: requests waiting for it may go. */
        void established(SecurePeer peer);

        /**
         * The last handshake with {@code address} ended without a session: requests waiting for one fail with
         * {@code failure}, built only when asked for (a stack trace costs microseconds, and usually nobody waits).
         */
        void unreachable(InetSocketAddress address, Supplier<DtlsHandshakeException> failure);

        /**
         * A slow crypto operation of a handshake to run off the loop ({@link io.coaps4j.dtls.engine.DtlsOutput#offload}):
         * call {@link CryptoJob#run()} on any thread, then hand the job back to {@link CoapsBinding#resume} on the
         * loop. The default runs it here, so the handshake goes on at once and the loop waits for it.
         */
        default void offload(CryptoJob job) {
            job.run();
        }
    }

    private final CoapsConfig config;
    private final ConnectorSink sink;
    private final Output output;
    private final DtlsMetrics dtlsMetrics = new DtlsMetrics();
    private final ConnectorCounters counters = new ConnectorCounters();
    private final DtlsEndpoint endpoint;
    private final KeepAliveMonitor keepAlive;
    private final PendingEvents pending = new PendingEvents();
    private final EngineOutput engineOutput = new EngineOutput();
    private final RateLimitedWarning[] dropWarnings = new RateLimitedWarning[BindingDropReason.values().length];
    private final long originNanos;
    private boolean draining;
    private boolean closed;

    /** A binding whose clock starts at {@code nowNanos}; deliveries go to {@code sink}, the rest to {@code output}. */
    public CoapsBinding(CoapsConfig config, CryptoContext crypto, ConnectorSink sink, Output output, long nowNanos) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(crypto, "crypto");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.output = Objects.requireNonNull(output, "output");
        this.originNanos = nowNanos;
        this.endpoint = new DtlsEndpoint(config.dtls(), crypto, dtlsMetrics, config.acceptHandshakes(),
                config.maxClientSessions(), 0);
        this.keepAlive = new KeepAliveMonitor(config.keepAlive(), counters);
        for (BindingDropReason reason : BindingDropReason.values()) {
            dropWarnings[reason.ordinal()] = new RateLimitedWarning(LOG, "CoAP messages not sent (" + reason + ")",
                    WARNING_PERIOD);
        }
    }

    /** The largest CoAP message that fits one DTLS record: a larger one cannot be sent (RFC 6347 section 4.1.1). */
    public static int maxMessageSize() {
        return SecurityAssociation.MAX_PLAINTEXT_LENGTH;
    }

    /** Processes one datagram from {@code from}; returns the next deadline. */
    public long receive(InetSocketAddress from, byte[] datagram, int offset, int length, long nowNanos) {
        if (!closed) {
            long now = engineTime(nowNanos);
            endpoint.receive(from, datagram, offset, length, now, engineOutput);
            drain(now);
        }
        return nextDeadline();
    }

    /**
     * Sends {@code message} in the session and epoch of {@code peer}, a {@link SecurePeer}, straight to its
     * connection; when that session or epoch is no longer current, or the message does not fit a record, it
     * is dropped and counted (oneM2M TS-0008 clause 7).
     */
    public void send(Peer peer, byte[] message, long nowNanos) {
        if (!(peer instanceof SecurePeer secure)) {
            dropped(BindingDropReason.NOT_A_SECURE_PEER, nowNanos);
            return;
        }
        if (closed) {
            dropped(BindingDropReason.CLOSED, nowNanos);
            return;
        }
        DtlsConnection connection = secure.session().connection();
        // SecurePeer.equals compares session identity and epoch: the TS-0008 clause 7 check itself.
        if (!connection.isEstablished() || !(connection.attachment() instanceof SessionState session)
                || !session.peer.equals(secure)) {
            boolean otherSession = endpoint.established(secure.address()) != null;
            dropped(otherSession ? BindingDropReason.OTHER_SESSION_OR_EPOCH : BindingDropReason.NO_SESSION, nowNanos);
            return;
        }
        if (message.length > maxMessageSize()) {
            dropped(BindingDropReason.TOO_LARGE, nowNanos);
            return;
        }
        long now = engineTime(nowNanos);
        endpoint.send(connection, message, 0, message.length, now, engineOutput);
        drain(now);
    }

    /**
     * Applies the result of {@code job}, handed out through {@link Output#offload} and run since; returns the
     * next deadline. Dropped once the binding is closed: nothing more leaves it.
     */
    public long resume(CryptoJob job, long nowNanos) {
        Objects.requireNonNull(job, "job");
        if (!closed) {
            long now = engineTime(nowNanos);
            endpoint.resume(job, now, engineOutput);
            drain(now);
        }
        return nextDeadline();
    }

    /** The peer of the established session with {@code address}, in either role; null when there is none. */
    public SecurePeer established(InetSocketAddress address) {
        DtlsConnection connection = endpoint.established(address);
        return connection != null && connection.attachment() instanceof SessionState session ? session.peer : null;
    }

    /**
     * Makes sure a session with {@code address} is coming: unless one exists or a handshake with it runs in
     * either role, starts a client handshake, naming the server {@code serverName} (RFC 6066). The outcome is
     * reported through {@link Output#established} or {@link Output#unreachable}, also when no handshake can
     * be started.
     */
    public void connect(InetSocketAddress address, Optional<String> serverName, long nowNanos) {
        if (closed) {
            output.unreachable(address, () -> HandshakeFailures.connectorClosed(address));
            return;
        }
        SecurePeer existing = established(address);
        if (existing != null) {
            output.established(existing);
            return;
        }
        if (endpoint.connects(address)) {
            return; // a handshake runs, ours or the peer's: its end is reported
        }
        long now = engineTime(nowNanos);
        try {
            endpoint.connect(address, serverName, now, engineOutput);
        } catch (IllegalArgumentException | IllegalStateException notStarted) {
            output.unreachable(address, () -> HandshakeFailures.notStarted(address, notStarted.getMessage()));
        }
        drain(now);
    }

    /** Closes the session(s) with {@code address} with close_notify; false when there was none. */
    public boolean closeSessionsWith(InetSocketAddress address, long nowNanos) {
        long now = engineTime(nowNanos);
        boolean any = false;
        DtlsConnection connection;
        while ((connection = endpoint.established(address)) != null) {
            endpoint.close(connection, now, engineOutput);
            drain(now);
            any = true;
        }
        DtlsConnection handshaking = endpoint.clientConnection(address);
        if (handshaking != null) {
            endpoint.close(handshaking, now, engineOutput);
            drain(now);
            any = true;
        }
        return any;
    }

    /**
     * The server sessions sealed under {@code sealingKey} for a graceful restart, and the binding closed without
     * close_notify, so that the clients keep their sessions for the next process ({@link #importSessions}).
     */
    public byte[] exportSessionsAndClose(byte[] sealingKey) {
        byte[] export = endpoint.exportSessions(sealingKey);
        closed = true;
        return export;
    }

    /**
     * Takes the server sessions of {@code export}, sealed under {@code sealingKey} by a previous process: their
     * clients go on with no handshake. Returns how many were taken.
     *
     * @throws SessionImportException when the export cannot be imported; nothing is taken
     */
    public int importSessions(byte[] export, byte[] sealingKey, long nowNanos) throws SessionImportException {
        long now = engineTime(nowNanos);
        int taken = endpoint.importSessions(export, sealingKey, now, engineOutput);
        drain(now);
        return taken;
    }

    /** Ends every session with close_notify; the binding takes nothing more afterwards. */
    public void closeAll(long nowNanos) {
        if (!closed) {
            long now = engineTime(nowNanos);
            endpoint.closeAll(now, engineOutput);
            drain(now);
            closed = true;
        }
    }

    /** Runs what is due: DTLS retransmissions and expiries of both roles, and the keep-alive. */
    public long onTimer(long nowNanos) {
        if (!closed) {
            long now = engineTime(nowNanos);
            endpoint.onTimer(now, engineOutput);
            drain(now);
            if (keepAlive.startSweep(now, endpoint.serverSessions() + endpoint.clientConnections() > 0)) {
                sweep(now);
            }
        }
        return nextDeadline();
    }

    /** When {@link #onTimer} is next due, in the caller's nanoseconds; {@code Long.MAX_VALUE} for never. */
    public long nextDeadline() {
        if (closed) {
            return Long.MAX_VALUE;
        }
        long next = Math.min(endpoint.nextDeadline(), keepAlive.nextDeadline());
        return next == DtlsResult.NO_DEADLINE ? Long.MAX_VALUE : originNanos + next;
    }

    /** A snapshot of the counters. */
    public CoapsMetrics metrics() {
        int clientSessions = endpoint.clientSessions();
        return counters.snapshot(dtlsMetrics, endpoint.serverSessions(), clientSessions,
                endpoint.clientConnections() - clientSessions, endpoint.refusedDatagrams());
    }

    /** The peers of the established sessions, both roles. */
    public List<SecurePeer> sessions() {
        List<SecurePeer> peers = new ArrayList<>();
        endpoint.forEachEstablished(connection -> {
            if (connection.attachment() instanceof SessionState session) {
                peers.add(session.peer);
            }
        });
        return peers;
    }

    /** Has the CoAP engine ping the sessions idle too long; closes those whose peers it found dead. */
    private void sweep(long now) {
        List<SessionState> dead = keepAlive.sweep(endpoint, sink, engineOutput, now);
        drain(now);
        for (SessionState session : dead) {
            LOG.debug("no answer to keep-alive pings: closing {}", session.peer);
            counters.deadPeersClosed++;
            endpoint.close(session.peer.session().connection(), now, engineOutput);
            drain(now);
        }
    }

    /**
     * Handles the events the engine calls queued, once those calls have returned; a nested call (e.g. a
     * response sent while a request is delivered) leaves its events to the outermost drain, so they are
     * handled in order.
     */
    private void drain(long now) {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (pending.poll()) {
                onEvent(pending.connection(), pending.event(), now);
            }
        } finally {
            draining = false;
        }
    }

    private void onEvent(DtlsConnection connection, DtlsEvent event, long now) {
        if (event instanceof DtlsEvent.ApplicationData data) {
            deliver(connection, data, now);
        } else if (event instanceof DtlsEvent.HandshakeCompleted completed) {
            SessionState session = new SessionState(SecurePeer.of(completed.session()), now);
            connection.attach(session);
            keepAlive.sessionAdded(now);
            LOG.debug("DTLS session as {} with {}: {}", connection.role(), connection.peer(), session.peer);
            output.established(session.peer);
        } else if (event instanceof DtlsEvent.HeartbeatAnswered) {
            counters.heartbeatsAnswered++;
            if (connection.attachment() instanceof SessionState session) {
                session.received(now); // the answer proves the peer alive
                session.pinged(true);
            }
        } else if (event instanceof DtlsEvent.Closed closedEvent) {
            ended(connection, closedEvent.reason(), () -> HandshakeFailures.closed(connection.peer(), closedEvent.reason()));
        } else if (event instanceof DtlsEvent.Failed failed) {
            ended(connection, null, () -> HandshakeFailures.failed(connection.peer(), failed));
        }
    }

    /** A connection ended: its session is lost to the CoAP engine, or its handshake leaves requests unanswered. */
    private void ended(DtlsConnection connection, DtlsEvent.CloseReason reason,
                       Supplier<DtlsHandshakeException> clientFailure) {
        InetSocketAddress address = connection.peer();
        if (connection.attachment() instanceof SessionState session) {
            connection.attach(null);
            if (reason == DtlsEvent.CloseReason.REPLACED) {
                counters.sessionsReplaced++;
            } else if (reason == DtlsEvent.CloseReason.EVICTED && connection.role() == ConnectionEnd.CLIENT) {
                counters.clientSessionsEvicted++;
            } else if (reason == DtlsEvent.CloseReason.HEARTBEAT_TIMEOUT) {
                counters.deadPeersByHeartbeat++;
                LOG.debug("no answer to a keep-alive heartbeat: closed {}", session.peer);
            }
            LOG.debug("DTLS session ended: {}", session.peer);
            sink.peerLost(session.peer);
        }
        if (!endpoint.connects(address) && established(address) == null) {
            output.unreachable(address, connection.role() == ConnectionEnd.CLIENT ? clientFailure
                    : () -> HandshakeFailures.peerHandshakeEnded(address));
        }
    }

    /**
     * Hands decrypted CoAP bytes to the engine with the peer of their session and epoch: the engine answers to
     * that peer, so a response can only leave in the session and epoch of its request (oneM2M TS-0008 clause 7,
     * RFC 7252 section 9.1).
     */
    private void deliver(DtlsConnection connection, DtlsEvent.ApplicationData data, long now) {
        byte[] bytes = data.data();
        SecurePeer peer;
        if (connection.attachment() instanceof SessionState session && session.peer.session() == data.session()
                && session.peer.epoch() == data.epoch()) {
            peer = session.peer;
            session.received(now); // any record proves the peer alive; an RST answering a ping is the engine's
        } else {
            peer = new SecurePeer(data.session(), data.epoch());
        }
        sink.received(peer, bytes, 0, bytes.length);
    }

    private void dropped(BindingDropReason reason, long nowNanos) {
        counters.dropped(reason);
        dropWarnings[reason.ordinal()].occurred(engineTime(nowNanos));
    }

    /** The engines' time: nanoseconds since the binding started, never negative whatever the caller's clock. */
    private long engineTime(long nowNanos) {
        return nowNanos - originNanos;
    }

    /** The DTLS endpoint, for tests that reach into its engine. */
    DtlsEndpoint endpoint() {
        return endpoint;
    }

    /** Datagrams go out at once; events wait in {@link #pending} for the call to return. */
    private final class EngineOutput implements DtlsOutput {
        @Override
        public void datagram(InetSocketAddress to, byte[] datagram) {
            output.datagram(to, datagram);
        }

        @Override
        public void event(DtlsConnection connection, DtlsEvent event) {
            pending.add(connection, event);
        }

        @Override
        public void offload(CryptoJob job) {
            output.offload(job);
        }
    }
}
