package io.coaps4j.dtls.crypto;

import java.security.GeneralSecurityException;

/**
 * One side of an ephemeral elliptic-curve Diffie-Hellman exchange (ECDHE, RFC 8422 section 5.10): its public
 * point to send, and the shared secret (the premaster secret) from the peer's point. Can be slow; safe to
 * call from any thread, once per handshake.
 */
public interface KeyAgreement {

    /** This side's ephemeral public point, uncompressed (RFC 8422 section 5.4.1). */
    byte[] publicPoint();

    /**
     * The shared secret with {@code peerPoint}, the peer's uncompressed point.
     *
     * @throws GeneralSecurityException when the point is not on the curve
     */
    byte[] sharedSecret(byte[] peerPoint) throws GeneralSecurityException;
}
