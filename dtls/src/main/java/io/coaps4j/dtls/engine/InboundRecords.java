package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.Alert;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.message.ChangeCipherSpec;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.DecryptedRecord;
import io.coaps4j.dtls.record.DropReason;
import io.coaps4j.dtls.record.RecordLayer;
import io.coaps4j.dtls.record.RecordReceiver;

import java.util.List;

/**
 * What each content type means to a connection: the rules for the records its record layer accepted
 * or dropped. One instance per event loop ({@link EngineContext}) serves the connection being called,
 * so connections hold no receiver of their own.
 */
final class InboundRecords implements RecordReceiver {
    private final CryptoContext crypto;
    private final DtlsMetrics metrics;
    /** The connection whose records are being received, and what its call has seen and allows. */
    private DtlsConnection target;
    private boolean authenticated;
    private boolean lenient;

    InboundRecords(CryptoContext crypto, DtlsMetrics metrics) {
        this.crypto = crypto;
        this.metrics = metrics;
    }

    /**
     * Passes the records of {@code datagram} from {@code records} to {@code connection}, which is in a call;
     * returns whether one of them was protected and authentic. When {@code lenient}, a bad tag is not even
     * noted against the handshake (see {@link DtlsConnection#receiveRouted}).
     */
    boolean receive(DtlsConnection connection, RecordLayer records, byte[] datagram, int offset, int length,
                    boolean lenient) {
        return within(connection, lenient, records, datagram, offset, length);
    }

    /**
     * Switches {@code connection}'s reading to its pending keys and passes it the records buffered for them; also
     * outside a receive call (a handshake resumed by an offloaded crypto job).
     */
    void activatePendingRead(DtlsConnection connection, RecordLayer records) {
        if (target == connection) {
            records.activatePendingRead(crypto, this); // within the connection's receive call
        } else {
            within(connection, false, records, null, 0, 0);
        }
    }

    /**
     * Runs, with {@code connection} as the target of the records delivered, its receive of {@code datagram}, or
     * with none its switch to pending keys; restores the outer call's target after (calls nest). The two are
     * told apart by the argument rather than passed as a lambda: this runs per datagram, and a capturing lambda
     * is an allocation unless the JIT inlines it away.
     */
    private boolean within(DtlsConnection connection, boolean lenient, RecordLayer records, byte[] datagram,
                           int offset, int length) {
        DtlsConnection previousTarget = target;
        boolean previousAuthenticated = authenticated;
        boolean previousLenient = this.lenient;
        target = connection;
        authenticated = false;
        this.lenient = lenient;
        try {
            if (datagram != null) {
                records.receive(crypto, datagram, offset, length, this);
            } else {
                records.activatePendingRead(crypto, this);
            }
            return authenticated;
        } finally {
            target = previousTarget;
            authenticated = previousAuthenticated;
            this.lenient = previousLenient;
        }
    }

    @Override
    public void deliver(DecryptedRecord record) {
        DtlsConnection connection = target;
        if (!connection.isOpen()) {
            return;
        }
        if (record.epoch() > 0) {
            authenticated = true;
            if (connection.isHandshaking()) {
                connection.handshake().onAuthenticRecord();
            }
        }
        try {
            switch (record.type()) {
                case HANDSHAKE:
                    onHandshake(connection, record);
                    break;
                case CHANGE_CIPHER_SPEC:
                    onChangeCipherSpec(connection, record);
                    break;
                case ALERT:
                    onAlert(connection, record);
                    break;
                case APPLICATION_DATA:
                    onApplicationData(connection, record);
                    break;
                case HEARTBEAT:
                    onHeartbeat(connection, record);
                    break;
                case RETURN_ROUTABILITY_CHECK:
                    onReturnRoutabilityCheck(connection, record);
                    break;
                default:
                    break;
            }
        } catch (DtlsException failure) {
            ConnectionEnding.fail(connection, failure);
        }
    }

    @Override
    public void dropped(DropReason reason) {
        metrics.recordDropped(reason);
        DtlsConnection connection = target;
        ConnectionHandshake handshake = connection.handshake();
        if (reason == DropReason.BAD_TAG && !lenient && connection.isHandshaking()
                && handshake.awaitsPeerFinished()) {
            // Dropped silently (RFC 6347 section 4.1.2.7): it may be forged or stray. Only if nothing of the
            // new epoch authenticates before our timer fires does it mean a wrong or unknown PSK.
            handshake.onBadTag();
        }
    }

    private void onHandshake(DtlsConnection connection, DecryptedRecord record) throws DtlsException {
        List<HandshakeFragment> fragments;
        try {
            fragments = HandshakeFragment.decodeAll(record.plaintext(), 0, record.plaintext().length);
        } catch (DecodeException malformed) {
            metrics.handshakeDropped(HandshakeDropReason.MALFORMED_FRAGMENT);
            return;
        }
        for (HandshakeFragment fragment : fragments) {
            if (connection.status() == DtlsConnection.Status.ESTABLISHED) {
                afterCompletion(connection, fragment, record.epoch());
            } else if (connection.isHandshaking()) {
                connection.handshake().onFragment(fragment, record.epoch());
            }
        }
    }

