package io.coaps4j.dtls.alert;

import io.coaps4j.dtls.credentials.PresentedCredentials;
import java.util.Objects;

/**
 * The peer's certificate or raw public key cannot be used: it is not trusted, expired, of a type that was not
 * negotiated, or missing where it is required (RFC 5246 section 7.2.2, RFC 7250 section 4).
 */
public final class CertificateRejectedException extends DtlsException {
    private static final long serialVersionUID = 1L;

    /** Why the peer's certificate was rejected; each is its own alert. */
    public enum Kind {
        /** Not trusted, not verifiable, or not naming the server (bad_certificate). */
        BAD_CERTIFICATE,
        /** A certificate type that was not negotiated (unsupported_certificate). */
        UNSUPPORTED_CERTIFICATE,
        /** A chain that leads to no trust anchor (unknown_ca). */
        UNKNOWN_CA,
        /** Outside its validity period (certificate_expired). */
        CERTIFICATE_EXPIRED,
        /** No required certificate, or no certificate type in common (handshake_failure, RFC 5246 section 7.4.6). */
        MISSING
    }

    private final Kind kind;
    private final transient PresentedCredentials presented;

    public CertificateRejectedException(Kind kind, String message) {
        this(kind, message, PresentedCredentials.none());
    }

    /** A refusal of what the peer {@code presented}, which the failure reports to the application. */
    public CertificateRejectedException(Kind kind, String message, PresentedCredentials presented) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.presented = Objects.requireNonNull(presented, "presented");
    }

    public Kind kind() {
        return kind;
    }

    /** The raw public key or chain the peer presented, when it decoded; empty otherwise. */
    public PresentedCredentials presented() {
        return presented == null ? PresentedCredentials.none() : presented;
    }
}
