package io.coaps4j.dtls.config;

/**
 * Whether a server of the RawPublicKey and Certificate modes asks the client for its key (CertificateRequest,
 * RFC 5246 section 7.4.4). RFC 7252 section 9.1.3.2 has both ends authenticate, so {@link #NEED} is the default.
 */
public enum ClientAuthentication {
    /** No CertificateRequest: the client stays anonymous. */
    NONE,
    /** A CertificateRequest; a client that sends no certificate goes on unauthenticated. */
    WANT,
    /** A CertificateRequest; a client that sends no certificate fails with handshake_failure (RFC 5246 section 7.4.6). */
    NEED
}