    /**
     * After the handshake: a hello in the protected epoch asks for renegotiation, which is refused
     * (RFC 5246 section 7.2.2 no_renegotiation); old messages are the peer retransmitting its last
     * flight, answered with ours while it is kept (RFC 6347 section 4.2.4).
     */
    private static void afterCompletion(DtlsConnection connection, HandshakeFragment fragment, int epoch) {
        int renegotiationRequest = connection.role() == ConnectionEnd.SERVER
                ? HandshakeType.CLIENT_HELLO.code() : HandshakeType.HELLO_REQUEST.code();
        if (fragment.type() == renegotiationRequest && epoch == connection.sessionEpoch()) {
            ConnectionEnding.sendAlert(connection, Alert.warning(AlertDescription.NO_RENEGOTIATION));
            return;
        }
        ConnectionHandshake handshake = connection.handshake();
        if (handshake != null) {
            handshake.onFragmentAfterCompletion(fragment, epoch);
        }
    }

    private void onChangeCipherSpec(DtlsConnection connection, DecryptedRecord record) throws DtlsException {
        if (!connection.isHandshaking()) {
            // Part of the peer's retransmitted last flight; its handshake messages trigger our answer.
            return;
        }
        ConnectionHandshake handshake = connection.handshake();
        if (handshake.holdChangeCipherSpec(record.epoch())) {
            ChangeCipherSpec.decode(record.plaintext(), 0, record.plaintext().length);
            return;
        }
        if (!handshake.acceptsChangeCipherSpec(record.epoch())) {
            // Early (before the keys exist) or repeated: never switch keys on it.
            metrics.handshakeDropped(HandshakeDropReason.UNEXPECTED_CHANGE_CIPHER_SPEC);
            return;
        }
        byte[] plaintext = record.plaintext();
        ChangeCipherSpec.decode(plaintext, 0, plaintext.length);
        handshake.onChangeCipherSpec();
    }

    private void onAlert(DtlsConnection connection, DecryptedRecord record) {
        Alert alert;
        try {
            alert = Alert.decode(record.plaintext(), 0, record.plaintext().length);
        } catch (DecodeException malformed) {
            metrics.handshakeDropped(HandshakeDropReason.MALFORMED_ALERT);
            return;
        }
        if (!connection.isHandshaking() && record.epoch() != connection.sessionEpoch()) {
            // Anyone can forge a plaintext alert; once keys exist, only protected alerts count.
            metrics.handshakeDropped(HandshakeDropReason.UNPROTECTED_ALERT);
            return;
        }
        if (alert.isCloseNotify()) {
            ConnectionEnding.sendAlert(connection, Alert.closeNotify());
            ConnectionEnding.closeWith(connection, DtlsEvent.CloseReason.PEER_CLOSED);
        } else if (alert.isFatal()) {
            ConnectionEnding.failedByPeer(connection, alert);
        }
        // Other warnings (no_renegotiation, user_canceled...) change nothing here.
    }

    /**
     * Heartbeats only in the session's epoch once the handshake completed (RFC 6520 section 3: "SHOULD NOT be
     * sent during handshakes", "from older epochs SHOULD be discarded"): never in epoch 0, never before the
     * Finished, so nothing of it is answered or kept for an unauthenticated peer.
     */
    private void onHeartbeat(DtlsConnection connection, DecryptedRecord record) {
        if (connection.status() != DtlsConnection.Status.ESTABLISHED || record.epoch() != connection.sessionEpoch()) {
            metrics.handshakeDropped(HandshakeDropReason.HEARTBEAT_OUT_OF_SESSION);
            return;
        }
        connection.onHeartbeat(record);
    }

    /** RFC 9853 messages, like heartbeats, only in the session's epoch once the handshake completed. */
    private void onReturnRoutabilityCheck(DtlsConnection connection, DecryptedRecord record) {
        if (connection.status() != DtlsConnection.Status.ESTABLISHED || record.epoch() != connection.sessionEpoch()) {
            metrics.handshakeDropped(HandshakeDropReason.RRC_NOT_ALLOWED);
            return;
        }
        connection.onReturnRoutabilityCheck(record);
    }

    private void onApplicationData(DtlsConnection connection, DecryptedRecord record) {
        if (connection.isHandshaking() || record.epoch() != connection.sessionEpoch()) {
            metrics.handshakeDropped(HandshakeDropReason.EARLY_APPLICATION_DATA);
            return;
        }
        connection.deliver(record);
    }
}
