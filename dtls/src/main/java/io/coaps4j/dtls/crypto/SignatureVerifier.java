package io.coaps4j.dtls.crypto;

import java.security.GeneralSecurityException;

/**
 * Checks a peer's signature with its public key: the ServerKeyExchange parameters or a CertificateVerify.
 * Can be slow like {@link Signer}; implementations must be safe to call from any thread.
 */
public interface SignatureVerifier {

    /** The algorithm of the signatures checked. */
    SignatureAlgorithm algorithm();

    /** Whether {@code signature} is a valid signature of {@code message}; false also for a malformed signature. */
    boolean verify(byte[] message, byte[] signature) throws GeneralSecurityException;
}
