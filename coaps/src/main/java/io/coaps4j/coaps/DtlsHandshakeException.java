package io.coaps4j.coaps;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.credentials.PresentedCredentials;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * No DTLS session could be established with a server, so the requests waiting for it fail (RFC 7252
 * section 9.1.7: "if the handshake fails, the security handshake should be considered failed").
 * The message says why in words; {@link #alert()} is the fatal alert sent or received, empty when
 * the server never answered or no handshake could be started. When this side refused the server's raw public
 * key or certificate, {@link #presented()} holds it, so that the user can be told what to trust.
 */
public final class DtlsHandshakeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How the attempt ended. */
    public enum Reason {
        /** The server sent a fatal alert. */
        REJECTED_BY_PEER,
        /** This side aborted with a fatal alert (the server's messages did not check out). */
        ABORTED_LOCALLY,
        /** The server did not answer before the retransmissions were used up. */
        TIMEOUT,
        /** The connection was closed or replaced before the handshake completed. */
        CLOSED,
        /** No handshake was started: no credentials for this server, or the client session limit is reached. */
        NOT_STARTED
    }

    private final transient InetSocketAddress server;
    private final Reason reason;
    private final transient AlertDescription alert;
    private final transient PresentedCredentials presented;

    public DtlsHandshakeException(InetSocketAddress server, Reason reason, Optional<AlertDescription> alert,
                                  String message) {
        this(server, reason, alert, message, PresentedCredentials.none());
    }

    public DtlsHandshakeException(InetSocketAddress server, Reason reason, Optional<AlertDescription> alert,
                                  String message, PresentedCredentials presented) {
        super(message);
        this.server = Objects.requireNonNull(server, "server");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.alert = alert.orElse(null);
        this.presented = Objects.requireNonNull(presented, "presented");
    }

    public InetSocketAddress server() {
        return server;
    }

    public Reason reason() {
        return reason;
    }

    public Optional<AlertDescription> alert() {
        return Optional.ofNullable(alert);
    }

    /** The server's raw public key or certificate chain when this side refused it; else empty. */
    public PresentedCredentials presented() {
        return presented == null ? PresentedCredentials.none() : presented;
    }
}
