package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.AuthenticationFailedException;
import io.coaps4j.dtls.alert.PeerMisbehavedException;
import io.coaps4j.dtls.crypto.EcdsaSignatureFormat;
import io.coaps4j.dtls.crypto.KeyAgreement;
import io.coaps4j.dtls.crypto.PublicKeyCrypto;
import io.coaps4j.dtls.crypto.SignatureAlgorithm;
import io.coaps4j.dtls.handshake.message.SignatureAlgorithms;

import java.security.GeneralSecurityException;

/**
 * The slow steps of the ECDHE_ECDSA handshake as {@link CryptoWork} that may run off the event loop, each
 * failing with its protocol alert rather than internal_error: a signature that does not verify or has r or s
 * outside [1, n-1] is decrypt_error (RFC 5246 section 7.4.8), an ECDH point off the curve or at infinity is
 * illegal_parameter (RFC 8422 section 5.11).
 */
public final class PublicKeyJobs {
    private PublicKeyJobs() {
    }

    /** Checks the peer's signature over {@code signed} with the trusted {@code key}. */
    public static CryptoWork<Checked<SignatureVerified>> verify(PublicKeyCrypto crypto, PeerKeyTrusted key,
                                                                 int algorithm, byte[] signed, byte[] signature) {
        return () -> {
            if (algorithm != SignatureAlgorithms.code(SignatureAlgorithm.ECDSA_SHA256)) {
                return Checked.failed(PeerMisbehavedException.illegal(String.format(
                        "signature algorithm 0x%04X, ecdsa_secp256r1_sha256 was negotiated", algorithm)));
            }
            if (!EcdsaSignatureFormat.isWellFormedP256(signature)) {
                return Checked.failed(new AuthenticationFailedException(
                        "the peer's ECDSA signature is malformed or has r or s outside [1, n-1]"));
            }
            try {
                return Checked.ok(PublicKeyVerifier.signature(key, crypto.verifier(key.key()), signed, signature));
            } catch (AuthenticationFailedException e) {
                return Checked.failed(e);
            }
        };
    }

    /** The ECDH shared secret of {@code ours} with the peer's {@code point}. */
    public static Checked<byte[]> sharedSecret(KeyAgreement ours, byte[] point) {
        try {
            return Checked.ok(ours.sharedSecret(point));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Checked.failed(PeerMisbehavedException.illegal("the peer's ECDH point is not on secp256r1"));
        }
    }
}
