package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.CidNegotiation;
import io.coaps4j.dtls.handshake.EstablishedSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a completed handshake leaves in a {@link DtlsConnection}, and when the handshake's objects go: the session and
 * what was negotiated beside it (heartbeat, return routability check) once the peer's Finished verified; the
 * handshake's state, its last flight, the previous epoch's read keys and the copy of the CID once that flight is no
 * longer needed (RFC 6347 section 4.2.4), so that an idle session keeps its record layer, its session and little
 * else. The state stays in the connection; these are the rules, run on its loop within one of its calls.
 */
final class ConnectionEstablishment {
    /** The connection's own log category: a completed handshake is logged where it always was. */
    private static final Logger LOG = LoggerFactory.getLogger(DtlsConnection.class);

    private ConnectionEstablishment() {
    }

    /**
     * The handshake completed with {@code established}; called by the handshake, which may still send its last
     * flight.
     */
    static void established(DtlsConnection connection, EstablishedSession established) {
        ConnectionHandshake handshake = connection.handshake;
        EngineContext engine = connection.engine();
        connection.status = DtlsConnection.Status.ESTABLISHED;
        connection.session = new DtlsSession(established, connection, connection.recordLayer().readEpoch());
        connection.heartbeatCode = handshake.heartbeatAgreement().map(agreement -> Heartbeat.of(agreement).code())
                .orElse((byte) -1);
        connection.checksNegotiated = handshake.cidAgreement()
                .map(CidNegotiation.Agreement::returnRoutabilityCheck).orElse(false);
        connection.lastActivity = handshake.now();
        engine.metrics.handshakeSucceeded(established.resumed());
        LOG.debug("{} {}: handshake completed, {}", engine.role, connection.peer(), established);
        connection.emit(new DtlsEvent.HandshakeCompleted(connection.session));
    }

    /** Server: the client sends in the new epoch only after our Finished reached it: our last flight may go. */
    static void clientHasOurFinished(DtlsConnection connection) {
        ConnectionHandshake handshake = connection.handshake;
        if (handshake != null && connection.engine().role == ConnectionEnd.SERVER) {
            handshake.releaseLastFlight();
            forgetHandshake(connection);
        }
    }

    /** Drops what only the handshake needed: its state, reassembler, last flight and the previous epoch's read keys. */
    static void forgetHandshake(DtlsConnection connection) {
        connection.handshake = null;
        connection.recordLayer().discardPreviousRead();
        byte[] handshakeCid = connection.handshakeCid;
        if (handshakeCid != null && connection.status == DtlsConnection.Status.ESTABLISHED
                && connection.recordLayer().readsConnectionId(handshakeCid)) {
            connection.handshakeCid = null; // the session's read keys hold it from now on
        }
    }
}
