package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.Alert;
import io.coaps4j.dtls.alert.AlertMapping;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.EstablishedSession;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.DecryptedRecord;
import io.coaps4j.dtls.record.RecordLayer;
import io.coaps4j.dtls.record.SecurityAssociation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One DTLS 1.2 connection with one peer, client or server side, without I/O: datagrams and the time
 * go in, datagrams to send, events and the next deadline come out, either as a {@link DtlsResult} or,
 * without result objects, through a {@link DtlsOutput}.
 *
 * <p>It composes the record layer (epochs, protection, replay), the rules of {@link InboundRecords} and
 * the {@link ConnectionHandshake}, which it drops once the handshake and its retained last flight are
 * done: an idle established connection keeps its record layer, its session and little else. Invalid
 * records are dropped silently (RFC 6347 section 4.1.2.7), protocol violations end the connection with
 * the fatal alert that {@link AlertMapping} assigns. Its rules sit in small classes beside it, its state here:
 * {@link ConnectionEstablishment} (a completed handshake, and dropping it), {@link ConnectionEnding} (every way
 * a connection ends), {@link ConnectionHeartbeat} and {@link ConnectionMoves}.
 *
 * <p>Not thread-safe: one event loop owns it and calls it with that loop's {@link CryptoContext}.
 * Server connections are created by {@link DtlsServer} once the client's cookie is valid.
 */
