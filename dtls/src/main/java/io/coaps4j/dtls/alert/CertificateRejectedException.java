package io.coaps4j.dtls.alert;

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

    public CertificateRejectedException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
