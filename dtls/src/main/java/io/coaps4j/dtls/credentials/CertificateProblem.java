package io.coaps4j.dtls.credentials;

/**
 * Why a peer's certificate chain is refused, one constant per alert a handshake sends for it (RFC 5246
 * section 7.2.2), so the mapping from a {@link PeerCertificateException} to the alert is exact.
 */
public enum CertificateProblem {
    /**
     * A certificate of the chain is expired, or not yet valid, at the time of the check: certificate_expired
     * ("a certificate has expired or is not currently valid").
     */
    EXPIRED,
    /**
     * The chain does not lead to a trust anchor (an unknown or self-signed issuer), a signature in it does not
     * verify, a CA in it may not issue certificates, or the peer sent none: unknown_ca when no anchor was found,
     * bad_certificate otherwise.
     */
    UNTRUSTED,
    /**
     * The peer's own certificate may not serve this handshake: its key is not an ECDSA key on secp256r1 (RFC 7252
     * section 9.1.3.3), its keyUsage lacks digitalSignature, or its extendedKeyUsage does not allow the peer's
     * role (serverAuth / clientAuth): unsupported_certificate.
     */
    BAD_KEY_USAGE,
    /**
     * The server's certificate does not name the host the client asked for (RFC 6125, RFC 7252 section
     * 9.1.3.3): bad_certificate.
     */
    NAME_MISMATCH,
    /** The chain holds more certificates than the configured limit: bad_certificate. */
    TOO_LONG,
    /**
     * A certificate does not decode, or the chain is not in order (each certified by the next, RFC 5246 section
     * 7.4.2): bad_certificate (decode_error when the Certificate message itself does not parse).
     */
    MALFORMED
}
