package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.Alert;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.alert.AlertMapping;
import io.coaps4j.dtls.alert.AuthenticationFailedException;
import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.flight.Flight;
import io.coaps4j.dtls.flight.FlightMessage;
import io.coaps4j.dtls.flight.FlightWriter;
import io.coaps4j.dtls.flight.RetransmissionMachine;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeReassembler;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.client.ClientHandshake;
import io.coaps4j.dtls.handshake.message.ChangeCipherSpec;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.server.ServerHandshake;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.DecryptedRecord;
import io.coaps4j.dtls.record.DropReason;
import io.coaps4j.dtls.record.RecordLayer;
import io.coaps4j.dtls.record.RecordReceiver;
import io.coaps4j.dtls.record.SecurityAssociation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One DTLS 1.2 connection with one peer, client or server side, without I/O: datagrams and the time
 * go in, datagrams to send, events and the next deadline come out ({@link DtlsResult}).
 *
 * <p>It composes the record layer (epochs, protection, replay), the handshake content states, the
 * reassembler that orders the peer's handshake messages, and the flight retransmission machine.
 * Failures of the peer's input are handled as the RFCs say: invalid records are dropped silently
 * (RFC 6347 section 4.1.2.7), protocol violations end the connection with the fatal alert that
 * {@link AlertMapping} assigns. Renegotiation is refused with a no_renegotiation warning.
 *
 * <p>Not thread-safe: one event loop owns it and calls it with that loop's {@link CryptoContext}.
 * Server connections are created by {@link DtlsServer} once the client's cookie is valid.
 */
