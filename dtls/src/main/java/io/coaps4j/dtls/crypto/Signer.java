package io.coaps4j.dtls.crypto;

import java.security.GeneralSecurityException;

/**
 * Signs handshake content with this endpoint's private key: the ServerKeyExchange parameters (RFC 8422
 * section 5.4) or the transcript of a CertificateVerify (RFC 5246 section 7.4.8). A signature can be slow
 * (0.3–5 ms for ECDSA on P-256, DESIGN.md "Crypto"), so the handshake hands it to a job that may run off
 * the event loop: implementations must be safe to call from any thread.
 */
public interface Signer {

    /** The algorithm of the signatures made. */
    SignatureAlgorithm algorithm();

    /** The signature of {@code message}, in the algorithm's wire encoding. */
    byte[] sign(byte[] message) throws GeneralSecurityException;
}
