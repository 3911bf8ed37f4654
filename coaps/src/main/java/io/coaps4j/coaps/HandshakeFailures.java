package io.coaps4j.coaps;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.engine.DtlsEvent;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Turns how a client handshake ended into an exception that says why in words. */
final class HandshakeFailures {

    private HandshakeFailures() {
    }

    static DtlsHandshakeException failed(InetSocketAddress server, DtlsEvent.Failed failed) {
        String prefix = "DTLS handshake with " + server + " failed: ";
        switch (failed.origin()) {
            case TIMEOUT:
                return new DtlsHandshakeException(server, DtlsHandshakeException.Reason.TIMEOUT, Optional.empty(),
                        prefix + "no answer (" + failed.detail() + "); is a DTLS server listening there?");
            case PEER_ALERT: {
                AlertDescription alert = failed.alert().orElse(AlertDescription.HANDSHAKE_FAILURE);
                // RFC 4279 section 2: a wrong key and an unknown identity both end in decrypt_error.
                String hint = alert.equals(AlertDescription.DECRYPT_ERROR)
                        || alert.equals(AlertDescription.UNKNOWN_PSK_IDENTITY)
                        || alert.equals(AlertDescription.BAD_RECORD_MAC)
                        ? " (the server does not accept our PSK identity and key)" : "";
                return new DtlsHandshakeException(server, DtlsHandshakeException.Reason.REJECTED_BY_PEER,
                        failed.alert(), prefix + "the server sent a fatal " + alert + " alert" + hint);
            }
            default: {
                AlertDescription alert = failed.alert().orElse(AlertDescription.INTERNAL_ERROR);
                String hint = alert.equals(AlertDescription.DECRYPT_ERROR)
                        ? " (the server's messages do not verify with our key: wrong PSK?)" : "";
                return new DtlsHandshakeException(server, DtlsHandshakeException.Reason.ABORTED_LOCALLY,
                        failed.alert(), prefix + "aborted with a fatal " + alert + " alert: " + failed.detail() + hint,
                        failed.presented());
            }
        }
    }

    static DtlsHandshakeException closed(InetSocketAddress server, DtlsEvent.CloseReason reason) {
        return new DtlsHandshakeException(server, DtlsHandshakeException.Reason.CLOSED, Optional.empty(),
                "the DTLS connection with " + server + " was closed before its handshake completed (" + reason + ")");
    }

    static DtlsHandshakeException peerHandshakeEnded(InetSocketAddress peer) {
        return new DtlsHandshakeException(peer, DtlsHandshakeException.Reason.CLOSED, Optional.empty(),
                "the DTLS handshake that " + peer + " started with this node ended without a session");
    }

    static DtlsHandshakeException connectorClosed(InetSocketAddress server) {
        return new DtlsHandshakeException(server, DtlsHandshakeException.Reason.CLOSED, Optional.empty(),
                "no DTLS session with " + server + ": the connector is closed");
    }

    static DtlsHandshakeException notStarted(InetSocketAddress server, String why) {
        return new DtlsHandshakeException(server, DtlsHandshakeException.Reason.NOT_STARTED, Optional.empty(),
                "no DTLS handshake with " + server + ": " + why);
    }
}
