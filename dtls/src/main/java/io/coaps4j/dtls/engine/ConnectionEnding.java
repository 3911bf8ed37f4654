package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.Alert;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.alert.AlertMapping;
import io.coaps4j.dtls.alert.CertificateRejectedException;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.credentials.PresentedCredentials;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.record.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * How a {@link DtlsConnection} ends: failed (a fatal alert either way, a timeout, a place given to another client)
 * or closed, with the event, the metrics and the resumable session forgotten where RFC 5246 section 7.2.2 says so.
 * One place, so every way out stops the same timers and drops the same state. The state stays in the connection;
 * these are the rules, run on its loop within one of its calls.
 */
final class ConnectionEnding {
    /** The connection's own log category: an ending is logged where it always was. */
    private static final Logger LOG = LoggerFactory.getLogger(DtlsConnection.class);

    private ConnectionEnding() {
    }

    /** The handshake's retransmissions are used up (RFC 6347 section 4.2.4). */
    static void timedOut(DtlsConnection connection) {
        EngineContext engine = connection.engine();
        engine.metrics.handshakeTimedOut();
        failed(connection, DtlsEvent.FailureOrigin.TIMEOUT, Optional.empty(), "no answer after "
                + engine.config.retransmission().maxRetransmissions() + " retransmissions");
    }

    /** Server: the client did not answer our first flight within {@code stalledHandshakeTimeout}. */
    static void stalled(DtlsConnection connection) {
        EngineContext engine = connection.engine();
        engine.metrics.handshakeStalled();
        failed(connection, DtlsEvent.FailureOrigin.TIMEOUT, Optional.empty(),
                "no answer to the server's first flight within "
                        + engine.config.stalledHandshakeTimeout().toMillis() + " ms");
    }

    /** Server: a stalled handshake gives its place to a new client; no alert, the client is silent anyway. */
    static void displaced(DtlsConnection connection) {
        if (connection.isHandshaking()) {
            connection.engine().metrics.handshakeDisplaced();
            failed(connection, DtlsEvent.FailureOrigin.TIMEOUT, Optional.empty(),
                    "no answer to the server's first flight; its place went to a new client");
        }
    }

    /** The peer sent the fatal {@code alert}. */
    static void failedByPeer(DtlsConnection connection, Alert alert) {
        failed(connection, DtlsEvent.FailureOrigin.PEER_ALERT, Optional.of(alert.description()), "peer sent " + alert);
    }

    /** This side detected {@code failure}: the fatal alert it maps to is sent and the connection ends. */
    static void fail(DtlsConnection connection, DtlsException failure) {
        Alert alert = AlertMapping.alertFor(failure);
        sendAlert(connection, alert);
        failed(connection, DtlsEvent.FailureOrigin.LOCAL_ALERT, Optional.of(alert.description()),
                failure.getMessage(), failure instanceof CertificateRejectedException rejected ? rejected.presented()
                        : PresentedCredentials.none());
    }

    /** Closed for {@code reason}, without an alert (the caller sent close_notify where one is due). */
    static void closeWith(DtlsConnection connection, DtlsEvent.CloseReason reason) {
        connection.engine().metrics.sessionClosed(reason);
        connection.terminate(DtlsConnection.Status.CLOSED);
        connection.emit(new DtlsEvent.Closed(reason));
    }

    /** Alerts are never retransmitted (RFC 6347 section 4.2.7); they go in the current write epoch. */
    static void sendAlert(DtlsConnection connection, Alert alert) {
        byte[] bytes = alert.encode();
        connection.emit(connection.recordLayer().protect(connection.engine().crypto, ContentType.ALERT, bytes, 0,
                bytes.length));
    }

    private static void failed(DtlsConnection connection, DtlsEvent.FailureOrigin origin,
                               Optional<AlertDescription> alert, String detail) {
        failed(connection, origin, alert, detail, PresentedCredentials.none());
    }

    private static void failed(DtlsConnection connection, DtlsEvent.FailureOrigin origin,
                               Optional<AlertDescription> alert, String detail, PresentedCredentials presented) {
        EngineContext engine = connection.engine();
        if (connection.isHandshaking()) {
            alert.ifPresent(engine.metrics::handshakeFailed);
        }
        LOG.debug("{} {}: failed, {} {}: {}", engine.role, connection.peer(), origin, alert, detail);
        if (alert.isPresent()) {
            forgetResumableSession(connection);
        }
        connection.terminate(DtlsConnection.Status.FAILED);
        connection.emit(new DtlsEvent.Failed(origin, alert, detail, presented));
    }

    /** RFC 5246 section 7.2.2: a session that ended with a fatal alert must not be resumed; its cache entry goes. */
    private static void forgetResumableSession(DtlsConnection connection) {
        DtlsSession session = connection.session;
        if (session == null) {
            return;
        }
        EngineContext engine = connection.engine();
        if (engine.role == ConnectionEnd.SERVER) {
            // A ticket's session is under the id the client chose, which may name another client's cached session.
            if (!session.established().resumedByTicket()) {
                engine.serverSessions.remove(SessionId.lookup(session.sessionId()));
            }
        } else if (engine.clientSessions != null) {
            engine.clientSessions.forget(connection.peer(), session.serverName());
        }
    }
}
