package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.Alert;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.DecryptedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RFC 6520 heartbeat of a {@link DtlsConnection}: whether it may send, its request and the retransmission of it
 * on the DTLS timer (section 3 and 4), answering the peer's requests, matching the responses, and a dead peer. The
 * state (the negotiated {@link Heartbeat} as a byte, the {@link HeartbeatRequest} in flight) stays in the connection,
 * so an idle session pays nothing more for it; these are the rules that read and change it, on the connection's loop
 * and within one of its calls.
 */
final class ConnectionHeartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHeartbeat.class);

    private ConnectionHeartbeat() {
    }

    /**
     * @throws IllegalStateException when {@code connection} may not send a request now: not established, the
     *                               extension not negotiated, the peer said peer_not_allowed_to_send, or a request
     *                               already in flight (at most one may be, section 3)
     */
    static void checkMaySend(DtlsConnection connection) {
        if (!connection.canSendHeartbeat()) {
            throw new IllegalStateException(connection.status() != DtlsConnection.Status.ESTABLISHED
                    ? "heartbeats can only be sent on an established connection; this one is " + connection.status()
                    : connection.heartbeatCode < 0 ? "the handshake did not negotiate the heartbeat extension (RFC 6520)"
                    : "the peer said peer_not_allowed_to_send (RFC 6520 section 2)");
        }
        if (connection.heartbeatRequest != null) {
            throw new IllegalStateException("a HeartbeatRequest is already in flight; at most one may be (RFC 6520"
                    + " section 3)");
        }
    }

    /** Sends a new HeartbeatRequest (a 16-byte random payload, 16 bytes of random padding) and starts its timer. */
    static void sendRequest(DtlsConnection connection, long now) {
        EngineContext engine = connection.engine();
        connection.heartbeatRequest = HeartbeatRequest.start(now, engine.config.retransmission(), engine.crypto.random());
        send(connection, connection.heartbeatRequest.encode(engine.crypto.random()));
        engine.metrics.heartbeatSent();
    }

    /**
     * A heartbeat message of the session's epoch, authentic: a request is answered with its payload when this side
     * allows the peer to send (section 4), a response matching the request in flight stops its timer; anything else
     * is dropped silently and counted. The caller checked the epoch and the status.
     */
    static void onMessage(DtlsConnection connection, DecryptedRecord record) {
        EngineContext engine = connection.engine();
        if (connection.heartbeatCode < 0) {
            engine.metrics.handshakeDropped(HandshakeDropReason.HEARTBEAT_NOT_ALLOWED);
            return;
        }
        HeartbeatMessage message = HeartbeatMessage.decode(record.plaintext());
        if (message == null) {
            engine.metrics.handshakeDropped(HandshakeDropReason.HEARTBEAT_MALFORMED);
            return;
        }
        ConnectionEstablishment.clientHasOurFinished(connection);
        if (message.isRequest()) {
            if (!Heartbeat.ofCode(connection.heartbeatCode).answers()) {
                // Section 2: "SHOULD drop the message silently"; the optional unexpected_message alert is not sent.
                engine.metrics.handshakeDropped(HandshakeDropReason.HEARTBEAT_NOT_ALLOWED);
                return;
            }
            send(connection, new HeartbeatMessage(HeartbeatMessage.RESPONSE, message.payload())
                    .encode(engine.crypto.random()));
            engine.metrics.heartbeatRequestAnswered();
            return;
        }
        HeartbeatRequest request = connection.heartbeatRequest;
        if (request == null || !request.answeredBy(message.payload())) {
            engine.metrics.handshakeDropped(HandshakeDropReason.HEARTBEAT_UNEXPECTED_RESPONSE);
            return;
        }
        connection.heartbeatRequest = null; // the timer stops (section 4)
        engine.metrics.heartbeatAnswered();
        connection.emit(new DtlsEvent.HeartbeatAnswered(request.roundTrip(engine.callTime)));
    }

    /** The request's timer is due: a retransmission, or a dead peer (section 3) and the session closed. */
    static void onTimer(DtlsConnection connection, long now) {
        EngineContext engine = connection.engine();
        switch (connection.heartbeatRequest.onTimer(now, engine.config.retransmission(),
                engine.config.heartbeatRetransmissions())) {
            case RETRANSMIT:
                send(connection, connection.heartbeatRequest.encode(engine.crypto.random()));
                break;
            case DEAD:
                connection.heartbeatRequest = null;
                LOG.debug("{} {}: no answer to a HeartbeatRequest after {} retransmissions, closing", engine.role,
                        connection.peer(), engine.config.heartbeatRetransmissions());
                ConnectionEnding.sendAlert(connection, Alert.closeNotify());
                ConnectionEnding.closeWith(connection, DtlsEvent.CloseReason.HEARTBEAT_TIMEOUT);
                break;
            default:
                break;
        }
    }

    private static void send(DtlsConnection connection, byte[] message) {
        connection.emit(connection.recordLayer().protect(connection.engine().crypto, ContentType.HEARTBEAT, message, 0,
                message.length));
    }
}