public final class DtlsConnection {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsConnection.class);
    /** Future handshake messages buffered beyond the next expected one (RFC 6347 section 4.2.2). */
    static final int MAX_MESSAGES_AHEAD = 8;

    /** Where a connection is in its life. */
    public enum Status { HANDSHAKING, ESTABLISHED, CLOSED, FAILED }

    private final ConnectionEnd role;
    private final InetSocketAddress peer;
    private final DtlsConfig config;
    private final CryptoContext crypto;
    private final DtlsMetrics metrics;
    private final HandshakeContext context;
    private final FlightWriter writer;
    private final RecordLayer records;
    private final RetransmissionMachine retransmission;
    private final byte[] clientHelloRandom;
    private final Receiver receiver = new Receiver();

    private Status status = Status.HANDSHAKING;
    private HandshakeState state;
    private HandshakeReassembler inbound;
    private DtlsSession session;
    private boolean started;
    /** Client: the ClientHello flight, until {@link #start} sends it. */
    private List<OutgoingMessage> firstFlight;

    /** Output of the call in progress. */
    private List<byte[]> datagrams;
    private List<DtlsEvent> events;
    private long now;
    private boolean peerRetransmitted;

    private DtlsConnection(ConnectionEnd role, InetSocketAddress peer, DtlsConfig config, CryptoContext crypto,
                           DtlsMetrics metrics, RecordLayer records, HandshakeState state, int nextReceiveSeq,
                           RetransmissionMachine retransmission, byte[] clientHelloRandom) {
        this.role = role;
        this.peer = peer;
        this.config = config;
        this.crypto = crypto;
        this.metrics = metrics;
        this.context = new HandshakeContext(config, crypto, peer);
        this.writer = new FlightWriter(config.maxDatagramSize());
        this.records = records;
        this.state = state;
        this.inbound = new HandshakeReassembler(nextReceiveSeq, config.maxHandshakeMessageLength(),
                config.maxBufferedHandshakeBytes(), MAX_MESSAGES_AHEAD);
        this.retransmission = retransmission;
        this.clientHelloRandom = clientHelloRandom;
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
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(serverName, "serverName");
        serverName.ifPresent(DtlsConnection::checkHostName);
        PskCredentials credentials = config.pskStore()
                .flatMap(store -> store.clientCredentials(server, serverName))
                .orElseThrow(() -> new IllegalArgumentException("the PSK store has no credentials for " + server
                        + serverName.map(name -> " (" + name + ")").orElse("")));
        HandshakeContext context = new HandshakeContext(config, crypto, server);
        ClientHandshake.Start start = ClientHandshake.start(context, credentials, serverName);
        DtlsConnection connection = new DtlsConnection(ConnectionEnd.CLIENT, server, config, crypto, metrics,
                new RecordLayer(), start.state(), 0, RetransmissionMachine.forClient(config.retransmission()), null);
        connection.firstFlight = start.flight();
        return connection;
    }

    /**
     * A server connection for a client whose ClientHello (message_seq {@code helloSeq}, record
     * sequence number {@code helloRecordSeq}, random {@code clientRandom}) carried a valid cookie.
     * The server's first record continues from the hello's record sequence number (RFC 6347
     * section 4.2.1). The caller then passes the hello's datagram to {@link #receive}.
     */
    static DtlsConnection server(DtlsConfig config, CryptoContext crypto, DtlsMetrics metrics,
                                 InetSocketAddress client, int helloSeq, long helloRecordSeq, byte[] clientRandom) {
        return new DtlsConnection(ConnectionEnd.SERVER, client, config, crypto, metrics,
                new RecordLayer(SecurityAssociation.plaintext(helloRecordSeq)), ServerHandshake.start(helloSeq),
                helloSeq, RetransmissionMachine.forServer(config.retransmission()), clientRandom.clone());
    }

    private static void checkHostName(String name) {
        boolean ipv4 = name.matches("[0-9.]+");
        if (name.isEmpty() || ipv4 || name.contains(":")) {
            throw new IllegalArgumentException("serverName must be a DNS host name, not an address literal"
                    + " (RFC 6066 section 3): " + name);
        }
    }

    public ConnectionEnd role() {
        return role;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public Status status() {
        return status;
    }

    public boolean isHandshaking() {
        return status == Status.HANDSHAKING;
    }

    /** The established session, once the handshake has completed (and still after it closed). */
    public Optional<DtlsSession> session() {
        return Optional.ofNullable(session);
    }

    /** When {@link #onTimer} next has work, or {@link DtlsResult#NO_DEADLINE}. */
    public long nextDeadline() {
        return status == Status.HANDSHAKING || status == Status.ESTABLISHED
                ? retransmission.deadline() : DtlsResult.NO_DEADLINE;
    }

    /** The record layer, for tests in this package that play a peer sending protected records. */
    RecordLayer recordLayer() {
        return records;
    }

    /** The random of the ClientHello that created this server connection, to tell its retransmissions from a new handshake. */
    boolean startedBy(byte[] random) {
        return clientHelloRandom != null && Arrays.equals(clientHelloRandom, random);
    }

    /** Client: sends the first ClientHello (RFC 6347 section 4.2.4, PREPARING → SENDING). */
    public DtlsResult start(long now) {
        if (role != ConnectionEnd.CLIENT) {
            throw new IllegalStateException("only a client connection is started; a server connection starts with the"
                    + " client's hello");
        }
        if (started) {
            throw new IllegalStateException("the connection has already been started");
        }
        started = true;
        begin(now);
        sendFlight(firstFlight, false);
        firstFlight = null;
        return end();
    }

    /** Processes one datagram from the peer. */
    public DtlsResult receive(byte[] datagram, int offset, int length, long now) {
        Objects.checkFromIndexSize(offset, length, datagram.length);
        begin(now);
        if (status == Status.HANDSHAKING || status == Status.ESTABLISHED) {
            peerRetransmitted = false;
            records.receive(crypto, datagram, offset, length, receiver);
            if (peerRetransmitted && (status == Status.HANDSHAKING || status == Status.ESTABLISHED)
                    && retransmission.onPeerRetransmission(now)) {
                retransmission.flight().ifPresent(this::write);
            }
        }
        return end();
    }

    public DtlsResult receive(byte[] datagram, long now) {
        return receive(datagram, 0, datagram.length, now);
    }

    /**
     * Sends application data in one record of the current epoch.
     *
     * @throws IllegalStateException    when the connection is not established
     * @throws IllegalArgumentException when the data exceeds a record's 2^14 bytes
     */
    public DtlsResult send(byte[] data, int offset, int length, long now) {
        if (status != Status.ESTABLISHED) {
            throw new IllegalStateException("application data can only be sent on an established connection; this one is "
                    + status);
        }
        begin(now);
        datagrams.add(records.protect(crypto, ContentType.APPLICATION_DATA, data, offset, length));
        return end();
    }

    public DtlsResult send(byte[] data, long now) {
        return send(data, 0, data.length, now);
    }

    /** Retransmits, gives up or releases what is due at {@code now}. */
    public DtlsResult onTimer(long now) {
        begin(now);
        if (status == Status.HANDSHAKING || status == Status.ESTABLISHED) {
            switch (retransmission.onTimer(now)) {
                case RETRANSMIT:
                    retransmission.flight().ifPresent(this::write);
                    break;
                case GIVE_UP:
                    status = Status.FAILED;
                    state = null;
                    inbound = null;
                    metrics.handshakeTimedOut();
                    LOG.debug("{} {}: handshake timed out", role, peer);
                    events.add(new DtlsEvent.Failed(DtlsEvent.FailureOrigin.TIMEOUT, Optional.empty(),
                            "no answer after " + config.retransmission().maxRetransmissions() + " retransmissions"));
                    break;
                case RELEASED:
                    forgetHandshake();
                    break;
                default:
                    break;
            }
        }
        return end();
    }

    /** Closes the connection with close_notify (RFC 5246 section 7.2.1); the peer's answer is not awaited. */
    public DtlsResult close(long now) {
        begin(now);
        if (status == Status.HANDSHAKING || status == Status.ESTABLISHED) {
            sendAlert(Alert.closeNotify());
            closeWith(DtlsEvent.CloseReason.LOCAL_CLOSE);
        }
        return end();
    }

    /** Ends this connection because the same client completed a cookie exchange for a new one (RFC 6347 4.2.8). */
    DtlsResult replaced(long now) {
        begin(now);
        if (status == Status.HANDSHAKING || status == Status.ESTABLISHED) {
            closeWith(DtlsEvent.CloseReason.REPLACED);
        }
        return end();
    }

    private void begin(long callTime) {
        now = callTime;
        datagrams = new ArrayList<>(2);
        events = new ArrayList<>(1);
    }

    private DtlsResult end() {
        DtlsResult result = new DtlsResult(datagrams, events, nextDeadline());
        datagrams = null;
        events = null;
        return result;
    }

    /** Receives the records of a datagram from the record layer, in order. */
    private final class Receiver implements RecordReceiver {
        @Override
        public void deliver(DecryptedRecord record) {
            if (status != Status.HANDSHAKING && status != Status.ESTABLISHED) {
                return;
            }
            try {
                switch (record.type()) {
                    case HANDSHAKE:
                        onHandshakeRecord(record);
                        break;
                    case CHANGE_CIPHER_SPEC:
                        onChangeCipherSpec(record);
                        break;
                    case ALERT:
                        onAlert(record);
                        break;
                    case APPLICATION_DATA:
                        onApplicationData(record);
                        break;
                    default:
                        metrics.handshakeDropped(HandshakeDropReason.HEARTBEAT);
                        break;
                }
            } catch (DtlsException failure) {
                fail(failure);
            }
        }

        @Override
        public void dropped(DropReason reason) {
            metrics.recordDropped(reason);
            if (reason == DropReason.BAD_TAG && status == Status.HANDSHAKING && state.awaitsPeerFinished()) {
                // The peer's first record of the new epoch does not authenticate: it derived other keys,
                // from a wrong or unknown PSK (RFC 4279 section 2). Fail as for a bad Finished.
                fail(new AuthenticationFailedException("a record of the new epoch fails authentication"));
            }
        }
    }

    private void onHandshakeRecord(DecryptedRecord record) throws DtlsException {
        List<HandshakeFragment> fragments;
        try {
            fragments = HandshakeFragment.decodeAll(record.plaintext(), 0, record.plaintext().length);
        } catch (DecodeException malformed) {
            metrics.handshakeDropped(HandshakeDropReason.MALFORMED_FRAGMENT);
            return;
        }
        for (HandshakeFragment fragment : fragments) {
            if (status == Status.ESTABLISHED) {
                onHandshakeFragmentAfterCompletion(fragment, record.epoch());
            } else if (status == Status.HANDSHAKING) {
                offer(fragment, record.epoch());
                ReceivedMessage message;
                while (status == Status.HANDSHAKING && (message = inbound.poll()) != null) {
                    apply(state.onMessage(message, context));
                }
            }
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
                metrics.handshakeDropped(HandshakeDropReason.REASSEMBLY_BOUND);
                break;
        }
    }

    /**
     * After the handshake: a hello in the protected epoch asks for renegotiation, which is refused
     * (RFC 5246 section 7.2.2 no_renegotiation); old messages are the peer retransmitting its last
     * flight, answered with ours while it is kept (RFC 6347 section 4.2.4).
     */
    private void onHandshakeFragmentAfterCompletion(HandshakeFragment fragment, int epoch) {
        int renegotiationRequest = role == ConnectionEnd.SERVER
                ? HandshakeType.CLIENT_HELLO.code() : HandshakeType.HELLO_REQUEST.code();
        if (fragment.type() == renegotiationRequest && epoch == session.epoch()) {
            sendAlert(Alert.warning(AlertDescription.NO_RENEGOTIATION));
            return;
        }
        if (inbound != null && inbound.offer(fragment, epoch) == HandshakeReassembler.Outcome.ALREADY_PROCESSED) {
            peerRetransmitted = true;
        }
    }

    private void onChangeCipherSpec(DecryptedRecord record) throws DtlsException {
        if (status == Status.ESTABLISHED) {
            // Part of the peer's retransmitted last flight; its handshake messages trigger our answer.
            return;
        }
        if (!state.acceptsChangeCipherSpec() || record.epoch() != records.readEpoch()) {
            // Early (before the keys exist) or repeated: never switch keys on it.
            metrics.handshakeDropped(HandshakeDropReason.UNEXPECTED_CHANGE_CIPHER_SPEC);
            return;
        }
        byte[] plaintext = record.plaintext();
        ChangeCipherSpec.decode(plaintext, 0, plaintext.length);
        apply(state.onChangeCipherSpec(context));
    }

    private void onAlert(DecryptedRecord record) {
        Alert alert;
        try {
            alert = Alert.decode(record.plaintext(), 0, record.plaintext().length);
        } catch (DecodeException malformed) {
            metrics.handshakeDropped(HandshakeDropReason.MALFORMED_ALERT);
            return;
        }
        if (status == Status.ESTABLISHED && record.epoch() != session.epoch()) {
            // Anyone can forge a plaintext alert; once keys exist, only protected alerts count.
            metrics.handshakeDropped(HandshakeDropReason.UNPROTECTED_ALERT);
            return;
        }
        if (alert.isCloseNotify()) {
            sendAlert(Alert.closeNotify());
            closeWith(DtlsEvent.CloseReason.PEER_CLOSED);
        } else if (alert.isFatal()) {
            if (status == Status.HANDSHAKING) {
                metrics.handshakeFailed(alert.description());
            }
            LOG.debug("{} {}: peer sent {}", role, peer, alert);
            terminate();
            status = Status.FAILED;
            events.add(new DtlsEvent.Failed(DtlsEvent.FailureOrigin.PEER_ALERT, Optional.of(alert.description()),
                    "peer sent " + alert));
        }
        // Other warnings (no_renegotiation, user_canceled...) change nothing here.
    }

    private void onApplicationData(DecryptedRecord record) {
        if (status != Status.ESTABLISHED || record.epoch() != session.epoch()) {
            metrics.handshakeDropped(HandshakeDropReason.EARLY_APPLICATION_DATA);
            return;
        }
        if (role == ConnectionEnd.SERVER && inbound != null) {
            // The client sends data only after our Finished reached it: our last flight is no longer needed.
            retransmission.release();
            forgetHandshake();
        }
        events.add(new DtlsEvent.ApplicationData(session, record.epoch(), record.plaintext()));
    }

    private void apply(Transition transition) {
        if (transition instanceof Transition.Next next) {
            state = next.state();
            next.pendingKeys().ifPresent(records::installPending);
            if (!next.flight().isEmpty()) {
                sendFlight(next.flight(), false);
            }
            if (next.activateRead()) {
                // May deliver buffered records of the new epoch, which then meet the new state.
                records.activatePendingRead(crypto, receiver);
            }
        } else {
            Transition.Completed completed = (Transition.Completed) transition;
            state = null;
            status = Status.ESTABLISHED;
            session = new DtlsSession(completed.session(), peer, records.readEpoch());
            metrics.handshakeSucceeded();
            LOG.debug("{} {}: handshake completed, {}", role, peer, completed.session());
            if (completed.finalFlight().isEmpty()) {
                retransmission.finishedByPeer();
                forgetHandshake();
            } else {
                sendFlight(completed.finalFlight(), true);
            }
            events.add(new DtlsEvent.HandshakeCompleted(session));
        }
    }

    /** Builds the flight's records epoch by epoch (a ChangeCipherSpec switches writing) and sends it. */
    private void sendFlight(List<OutgoingMessage> messages, boolean last) {
        List<FlightMessage> flight = new ArrayList<>(messages.size());
        for (OutgoingMessage message : messages) {
            if (message instanceof OutgoingMessage.Handshake handshake) {
                flight.add(FlightMessage.handshake(handshake.message(), handshake.messageSeq(),
                        records.writeAssociation()));
            } else {
                flight.add(FlightMessage.changeCipherSpec(records.writeAssociation()));
                records.activatePendingWrite();
            }
        }
        Flight built = new Flight(flight, last);
        retransmission.send(built, now);
        write(built);
    }

    private void write(Flight flight) {
        datagrams.addAll(writer.write(flight, crypto));
    }

    private void fail(DtlsException failure) {
        Alert alert = AlertMapping.alertFor(failure);
        if (status == Status.HANDSHAKING) {
            metrics.handshakeFailed(alert.description());
        }
        LOG.debug("{} {}: sending {}: {}", role, peer, alert, failure.getMessage());
        sendAlert(alert);
        terminate();
        status = Status.FAILED;
        events.add(new DtlsEvent.Failed(DtlsEvent.FailureOrigin.LOCAL_ALERT, Optional.of(alert.description()),
                failure.getMessage()));
    }

    private void closeWith(DtlsEvent.CloseReason reason) {
        terminate();
        status = Status.CLOSED;
        events.add(new DtlsEvent.Closed(reason));
    }

    /** Alerts are never retransmitted (RFC 6347 section 4.2.7); they go in the current write epoch. */
    private void sendAlert(Alert alert) {
        byte[] bytes = alert.encode();
        datagrams.add(records.protect(crypto, ContentType.ALERT, bytes, 0, bytes.length));
    }

    private void terminate() {
        state = null;
        inbound = null;
        retransmission.finishedByPeer();
    }

    /** Drops what only the handshake needed: the reassembler and the previous epoch's read keys. */
    private void forgetHandshake() {
        inbound = null;
        records.discardPreviousRead();
    }

    @Override
    public String toString() {
        return "DtlsConnection[" + role + " " + peer + ", " + status
                + (state != null ? ", " + state.name() : "") + "]";
    }
}
