package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.AuthenticationFailedException;
import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.config.HeartbeatMode;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.flight.Flight;
import io.coaps4j.dtls.flight.RetransmissionMachine;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeReassembler;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.CidNegotiation;
import io.coaps4j.dtls.handshake.HeartbeatNegotiation;
import io.coaps4j.dtls.handshake.SessionLookup;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.client.ClientHandshake;
import io.coaps4j.dtls.handshake.client.ClientKeys;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.record.RecordLayer;
import io.coaps4j.dtls.record.SecurityAssociation;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The handshake of one connection while it runs, and afterwards its last flight for as long as RFC 6347
 * section 4.2.4 keeps it: the content state, the reassembler that orders the peer's messages and the
 * flight retransmission machine. The connection drops this object as soon as nothing of the handshake
 * is needed any more, so an idle session keeps none of it (DESIGN.md "Memory per session").
 */
final class ConnectionHandshake {
    /** Future handshake messages buffered beyond the next expected one (RFC 6347 section 4.2.2). */
    static final int MAX_MESSAGES_AHEAD = 8;

    private final DtlsConnection connection;
    private final EngineContext engine;
    private final RecordLayer records;
    private final HandshakeContext context;
    private final RetransmissionMachine retransmission;
    /** Server: the random of the ClientHello that started it, to tell that hello's retransmissions from a new handshake. */
    private final byte[] clientHelloRandom;
    /** The content state; null once the handshake completed. */
    private HandshakeState state;
    /** Orders the peer's messages; kept after completion to recognise its retransmitted last flight. */
    private HandshakeReassembler inbound;
    /** Client: the ClientHello flight, until {@link #start} sends it. */
    private List<OutgoingMessage> firstFlight;
    /** The offloaded crypto job the state waits for, or null: while set, the peer's messages stay buffered. */
    private CryptoJob pending;
    private boolean peerRetransmitted;
    /** A record of the new epoch failed authentication since our last flight was sent. */
    private boolean badTagSinceLastFlight;
    /** A record of the new epoch authenticated: the peer holds our keys, whatever else arrives forged. */
    private boolean newEpochAuthenticated;
    /**
     * Server: until the client answers our first flight, when the handshake ends for lack of progress
     * ({@code stalledHandshakeTimeout}); {@link DtlsResult#NO_DEADLINE} before that flight and after the answer.
     */
    private long stallDeadline = DtlsResult.NO_DEADLINE;
    /** Server: from when, while still without an answer, a new client may take this handshake's place. */
    private long displaceableFrom = DtlsResult.NO_DEADLINE;
    private boolean firstFlightSent;
    /** The peer's ChangeCipherSpec came while a crypto job was pending (see {@link #holdChangeCipherSpec}). */
    private boolean changeCipherSpecHeld;
    private long now;
    /** The HeartbeatMode in the peer's hello (RFC 6520 section 2), read as it passes; empty when it sent none. */
    private Optional<HeartbeatMode> peerHeartbeat = Optional.empty();
    /** The random of this handshake's ClientHello, kept only while an insecure key log is configured; else null. */
    private final byte[] keyLogClientRandom;
    /** The CID this side offered or answered (RFC 9146), null when none; empty when it wants none. */
    private final byte[] localCid;
    /** The connection_id and rrc in the peer's hello, read as it passes; null before. */
    private CidNegotiation.Peer peerCid;

    /**
     * The handshake of a client {@code connection} to {@code server}, reached by {@code serverName} when
     * it was addressed by name; {@link #start} sends its first flight.
     *
     * @throws IllegalArgumentException when no credentials serve this server, or
     *                                  {@code serverName} is an address literal
     */
    static ConnectionHandshake client(DtlsConnection connection, EngineContext engine, RecordLayer records,
                                      InetSocketAddress server, Optional<String> serverName, byte[] localCid) {
        Objects.requireNonNull(serverName, "serverName");
        serverName.ifPresent(ClientHandshake::checkHostName);
        Optional<ResumableSession> cached = engine.clientSessions == null || !engine.config.resumption()
                ? Optional.empty() : engine.clientSessions.find(server, serverName, engine.callTime);
        ClientHandshake.Start start = ClientHandshake.start(new HandshakeContext(engine.config, engine.crypto, server,
                        SessionLookup.NONE, localCid),
                ClientKeys.resolve(engine.config, server, serverName), serverName, cached);
        return new ConnectionHandshake(connection, engine, records, server, start.state(), 0,
                RetransmissionMachine.forClient(engine.config.retransmission()), null, start.flight(), localCid);
    }