public final class DtlsConnection {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsConnection.class);

    /** Where a connection is in its life. */
    public enum Status { HANDSHAKING, ESTABLISHED, CLOSED, FAILED }

    /** The peer's address: an attribute of the connection, not its identity; only the engine's rules change it. */
    private InetSocketAddress peer;
    private final EngineContext engine;
    private final RecordLayer records;
    /** Set here and by {@link ConnectionEstablishment} and {@link ConnectionEnding}. */
    Status status = Status.HANDSHAKING;
    /**
     * The handshake while it runs and while its last flight is kept; null afterwards
     * ({@link ConnectionEstablishment#forgetHandshake}).
     */
    ConnectionHandshake handshake;
    /** The established session, set by {@link ConnectionEstablishment}; also read by {@link ConnectionEnding}. */
    DtlsSession session;
    /** When a protected record last arrived or data was last sent: what a server's idle timeout measures. */
    long lastActivity;
    /** During a call: where its output goes. */
    private DtlsOutput out;
    /**
     * Events held back: the application hears of a handshake waiting to replace a session only once it
     * replaced it ({@link #announce}), never of one that failed while the session went on.
     */
    private boolean quiet;
    /** Where the endpoint keeps this connection (timer, activity order), so a send needs no lookup. */
    PeerSlot slot;
    /** What the application keeps per connection (e.g. the binding's peer and keep-alive state). */
    private Object attachment;
    /**
     * What the negotiated heartbeat (RFC 6520) allows, as its {@link Heartbeat#code()}; -1 when not negotiated.
     * Read by {@link ConnectionHeartbeat}, which keeps the heartbeat's rules; the state stays here, a byte and a
     * reference, so that an idle session pays no object for it.
     */
    byte heartbeatCode = -1;
    /** This side's HeartbeatRequest in flight, or null; {@link ConnectionHeartbeat} starts and ends it. */
    HeartbeatRequest heartbeatRequest;
    /** Whether the handshake negotiated the return routability check (RFC 9853 section 3). */
    boolean checksNegotiated;
    /**
     * The return routability check, made by {@link ConnectionMoves} when first needed, so that an idle session pays
     * nothing for it.
     */
    ReturnRoutability returnRoutability;
    /**
     * Server: this side's CID (RFC 9146) while the handshake runs, or for good when the client did not take it;
     * null without one, and once the session's read keys hold it (an idle session keeps it once).
     */
    byte[] handshakeCid;

    private DtlsConnection(InetSocketAddress peer, EngineContext engine, RecordLayer records) {
        this.peer = peer;
        this.engine = engine;
        this.records = records;
    }

    /**
     * A client connection to {@code server}, reached by {@code serverName} when it was addressed by
     * a DNS name (sent as server_name, RFC 6066, and used to choose the PSK). Call {@link #start}
     * to send the first flight.
     *
     * @throws IllegalArgumentException when the PSK store has no key for this server, or
     *                                  {@code serverName} is an address literal
     */
    public static DtlsConnection client(DtlsConfig config, CryptoContext crypto, DtlsMetrics metrics,
                                        InetSocketAddress server, Optional<String> serverName) {
        return client(config, crypto, metrics, server, serverName, null, 0);
    }

    /**
     * As {@link #client(DtlsConfig, CryptoContext, DtlsMetrics, InetSocketAddress, Optional)}, offering to resume
     * the session {@code sessions} holds for this server and name at {@code now}, and keeping there the session of
     * a full handshake; {@code sessions} may be null: no resumption.
     */
    public static DtlsConnection client(DtlsConfig config, CryptoContext crypto, DtlsMetrics metrics,
                                        InetSocketAddress server, Optional<String> serverName,
                                        ClientSessionCache sessions, long now) {
        EngineContext engine = new EngineContext(ConnectionEnd.CLIENT, config, crypto, metrics);
        engine.clientSessions = sessions;
        engine.callTime = now;
        DtlsConnection connection = new DtlsConnection(Objects.requireNonNull(server, "server"),
                engine, new RecordLayer());
        connection.handshake = ConnectionHandshake.client(connection, engine, connection.records, server, serverName,
                ConnectionIds.draw(config.connectionIds(), ConnectionEnd.CLIENT, crypto.random()));
        return connection;
    }

    /**
     * A server connection for a client whose ClientHello (message_seq {@code helloSeq}, record
     * sequence number {@code helloRecordSeq}, random {@code clientRandom}) carried a valid cookie.
     * The server's first record continues from the hello's record sequence number (RFC 6347
     * section 4.2.1). The caller then passes the hello's datagram to {@link #receive}.
     */
    static DtlsConnection server(EngineContext engine, InetSocketAddress client, int helloSeq, long helloRecordSeq,
                                 byte[] clientRandom) {
        return server(engine, client, helloSeq, helloRecordSeq, clientRandom, null);
    }

    /** As above, asking the client for {@code localCid} (RFC 9146; null: no connection_id extension). */
    static DtlsConnection server(EngineContext engine, InetSocketAddress client, int helloSeq, long helloRecordSeq,
                                 byte[] clientRandom, byte[] localCid) {
        DtlsConnection connection = new DtlsConnection(client, engine,
                new RecordLayer(SecurityAssociation.plaintext(helloRecordSeq)));
        connection.handshake = ConnectionHandshake.server(connection, engine, connection.records, client, helloSeq,
                clientRandom, localCid);
        connection.handshakeCid = localCid == null || localCid.length == 0 ? null : localCid.clone();
        return connection;
    }

    /**
     * A server connection restored from an export (graceful restart): established at once in {@code association},
     * whose epoch is the session's, with no handshake, heartbeat or previous epoch.
     */
    static DtlsConnection restored(EngineContext engine, InetSocketAddress client, EstablishedSession established,
                                   SecurityAssociation association, byte[] connectionId, boolean returnRoutability,
                                   long now) {
        RecordLayer records = new RecordLayer(association);
        DtlsConnection connection = new DtlsConnection(client, engine, records);
        if (connectionId.length > 0) {
            records.expectConnectionId(connectionId);
            records.discardPreviousRead(); // no handshake: the association holds the CID (section 6 of RFC 9146)
            if (!records.readsConnectionId(connectionId)) {
                connection.handshakeCid = connectionId.clone();
            }
        }
        connection.checksNegotiated = returnRoutability;
        connection.status = Status.ESTABLISHED;
        connection.session = new DtlsSession(established, connection, association.epoch());
        connection.lastActivity = now;
        return connection;
    }

    public ConnectionEnd role() {
        return engine.role;
    }

    /** What the negotiated heartbeat allows, or null. */
    private Heartbeat heartbeat() {
        return Heartbeat.ofCode(heartbeatCode);
    }

    /** Server: this side's CID, by which the server's {@link CidTable} finds the connection; null without one. */
    byte[] localCid() {
        if (handshakeCid != null) {
            return handshakeCid.clone();
        }
        return engine.role == ConnectionEnd.SERVER ? records.readAssociation().readConnectionId().orElse(null) : null;
    }

    /** Whether {@code cid} is {@link #localCid()}, without a copy. */
    boolean hasLocalCid(byte[] cid) {
        if (handshakeCid != null) {
            return java.util.Arrays.equals(handshakeCid, cid);
        }
        return engine.role == ConnectionEnd.SERVER && records.readsConnectionId(cid);
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public Status status() {
        return status;
    }

    /** The application's object for this connection, or null: one slot, so nothing else need map connections. */
    public Object attachment() {
        return attachment;
    }

    /** Sets {@link #attachment()}. */
    public void attach(Object value) {
        attachment = value;
    }

    public boolean isEstablished() {
        return status == Status.ESTABLISHED;
    }

    public boolean isHandshaking() {
        return status == Status.HANDSHAKING;
    }

    /** The established session, once the handshake has completed (and still after it closed). */
    public Optional<DtlsSession> session() {
        return Optional.ofNullable(session);
    }

    /**
     * Hands the keys of this established connection to another consumer and ends the connection without an
     * alert: the security association (both directions, the write sequence and the replay window as they
     * stand) belongs to the caller from now on, and this connection never protects or accepts a record again.
     * For a handshake run only to agree keys for something else, e.g. end-to-end protection of CoAP whose
     * handshake records travel in CoAP payloads (draft-garcia-core-app-layer-sec-with-dtls-record section 4).
     *
     * @throws IllegalStateException when the connection is not established, or its read and write epochs differ
     */
    public SecurityAssociation exportAssociation() {
        if (status != Status.ESTABLISHED) {
            throw new IllegalStateException("only an established connection's keys can be exported, status " + status);
        }
        SecurityAssociation association = records.writeAssociation();
        if (records.readAssociation() != association) {
            throw new IllegalStateException("the read and write epochs differ (" + records.readEpoch() + ", "
                    + records.writeEpoch() + ")");
        }
        status = Status.CLOSED;
        handshake = null;
        return association;
    }

    /** When {@link #onTimer} next has work, or {@link DtlsResult#NO_DEADLINE}. */
    public long nextDeadline() {
        if (!isOpen()) {
            return DtlsResult.NO_DEADLINE;
        }
        long next = handshake != null ? handshake.deadline() : DtlsResult.NO_DEADLINE;
        if (returnRoutability != null) {
            next = Math.min(next, returnRoutability.deadline());
        }
        return heartbeatRequest == null ? next : Math.min(next, heartbeatRequest.deadline());
    }

    /**
     * Whether this established connection may send a HeartbeatRequest (RFC 6520): the handshake negotiated the
     * extension and the peer said peer_allowed_to_send. Where not, a keep-alive must use something else.
     */
    public boolean canSendHeartbeat() {
        return status == Status.ESTABLISHED && heartbeatCode >= 0 && heartbeat().maySend();
    }

    /** Whether the handshake negotiated the heartbeat extension (RFC 6520 section 2), in either direction. */
    public boolean heartbeatNegotiated() {
        return heartbeatCode >= 0;
    }

    /** Whether a HeartbeatRequest of this side awaits its response. */
    public boolean heartbeatInFlight() {
        return heartbeatRequest != null;
    }

    /**
     * Sends a HeartbeatRequest (RFC 6520 section 4: a 16-byte random payload, 16 bytes of random padding) in
     * the current epoch and starts its retransmission timer, the DTLS flight timer; returns the next deadline.
     * The answer comes as {@link DtlsEvent.HeartbeatAnswered}; after {@code DtlsConfig.heartbeatRetransmissions}
     * unanswered retransmissions the connection closes with {@link DtlsEvent.CloseReason#HEARTBEAT_TIMEOUT}.
     *
     * @throws IllegalStateException when not {@link #canSendHeartbeat()}, or a request is already in flight
     *                               (at most one may be, section 3)
     */
    public DtlsResult sendHeartbeat(long now) {
        ResultCollector collector = new ResultCollector();
        return collector.result(sendHeartbeat(now, collector));
    }

    /** {@link #sendHeartbeat(long)} with the output going to {@code output}; returns the next deadline. */
    public long sendHeartbeat(long now, DtlsOutput output) {
        ConnectionHeartbeat.checkMaySend(this);
        begin(output, now);
        ConnectionHeartbeat.sendRequest(this, now);
        return end();
    }

    /** The metrics this connection counts in, for tests in this package. */
    DtlsMetrics metrics() {
        return engine.metrics;
    }

    /** The loop's context this connection runs in. */
    EngineContext engine() {
        return engine;
    }

    /** The record layer (also for tests in this package that play a peer sending protected records). */
    RecordLayer recordLayer() {
        return records;
    }

    /** When a protected record last arrived or application data was last sent (the call's time). */
    long lastActivity() {
        return lastActivity;
    }

    /** Client: sends the first ClientHello (RFC 6347 section 4.2.4, PREPARING → SENDING). */
    public DtlsResult start(long now) {
        ResultCollector collector = new ResultCollector();
        return collector.result(start(now, collector));
    }

    /** {@link #start(long)} with the output going to {@code output}; returns the next deadline. */
    public long start(long now, DtlsOutput output) {
        if (engine.role != ConnectionEnd.CLIENT) {
            throw new IllegalStateException("only a client connection is started; a server connection starts with the"
                    + " client's hello");
        }
        if (handshake == null || !handshake.awaitsStart()) {
            throw new IllegalStateException("the connection has already been started");
        }
        begin(output, now);
        handshake.start();
        return end();
    }

    /** Processes one datagram from the peer. */
    public DtlsResult receive(byte[] datagram, int offset, int length, long now) {
        ResultCollector collector = new ResultCollector();
        return collector.result(receive(datagram, offset, length, now, collector));
    }

    public DtlsResult receive(byte[] datagram, long now) {
        return receive(datagram, 0, datagram.length, now);
    }

    /** {@link #receive(byte[], int, int, long)} with the output going to {@code output}; returns the next deadline. */
    public long receive(byte[] datagram, int offset, int length, long now, DtlsOutput output) {
        receiveRecords(peer, datagram, offset, length, now, output, false);
        return nextDeadline();
    }

    /**
     * Processes one datagram that came from {@code from}: an authentic CID record newer than any before from
     * another address than the peer's starts a return routability check of that address, or, where none was
     * negotiated, moves the connection there (RFC 9146 section 6, RFC 9853 section 3.1).
     */
    public long receive(InetSocketAddress from, byte[] datagram, int offset, int length, long now, DtlsOutput output) {
        receiveRecords(Objects.requireNonNull(from, "from"), datagram, offset, length, now, output, false);
        return nextDeadline();
    }

    /** {@link #receive(InetSocketAddress, byte[], int, int, long, DtlsOutput)} returning a result. */
    public DtlsResult receive(InetSocketAddress from, byte[] datagram, long now) {
        ResultCollector collector = new ResultCollector();
        return collector.result(receive(from, datagram, 0, datagram.length, now, collector));
    }

    /**
     * Server, while a new handshake from the same address runs (RFC 6347 section 4.2.8): processes one
     * record, returns whether it authenticated. A record the old session refused comes {@code forwarded}
     * to the new handshake; it may be a replay of the session's, so its bad tag must not end the handshake.
     */
    boolean receiveRouted(InetSocketAddress from, byte[] datagram, int offset, int length, long now,
                          DtlsOutput output, boolean forwarded) {
        return receiveRecords(from, datagram, offset, length, now, output, forwarded);
    }

    private boolean receiveRecords(InetSocketAddress from, byte[] datagram, int offset, int length, long now,
                                   DtlsOutput output, boolean lenient) {
        Objects.checkFromIndexSize(offset, length, datagram.length);
        begin(output, now);
        boolean authenticated = false;
        if (isOpen()) {
            int epochBefore = records.readEpoch();
            long highestBefore = records.readAssociation().highestReceived();
            engine.callFrom = from;
            authenticated = engine.inbound().receive(this, records, datagram, offset, length, lenient);
            engine.callFrom = null;
            if (handshake != null && isOpen()) {
                handshake.afterReceive();
            }
            if (authenticated && status == Status.ESTABLISHED) {
                lastActivity = now;
                // RFC 9146 section 6: only an authentic record newer than all before may move the connection,
                // so neither a forged nor a replayed datagram can.
                if (!from.equals(peer) && records.cidLength() > 0 && records.readEpoch() == epochBefore
                        && records.readAssociation().highestReceived() > highestBefore) {
                    ConnectionMoves.seenAt(this, from, now);
                }
            }
        }
        end();
        return authenticated;
    }

    /** The peer's address is now {@code address}: only {@link ConnectionMoves} decides so (RFC 9146 section 6). */
    void peer(InetSocketAddress address) {
        peer = address;
    }

    /** Sends {@code datagram} to {@code address} rather than to the peer (a return routability probe). */
    void emitTo(InetSocketAddress address, byte[] datagram) {
        out.datagram(address, datagram);
    }

    /** Whether the handshake negotiated the return routability check (RFC 9853). */
    public boolean returnRoutabilityNegotiated() {
        return checksNegotiated;
    }

    /** A return_routability_check message of the session's epoch, authentic: see {@link ConnectionMoves}. */
    void onReturnRoutabilityCheck(DecryptedRecord record) {
        ConnectionMoves.onCheckMessage(this, record);
    }

    /**
     * Sends application data in one record of the current epoch.
     *
     * @throws IllegalStateException    when the connection is not established
     * @throws IllegalArgumentException when the data exceeds a record's 2^14 bytes
     */
    public DtlsResult send(byte[] data, int offset, int length, long now) {
        ResultCollector collector = new ResultCollector();
        return collector.result(send(data, offset, length, now, collector));
    }

    public DtlsResult send(byte[] data, long now) {
        return send(data, 0, data.length, now);
    }

    /** {@link #send(byte[], int, int, long)} with the output going to {@code output}; returns the next deadline. */
    public long send(byte[] data, int offset, int length, long now, DtlsOutput output) {
        if (status != Status.ESTABLISHED) {
            throw new IllegalStateException("application data can only be sent on an established connection; this one is "
                    + status);
        }
        begin(output, now);
        output.datagram(peer, records.protect(engine.crypto, ContentType.APPLICATION_DATA, data, offset, length));
        lastActivity = now;
        return end();
    }

    /** Retransmits, gives up or releases what is due at {@code now}. */
    public DtlsResult onTimer(long now) {
        ResultCollector collector = new ResultCollector();
        return collector.result(onTimer(now, collector));
    }

    /** {@link #onTimer(long)} with the output going to {@code output}; returns the next deadline. */
    public long onTimer(long now, DtlsOutput output) {
        begin(output, now);
        if (isOpen() && handshake != null) {
            handshake.onTimer(now);
        }
        if (isOpen() && heartbeatRequest != null && heartbeatRequest.deadline() <= now) {
            ConnectionHeartbeat.onTimer(this, now);
        }
        if (isOpen() && returnRoutability != null && returnRoutability.deadline() <= now) {
            ConnectionMoves.onTimer(this, now);
        }
        return end();
    }

    /**
     * Applies the result of {@code job}, an offloaded crypto operation of this connection's handshake that has
     * run ({@link DtlsOutput#offload}); dropped when the connection closed or no longer waits for it.
     *
     * @throws IllegalArgumentException when the job belongs to another connection or has not run
     */
    public DtlsResult resume(CryptoJob job, long now) {
        ResultCollector collector = new ResultCollector();
        return collector.result(resume(job, now, collector));
    }

    /** {@link #resume(CryptoJob, long)} with the output going to {@code output}; returns the next deadline. */
    public long resume(CryptoJob job, long now, DtlsOutput output) {
        Objects.requireNonNull(job, "job");
        if (job.connection() != this) {
            throw new IllegalArgumentException("the crypto job belongs to " + job.connection() + ", not " + this);
        }
        if (!job.isDone()) {
            throw new IllegalArgumentException("the crypto job has not run; call run() before resuming it");
        }
        begin(output, now);
        if (isOpen() && handshake != null) {
            try {
                handshake.resume(job);
            } catch (DtlsException failure) {
                ConnectionEnding.fail(this, failure);
            }
        } else {
            job.release();
        }
        return end();
    }

    /** Closes the connection with close_notify (RFC 5246 section 7.2.1); the peer's answer is not awaited. */
    public DtlsResult close(long now) {
        ResultCollector collector = new ResultCollector();
        return collector.result(close(now, collector));
    }

    /** {@link #close(long)} with the output going to {@code output}; returns the next deadline. */
    public long close(long now, DtlsOutput output) {
        return close(DtlsEvent.CloseReason.LOCAL_CLOSE, now, output);
    }

    /** Closes with close_notify for {@code reason}: this side's decision (local close, idle, room for others). */
    long close(DtlsEvent.CloseReason reason, long now, DtlsOutput output) {
        begin(output, now);
        if (isOpen()) {
            ConnectionEnding.sendAlert(this, Alert.closeNotify());
            ConnectionEnding.closeWith(this, reason);
        }
        return end();
    }

    /** Ends this connection for a new one of the same client (RFC 6347 section 4.2.8); no alert: the client lost it. */
    void replaced(long now, DtlsOutput output) {
        begin(output, now);
        if (isOpen()) {
            ConnectionEnding.closeWith(this, DtlsEvent.CloseReason.REPLACED);
        }
        end();
    }

    boolean isOpen() {
        return status == Status.HANDSHAKING || status == Status.ESTABLISHED;
    }

    private void begin(DtlsOutput output, long now) {
        out = Objects.requireNonNull(output, "output");
        engine.callTime = now;
        if (handshake != null) {
            handshake.begin(now);
        }
    }

    private long end() {
        out = null;
        return nextDeadline();
    }

    void emit(byte[] datagram) {
        out.datagram(peer, datagram);
    }

    /** Whether the handshake waits for an offloaded crypto job (it may then have sent nothing yet). */
    boolean awaitsCrypto() {
        return handshake != null && handshake.awaitsCrypto();
    }

    /** Hands a slow crypto operation of the handshake to the transport. */
    void offload(CryptoJob job) {
        out.offload(job);
    }

    void emit(DtlsEvent event) {
        if (!quiet) {
            out.event(this, event);
        }
    }

    /** Server: holds back the events of a handshake waiting to replace a session (RFC 6347 section 4.2.8). */
    void quiet(boolean holdBack) {
        quiet = holdBack;
    }

    /** Reports, after all, the completion of a handshake that was {@link #quiet}, and lets its events through. */
    void announce(DtlsOutput output) {
        quiet = false;
        output.event(this, new DtlsEvent.HandshakeCompleted(session));
    }

    /** The handshake in progress or retained, or null. */
    ConnectionHandshake handshake() {
        return handshake;
    }

    /** The epoch of the established session. */
    int sessionEpoch() {
        return session.epoch();
    }

    /** Application data of the session's epoch, accepted: handed on as an event. */
    void deliver(DecryptedRecord record) {
        ConnectionEstablishment.clientHasOurFinished(this);
        emit(new DtlsEvent.ApplicationData(session, record.epoch(), record.plaintext()));
    }

    /** A heartbeat message of the session's epoch, authentic (RFC 6520): see {@link ConnectionHeartbeat#onMessage}. */
    void onHeartbeat(DecryptedRecord record) {
        ConnectionHeartbeat.onMessage(this, record);
    }

    /** Server: whether this is a handshake whose client has not answered our first flight for a while. */
    boolean stalled(long now) {
        return status == Status.HANDSHAKING && handshake != null && handshake.stalled(now);
    }

    /** Server: a stalled handshake gives its place to a new client ({@link ConnectionEnding#displaced}). */
    void displaced(long now, DtlsOutput output) {
        begin(output, now);
        ConnectionEnding.displaced(this);
        end();
    }

    /**
     * Stops what runs (heartbeat and path check timers, the handshake) and takes {@code ended}, CLOSED or FAILED:
     * for {@link ConnectionEnding}, which decides how a connection ends.
     */
    void terminate(Status ended) {
        heartbeatRequest = null;
        if (returnRoutability != null) {
            returnRoutability.stop();
        }
        if (handshake != null) {
            handshake.stop();
            handshake = null;
        }
        status = ended;
    }

    @Override
    public String toString() {
        return "DtlsConnection[" + engine.role + " " + peer + ", " + status
                + (handshake != null && !handshake.stateName().isEmpty() ? ", " + handshake.stateName() : "") + "]";
    }
}
