package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.cookie.CookieSecrets;
import io.coaps4j.dtls.cookie.StatelessCookies;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.record.RecordCodec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of DTLS for one socket, without I/O: it routes each datagram to the connection of
 * its source address, owns the admission of new clients and the table of sessions.
 *
 * <p>Cookies before state (RFC 6347 section 4.2.1): a ClientHello from an unknown address is answered
 * with a HelloVerifyRequest computed from the hello and the address alone, never larger than the hello,
 * and nothing is stored. Only a hello with a valid cookie creates a connection, and only while fewer than
 * {@code maxConcurrentHandshakes} handshakes run, fewer than {@code maxHandshakesPerAddress} from its IP
 * address. A handshake whose client never answers the server's first flight ends after
 * {@code stalledHandshakeTimeout}; when every place is taken, a new cookie-proven client displaces the
 * oldest such stalled handshake instead of being refused.
 *
 * <p>A valid hello with a new random from the address of an existing connection is a new handshake of a
 * client that lost its state (section 4.2.8). A handshake in progress is replaced at once: the cookie
 * exchange proved the client. An established session is not destroyed by it: it keeps working (its
 * records are tried first) until the new handshake delivers a verified Finished, and only then is it
 * closed ({@link DtlsEvent.CloseReason#REPLACED}), just before the new one's
 * {@link DtlsEvent.HandshakeCompleted}. Until then the new handshake reports nothing: one that fails
 * leaves the session untouched and unmentioned.
 *
 * <p>Sessions: at most {@code maxConnections} established ones. When a handshake completes beyond that,
 * the least recently active sessions are closed with close_notify ({@link DtlsEvent.CloseReason#EVICTED}),
 * so unauthenticated traffic never displaces a session. A session without traffic for
 * {@code idleTimeout} is closed the same way ({@link DtlsEvent.CloseReason#IDLE_TIMEOUT}). Both use
 * the activity order of {@link SessionTable}: nothing is scanned per packet or per timer.
 *
 * <p>{@link ClientAdmission} decides what becomes of a hello no connection owns, {@link SlotDispatch} calls the
 * connections of the slot a datagram or timer found here and settles the slot after.
 *
 * <p>Connections that fail or close are removed at once. Not thread-safe: one event loop owns a server
 * and calls it with that loop's {@link CryptoContext}. Each call exists in two forms: one returning a
 * {@link Result}, and one writing to a {@link DtlsOutput} and returning the next deadline, which makes
 * the established path free of result objects.
 */
public final class DtlsServer {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsServer.class);
    /** At most one WARN line per minute for each kind of refusal (engine time is in nanoseconds). */
    static final long WARNING_PERIOD = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    /** {@code config.idleTimeout()} in the engine's unit, nanoseconds. */
    private final long idleTimeout;
    private final EngineContext engine;
    private final SessionTable table;
    /** Bytes of this server's connection IDs (RFC 9146), 0 when it uses none: how it frames tls12_cid headers. */
    private final int cidLength;
    private final SlotTimers timers = new SlotTimers();
    /** Calls the connections of a slot found here and settles the slot after. */
    private final SlotDispatch dispatch;
    /** What becomes of a ClientHello no connection owns. */
    private final ClientAdmission admission;

    /** A datagram for {@code to}. */
    public record Outbound(InetSocketAddress to, byte[] datagram) {
        public Outbound {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(datagram, "datagram");
        }
    }

    /** An event of {@code connection}. */
    public record PeerEvent(DtlsConnection connection, DtlsEvent event) {
        public PeerEvent {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(event, "event");
        }

        /** The connection's peer address. */
        public InetSocketAddress peer() {
            return connection.peer();
        }
    }

    /** What one call produced: datagrams, events in order, and when {@link #onTimer} is next due. */
    public record Result(List<Outbound> datagrams, List<PeerEvent> events, long nextDeadline) {
        public Result {
            datagrams = List.copyOf(datagrams);
            events = List.copyOf(events);
        }
    }

    public DtlsServer(DtlsConfig config, CryptoContext crypto, DtlsMetrics metrics, long now) {
        Objects.requireNonNull(config, "config");
        this.idleTimeout = config.idleTimeout().toNanos();
        this.engine = new EngineContext(ConnectionEnd.SERVER, config, crypto, metrics);
        this.cidLength = config.connectionIds().enabled()
                ? config.connectionIds().lengthFor(ConnectionEnd.SERVER) : 0;
        this.table = new SessionTable(config.maxConnections(),
                new RateLimitedWarning(LOG, "sessions evicted to make room (maxConnections)", WARNING_PERIOD),
                java.nio.ByteBuffer.wrap(crypto.random().nextBytes(Integer.BYTES)).getInt());
        this.dispatch = new SlotDispatch(table, timers, cidLength);
        StatelessCookies cookies = new StatelessCookies(
                new CookieSecrets(crypto.random(), config.cookieRotationPeriod(), now));
        this.admission = new ClientAdmission(config, engine, cookies, table, timers, dispatch);
    }

    public DtlsMetrics metrics() {
        return engine.metrics;
    }

    /** Connections held: established sessions and handshakes in progress. */
    public int connectionCount() {
        return table.sessions() + table.handshakes();
    }

    /** Established sessions held. */
    public int sessionCount() {
        return table.sessions();
    }

    /** Connections still in their handshake. */
    public int handshakeCount() {
        return table.handshakes();
    }

    /** The session established with {@code peer}, if any. */
    public Optional<DtlsSession> session(InetSocketAddress peer) {
        PeerSlot slot = table.get(peer);
        return slot == null || slot.current.status() != DtlsConnection.Status.ESTABLISHED
                ? Optional.empty() : slot.current.session();
    }

    /** The established connection (handle) with {@code peer}, or null. */
    public DtlsConnection established(InetSocketAddress peer) {
        PeerSlot slot = table.get(peer);
        return slot == null || !slot.current.isEstablished() ? null : slot.current;
    }

    /** Whether a connection (established or handshaking) serves {@code peer}. */
    public boolean serves(InetSocketAddress peer) {
        return table.get(peer) != null;
    }

    /**
     * The established sessions, sealed under {@code sealingKey} (16 or 32 bytes) for a graceful restart: a new
     * server given them by {@link #importSessions} serves the same clients with no handshake. Call it when the
     * server has stopped receiving and sending, just before the socket closes. See {@link SessionExport} for the
     * format and the sequence number margin.
     */
    public byte[] exportSessions(byte[] sealingKey) {
        List<DtlsConnection> sessions = new ArrayList<>(table.sessions());
        table.forEachSession(sessions::add);
        SessionExport.Sealed sealed = SessionExport.seal(sessions, sealingKey);
        engine.metrics.sessionsExported(sealed.sessions());
        return sealed.bytes();
    }

    /**
     * Takes the sessions of {@code export}, sealed under {@code sealingKey} by {@link #exportSessions}, at
     * {@code now}; returns how many were taken (a session whose address is served already is left out). Their
     * write sequence numbers skip ahead by 2^20. Delete the export afterwards: it must not be imported twice.
     *
     * @throws SessionImportException when it is not an export, another version, truncated, tampered with or sealed
     *                                under another key; then nothing is taken
     */
    public int importSessions(byte[] export, byte[] sealingKey, long now) throws SessionImportException {
        return importSessions(export, sealingKey, now, NOWHERE);
    }

    /** As {@link #importSessions(byte[], byte[], long)}; what room-making sends and reports goes to {@code out}. */
    public int importSessions(byte[] export, byte[] sealingKey, long now, DtlsOutput out)
            throws SessionImportException {
        List<SessionExport.Restored> restored = SessionExport.open(export, sealingKey);
        int taken = 0;
        for (SessionExport.Restored session : restored) {
            DtlsConnection connection = DtlsConnection.restored(engine, session.peer(), session.session(),
                    session.association(), session.connectionId(), session.returnRoutability(), now);
            if (table.restore(session.peer(), connection, now, out)) {
                timers.reschedule(connection.slot);
                connection.announce(out); // HandshakeCompleted: the application learns of the session as usual
                taken++;
            }
        }
        engine.metrics.sessionsImported(taken);
        return taken;
    }

    /** Drops what it is given: an import at start has no socket yet. */
    private static final DtlsOutput NOWHERE = new DtlsOutput() {
        @Override
        public void datagram(InetSocketAddress to, byte[] datagram) {
        }

        @Override
        public void event(DtlsConnection connection, DtlsEvent event) {
        }
    };

    /** Calls {@code action} with each established connection, least recently active first. */
    public void forEachEstablished(java.util.function.Consumer<DtlsConnection> action) {
        table.forEachSession(action);
    }

    void onAdmission(java.util.function.Consumer<DtlsConnection> listener) {
        admission.onAdmission(listener);
    }

    /** The connection serving {@code peer}, for tests in this package. */
    Optional<DtlsConnection> connection(InetSocketAddress peer) {
        PeerSlot slot = table.get(peer);
        return slot == null ? Optional.empty() : Optional.of(slot.current);
    }

    /** The new handshake from {@code peer} that waits to replace its session, for tests in this package. */
    Optional<DtlsConnection> successor(InetSocketAddress peer) {
        PeerSlot slot = table.get(peer);
        return slot == null ? Optional.empty() : Optional.ofNullable(slot.successor);
    }

    /** Processes one datagram from {@code from}. */
    public Result receive(InetSocketAddress from, byte[] datagram, int offset, int length, long now) {
        ServerResultCollector out = new ServerResultCollector();
        return out.result(receive(from, datagram, offset, length, now, out));
    }

    public Result receive(InetSocketAddress from, byte[] datagram, long now) {
        return receive(from, datagram, 0, datagram.length, now);
    }

    /** {@link #receive(InetSocketAddress, byte[], int, int, long)} writing to {@code out}; returns the next deadline. */
    public long receive(InetSocketAddress from, byte[] datagram, int offset, int length, long now, DtlsOutput out) {
        Objects.requireNonNull(from, "from");
        Objects.checkFromIndexSize(offset, length, datagram.length);
        Objects.requireNonNull(out, "out");
        if (cidLength > 0 && length > 0 && (datagram[offset] & 0xFF) == RecordCodec.TLS12_CID) {
            receiveByCid(from, datagram, offset, length, now, out);
            return nextDeadline();
        }
        PeerSlot slot = table.get(from);
        ClientHelloPeek hello = ClientHelloPeek.startsWithClientHello(datagram, offset, length)
                ? ClientHelloPeek.parse(datagram, offset, length) : null;
        DtlsConnection target = slot == null ? null
                : hello == null ? slot.current : slot.startedBy(hello.hello().random());
        if (target != null && slot.successor != null && hello == null) {
            dispatch.route(slot, from, datagram, offset, length, now, out);
        } else if (target != null) {
            dispatch.receive(slot, target, from, datagram, offset, length, now, out);
        } else if (hello != null) {
            admission.admit(from, slot, hello, datagram, offset, length, now, out);
        } else if (slot == null && ClientHelloPeek.startsWithClientHello(datagram, offset, length)) {
            admission.admitFragmented(from, datagram, offset, length, now, out);
        } else {
            engine.metrics.handshakeDropped(HandshakeDropReason.NO_CONNECTION);
        }
        return nextDeadline();
    }

    /**
     * A datagram starting with a tls12_cid record (RFC 9146 section 4): its connection is found by the CID in
     * the header, whatever the source address; an unknown CID (a wrong length reads as one) is dropped silently,
     * before any decryption. Whether the source address becomes the peer's is the connection's decision.
     */
    private void receiveByCid(InetSocketAddress from, byte[] datagram, int offset, int length, long now,
                              DtlsOutput out) {
        byte[] cid = RecordCodec.connectionId(datagram, offset, offset + length, cidLength);
        PeerSlot slot = cid == null ? null : table.byCid(cid);
        if (slot == null) {
            engine.metrics.handshakeDropped(HandshakeDropReason.UNKNOWN_CONNECTION_ID);
            return;
        }
        if (slot.successor != null) {
            dispatch.route(slot, from, datagram, offset, length, now, out);
        } else {
            dispatch.receive(slot, slot.current, from, datagram, offset, length, now, out);
        }
    }

    /**
     * Sends application data to the established connection with {@code to}.
     *
     * @throws IllegalStateException when there is no established connection with {@code to}
     */
    public Result send(InetSocketAddress to, byte[] data, int offset, int length, long now) {
        ServerResultCollector out = new ServerResultCollector();
        return out.result(send(to, data, offset, length, now, out));
    }

    public Result send(InetSocketAddress to, byte[] data, long now) {
        return send(to, data, 0, data.length, now);
    }

    /** {@link #send(InetSocketAddress, byte[], int, int, long)} writing to {@code out}; returns the next deadline. */
    public long send(InetSocketAddress to, byte[] data, int offset, int length, long now, DtlsOutput out) {
        PeerSlot slot = table.get(to);
        if (slot == null) {
            throw new IllegalStateException("no connection with " + to);
        }
        return send(slot.current, data, offset, length, now, out);
    }

    /**
     * Sends application data in {@code connection}, one of this server's established connections, without
     * looking anything up; returns the next deadline.
     *
     * @throws IllegalStateException when the connection is not established or not this server's
     */
    public long send(DtlsConnection connection, byte[] data, int offset, int length, long now, DtlsOutput out) {
        PeerSlot slot = connection.slot;
        if (slot == null || slot.removed || slot.current != connection) {
            throw new IllegalStateException("not a current connection of this server: " + connection);
        }
        connection.send(data, offset, length, now, out);
        dispatch.settle(slot, connection, false, now, out);
        return nextDeadline();
    }

    /**
     * Sends a HeartbeatRequest in {@code connection}, one of this server's established connections
     * ({@link DtlsConnection#sendHeartbeat}); its timer joins the server's. Returns the next deadline.
     *
     * @throws IllegalStateException when the connection is not this server's, or cannot send a heartbeat now
     */
    public Result sendHeartbeat(DtlsConnection connection, long now) {
        ServerResultCollector out = new ServerResultCollector();
        return out.result(sendHeartbeat(connection, now, out));
    }

    /** {@link #sendHeartbeat(DtlsConnection, long)} writing to {@code out}; returns the next deadline. */
    public long sendHeartbeat(DtlsConnection connection, long now, DtlsOutput out) {
        PeerSlot slot = connection.slot;
        if (slot == null || slot.removed || slot.current != connection) {
            throw new IllegalStateException("not a current connection of this server: " + connection);
        }
        connection.sendHeartbeat(now, out);
        dispatch.settle(slot, connection, false, now, out);
        return nextDeadline();
    }

    /** Closes {@code connection} (close_notify) for {@code reason} if it is still this server's; returns the next deadline. */
    long close(DtlsConnection connection, DtlsEvent.CloseReason reason, long now, DtlsOutput out) {
        PeerSlot slot = connection.slot;
        if (slot != null && !slot.removed && (slot.current == connection || slot.successor == connection)) {
            table.close(slot, connection, reason, now, out);
            if (!slot.removed) {
                timers.reschedule(slot);
            }
        }
        return nextDeadline();
    }

    /** Closes the connections with {@code peer} (close_notify), if there are any. */
    public Result close(InetSocketAddress peer, long now) {
        ServerResultCollector out = new ServerResultCollector();
        return out.result(close(peer, now, out));
    }

    /** {@link #close(InetSocketAddress, long)} writing to {@code out}; returns the next deadline. */
    public long close(InetSocketAddress peer, long now, DtlsOutput out) {
        PeerSlot slot = table.get(peer);
        if (slot != null) {
            if (slot.successor != null) {
                table.close(slot, slot.successor, DtlsEvent.CloseReason.LOCAL_CLOSE, now, out);
            }
            table.close(slot, slot.current, DtlsEvent.CloseReason.LOCAL_CLOSE, now, out);
            if (!slot.removed) {
                timers.reschedule(slot);
            }
        }
        return nextDeadline();
    }

    /**
     * Applies the result of {@code job}, an offloaded crypto operation of a handshake of this server that has
     * run ({@link DtlsOutput#offload}); on this server's loop. Dropped when its connection is gone.
     *
     * @throws IllegalArgumentException when the job has not run
     */
    public Result resume(CryptoJob job, long now) {
        ServerResultCollector out = new ServerResultCollector();
        return out.result(resume(job, now, out));
    }

    /** {@link #resume(CryptoJob, long)} writing to {@code out}; returns the next deadline. */
    public long resume(CryptoJob job, long now, DtlsOutput out) {
        DtlsConnection connection = job.connection();
        PeerSlot slot = table.get(connection.peer());
        if (slot != null && (slot.current == connection || slot.successor == connection)) {
            boolean wasHandshaking = connection.isHandshaking();
            connection.resume(job, now, out);
            dispatch.settle(slot, connection, wasHandshaking, now, out);
        } else {
            job.release(); // its connection is gone: the result is dropped
        }
        return nextDeadline();
    }

    /** Fragmented ClientHellos being put back together, for tests in this package. */
    int pendingFragmentedHellos() {
        return admission.pendingFragmentedHellos();
    }

    /** The connections' shared context, for tests in this package. */
    EngineContext engine() {
        return engine;
    }

    /** Runs the timers due at {@code now}: retransmissions, released flights, idle sessions. */
    public Result onTimer(long now) {
        ServerResultCollector out = new ServerResultCollector();
        return out.result(onTimer(now, out));
    }

    /** {@link #onTimer(long)} writing to {@code out}; returns the next deadline. */
    public long onTimer(long now, DtlsOutput out) {
        PeerSlot slot;
        while ((slot = timers.pollDue(now)) != null) {
            DtlsConnection successor = slot.successor;
            dispatch.fire(slot, slot.current, now, out);
            if (successor != null && !slot.removed && slot.successor == successor) {
                dispatch.fire(slot, successor, now, out);
            }
            if (!slot.removed) {
                timers.reschedule(slot);
            }
        }
        PeerSlot oldest;
        while ((oldest = table.oldest()) != null && now - oldest.current.lastActivity() >= idleTimeout) {
            table.close(oldest, oldest.current, DtlsEvent.CloseReason.IDLE_TIMEOUT, now, out);
        }
        return nextDeadline();
    }

    /** When {@link #onTimer} is next due, or {@link DtlsResult#NO_DEADLINE}. */
    public long nextDeadline() {
        long next = timers.next();
        PeerSlot oldest = table.oldest();
        if (oldest != null) {
            long lastActivity = oldest.current.lastActivity();
            long idle = lastActivity > Long.MAX_VALUE - idleTimeout ? DtlsResult.NO_DEADLINE : lastActivity + idleTimeout;
            next = Math.min(next, idle);
        }
        return next;
    }
}