    /** The handshake of a server {@code connection} whose client's ClientHello, with a valid cookie, comes next. */
    static ConnectionHandshake server(DtlsConnection connection, EngineContext engine, RecordLayer records,
                                      InetSocketAddress client, int helloSeq, byte[] clientRandom, byte[] localCid) {
        return new ConnectionHandshake(connection, engine, records, client, engine.serverStart.apply(helloSeq), helloSeq,
                RetransmissionMachine.forServer(engine.config.retransmission()), clientRandom.clone(), null, localCid);
    }

    private ConnectionHandshake(DtlsConnection connection, EngineContext engine, RecordLayer records, InetSocketAddress peer,
                        HandshakeState state, int nextReceiveSeq, RetransmissionMachine retransmission,
                        byte[] clientHelloRandom, List<OutgoingMessage> firstFlight, byte[] localCid) {
        this.connection = connection;
        this.engine = engine;
        this.records = records;
        this.localCid = localCid;
        records.expectConnectionId(localCid);
        this.context = new HandshakeContext(engine.config, engine.crypto, peer,
                sessionId -> engine.serverSessions.find(SessionId.lookup(sessionId), now), localCid);
        this.retransmission = retransmission;
        this.clientHelloRandom = clientHelloRandom;
        this.state = state;
        this.firstFlight = firstFlight;
        this.keyLogClientRandom = engine.config.insecureKeyLog().isEmpty() ? null
                : clientHelloRandom != null ? clientHelloRandom : ownClientRandom(firstFlight);
        this.inbound = new HandshakeReassembler(nextReceiveSeq, engine.config.maxHandshakeMessageLength(),
                engine.config.maxBufferedHandshakeBytes(), MAX_MESSAGES_AHEAD);
    }

    /** The random of the ClientHello in a client's first flight. */
    private static byte[] ownClientRandom(List<OutgoingMessage> firstFlight) {
        for (OutgoingMessage message : firstFlight) {
            if (message instanceof OutgoingMessage.Handshake handshake && handshake.message() instanceof ClientHello hello) {
                return hello.random();
            }
        }
        throw new IllegalStateException("a client's first flight without a ClientHello");
    }

    /** Starts a call at {@code callTime}. */
    void begin(long callTime) {
        now = callTime;
        peerRetransmitted = false;
    }

    /** The time of the call in progress. */
    long now() {
        return now;
    }

    boolean startedBy(byte[] random) {
        return clientHelloRandom != null && Arrays.equals(clientHelloRandom, random);
    }

    /** The state's name, or empty once completed. */
    String stateName() {
        return state == null ? "" : state.name();
    }

    boolean awaitsPeerFinished() {
        return state != null && state.awaitsPeerFinished();
    }

    /** Whether the state waits for an offloaded crypto job. */
    boolean awaitsCrypto() {
        return pending != null;
    }

    long deadline() {
        return Math.min(retransmission.deadline(), stallDeadline);
    }

    /**
     * Server: whether the client has not answered our first flight for longer than the first retransmission
     * timeout: a client that merely passed the cookie exchange, whose place a new client may take.
     */
    boolean stalled(long time) {
        return stallDeadline != DtlsResult.NO_DEADLINE && time >= displaceableFrom;
    }

    /** Server: whether the client has yet to answer our first flight (or it is not even sent). */
    boolean waitsForFirstAnswer() {
        return !firstFlightSent || stallDeadline != DtlsResult.NO_DEADLINE;
    }

    /** The client answered (or authenticated a record): the handshake is progressing and no longer stalls. */
    private void progressed() {
        stallDeadline = DtlsResult.NO_DEADLINE;
        displaceableFrom = DtlsResult.NO_DEADLINE;
    }

    /**
     * A record of the new epoch failed authentication while the peer's Finished is awaited. It is dropped
     * (RFC 6347 section 4.1.2.7): anyone can forge one. Only noted, for {@link #onTimer}.
     */
    void onBadTag() {
        badTagSinceLastFlight = true;
    }

    /** A protected record of the new epoch authenticated. */
    void onAuthenticRecord() {
        newEpochAuthenticated = true;
        progressed();
    }

    /** Client: whether the first flight is still to be sent. */
    boolean awaitsStart() {
        return firstFlight != null;
    }

    /** Client: sends the first flight (RFC 6347 section 4.2.4, PREPARING → SENDING). */
    void start() {
        sendFlight(firstFlight, false);
        firstFlight = null;
    }

    /** A fragment of the peer's handshake in progress: reassembled, and whole messages handled in order. */
    void onFragment(HandshakeFragment fragment, int epoch) throws DtlsException {
        offer(fragment, epoch);
        handleBuffered();
    }

    /** Handles the peer's whole messages in order, until none is left or the state waits for a crypto job. */
    private void handleBuffered() throws DtlsException {
        ReceivedMessage message;
        while (state != null && pending == null && connection.isHandshaking() && (message = inbound.poll()) != null) {
            readPeerHeartbeat(message);
            apply(state.onMessage(message, context));
        }
        if (changeCipherSpecHeld && state != null && pending == null && connection.isHandshaking()
                && state.acceptsChangeCipherSpec()) {
            changeCipherSpecHeld = false;
            apply(state.onChangeCipherSpec(context));
        }
    }

    /**
     * Reads the heartbeat extension of the peer's hello (its ClientHello for a server, its ServerHello for a
     * client) before the state handles it: the negotiation is the same in every mode, so no key exchange's
     * states carry it. An unknown mode ends the handshake with illegal_parameter; a hello that does not decode
     * is left to the state, which fails it with decode_error.
     */
    private void readPeerHeartbeat(ReceivedMessage message) throws DtlsException {
        boolean server = connection.role() == ConnectionEnd.SERVER;
        if (message.epoch() != 0 || !message.is(server ? HandshakeType.CLIENT_HELLO : HandshakeType.SERVER_HELLO)) {
            return;
        }
        try {
            Extensions extensions = server ? ClientHello.decode(message.body()).extensions()
                    : ServerHello.decode(message.body()).extensions();
            peerHeartbeat = HeartbeatNegotiation.peerMode(extensions);
            peerCid = CidNegotiation.peer(extensions);
        } catch (DecodeException malformed) {
            peerHeartbeat = Optional.empty();
            peerCid = null;
        }
    }

    /** What the hellos settled about connection IDs (RFC 9146) and the return routability check (RFC 9853). */
    Optional<CidNegotiation.Agreement> cidAgreement() {
        return CidNegotiation.settle(engine.config.connectionIds(), localCid, peerCid);
    }

    /** {@code keys} with the negotiated connection IDs, for every epoch after 0 (RFC 9146 section 4). */
    private SecurityAssociation withConnectionIds(SecurityAssociation keys) {
        Optional<CidNegotiation.Agreement> agreement = cidAgreement();
        return agreement.isEmpty() ? keys
                : keys.withConnectionIds(agreement.get().readCid(), agreement.get().writeCid());
    }

    /** What the hellos settled about heartbeats; meaningful once the handshake completed. */
    Optional<HeartbeatNegotiation.Agreement> heartbeatAgreement() {
        return HeartbeatNegotiation.settle(engine.config, peerHeartbeat);
    }

    /**
     * The result of {@code job} is back on the loop: the waiting state goes on with it, then with the messages
     * that arrived meanwhile. A job the handshake no longer waits for is dropped.
     */
    void resume(CryptoJob job) throws DtlsException {
        job.release();
        if (job != pending || state == null) {
            return;
        }
        pending = null;
        apply(job.resume(context));
        handleBuffered();
    }

    /** After completion, an old message means the peer is retransmitting its last flight (RFC 6347 section 4.2.4). */
    void onFragmentAfterCompletion(HandshakeFragment fragment, int epoch) {
        if (inbound != null && inbound.offer(fragment, epoch) == HandshakeReassembler.Outcome.ALREADY_PROCESSED) {
            peerRetransmitted = true;
        }
    }

    private void offer(HandshakeFragment fragment, int epoch) {
        switch (inbound.offer(fragment, epoch)) {
            case ACCEPTED:
                break;
            case ALREADY_PROCESSED:
                peerRetransmitted = true;
                break;
            default:
                engine.metrics.handshakeDropped(HandshakeDropReason.REASSEMBLY_BOUND);
                break;
        }
    }

    /**
     * A ChangeCipherSpec of the current read epoch that arrives while the state waits for a crypto job follows
     * messages the state has yet to handle: it is held, and applied once the state is due for it, instead of
     * being dropped to cost the peer a retransmission timeout. True when it was held.
     */
    boolean holdChangeCipherSpec(int epoch) {
        if (state == null || pending == null || epoch != records.readEpoch()) {
            return false;
        }
        changeCipherSpecHeld = true;
        return true;
    }

    /** Whether the peer's ChangeCipherSpec, received in {@code epoch}, is due now; never before its keys exist. */
    boolean acceptsChangeCipherSpec(int epoch) {
        return state != null && pending == null && state.acceptsChangeCipherSpec() && epoch == records.readEpoch();
    }

    void onChangeCipherSpec() throws DtlsException {
        apply(state.onChangeCipherSpec(context));
    }

    /** At the end of a receive: answers a peer retransmission with ours (RFC 6347 section 4.2.4). */
    void afterReceive() {
        if (peerRetransmitted && retransmission.onPeerRetransmission(now)) {
            retransmission.flight().ifPresent(this::write);
        }
    }

    /**
     * Retransmits when due; tells the connection when the handshake gave up or its last flight was released.
     * When the peer's Finished is still awaited and only records of the new epoch that fail authentication
     * came since our last flight, the peer derived other keys, from a wrong or unknown PSK (RFC 4279
     * section 2): the handshake ends with decrypt_error instead of retransmitting. Waiting for the timer
     * lets a genuine Finished that follows a forged record still complete the handshake.
     */
    void onTimer(long time) {
        if (time >= stallDeadline) {
            ConnectionEnding.stalled(connection);
            return;
        }
        RetransmissionMachine.Expiry expiry = retransmission.onTimer(time);
        if ((expiry == RetransmissionMachine.Expiry.RETRANSMIT || expiry == RetransmissionMachine.Expiry.GIVE_UP)
                && peerUsesOtherKeys()) {
            ConnectionEnding.fail(connection,
                    new AuthenticationFailedException("records of the new epoch fail authentication"));
            return;
        }
        switch (expiry) {
            case RETRANSMIT:
                retransmission.flight().ifPresent(this::write);
                break;
            case GIVE_UP:
                ConnectionEnding.timedOut(connection);
                break;
            case RELEASED:
                ConnectionEstablishment.forgetHandshake(connection);
                break;
            default:
                break;
        }
    }

    private boolean peerUsesOtherKeys() {
        return badTagSinceLastFlight && !newEpochAuthenticated && awaitsPeerFinished();
    }

    /** The peer showed that it has our last flight: it need not be kept. */
    void releaseLastFlight() {
        retransmission.release();
    }

    /** Stops everything: no more retransmissions, no more messages. */
    void stop() {
        state = null;
        pending = null;
        inbound = null;
        retransmission.finishedByPeer();
    }

    private void apply(Transition transition) throws DtlsException {
        if (firstFlightSent) {
            progressed(); // a message after the hello our first flight answered
        }
        if (transition instanceof Transition.Await<?> await) {
            await(await);
        } else if (transition instanceof Transition.Next next) {
            state = next.state();
            next.pendingKeys().ifPresent(keys -> records.installPending(withConnectionIds(keys)));
            if (!next.flight().isEmpty()) {
                sendFlight(next.flight(), false);
            }
            if (next.activateRead()) {
                // May deliver buffered records of the new epoch, which then meet the new state.
                engine.inbound().activatePendingRead(connection, records);
            }
        } else {
            Transition.Completed completed = (Transition.Completed) transition;
            state = null;
            CompletedHandshakes.record(engine, connection.role(), context.peer(), now, keyLogClientRandom, completed);
            ConnectionEstablishment.established(connection, completed.session());
            if (completed.finalFlight().isEmpty()) {
                retransmission.finishedByPeer();
                ConnectionEstablishment.forgetHandshake(connection);
            } else {
                sendFlight(completed.finalFlight(), true);
            }
        }
    }

    /**
     * The state waits for slow crypto: the job goes to the transport to run off the loop, unless the loop's
     * bound of outstanding jobs is reached; then, or when the transport ran it at once (the default
     * {@link DtlsOutput#offload}), the result is applied now.
     */
    private void await(Transition.Await<?> await) throws DtlsException {
        state = await.state();
        boolean counted = engine.cryptoJobs.tryAcquire();
        CryptoJob job = new CryptoJob(connection, await, counted ? engine.cryptoJobs : null);
        pending = job;
        if (counted) {
            connection.offload(job);
        } else {
            job.run();
        }
        if (job.isDone() && pending == job) {
            pending = null;
            job.release();
            apply(job.resume(context));
        }
    }

    /** Builds the flight ({@link HandshakeFlights}), starts its timers and sends it. */
    private void sendFlight(List<OutgoingMessage> messages, boolean last) {
        Flight built = HandshakeFlights.build(messages, last, records, engine.metrics);
        if (!firstFlightSent && clientHelloRandom != null) {
            firstFlightSent = true;
            stallDeadline = now + engine.config.stalledHandshakeTimeout().toNanos();
            displaceableFrom = now + engine.config.retransmission().initialTimeout().toNanos();
        }
        badTagSinceLastFlight = false;
        retransmission.send(built, now);
        write(built);
    }

    private void write(Flight flight) {
        for (byte[] datagram : engine.writer.write(flight, engine.crypto)) {
            connection.emit(datagram);
        }
    }
}
