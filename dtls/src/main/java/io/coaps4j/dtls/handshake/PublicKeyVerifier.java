package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.CertificatePrincipal;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.coaps4j.dtls.alert.AuthenticationFailedException;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import io.coaps4j.dtls.crypto.SignatureVerifier;

import java.security.GeneralSecurityException;
import java.security.PublicKey;

/**
 * Issues the proofs of the public-key modes: that a peer's key is trusted, and that the peer signed with it.
 * The signature check may be slow; a state that needs it runs it as an offloaded job (see
 * {@link Transition.Await}) and calls {@link #signature} with the result there.
 */
public final class PublicKeyVerifier {
    private PublicKeyVerifier() {
    }

    /**
     * RawPublicKey mode: {@code presented} must be one of the trusted peers' keys (RFC 7252 section 9.1.3.2).
     *
     * @throws AuthenticationFailedException otherwise
     */
    public static PeerKeyTrusted rawPublicKey(RawPublicKeyCredentials trust, PublicKey presented)
            throws AuthenticationFailedException {
        if (!trust.trusts(presented)) {
            throw new AuthenticationFailedException("the peer's raw public key "
                    + new RawPublicKeyPrincipal(presented).getName() + " is not trusted");
        }
        return new PeerKeyTrusted(presented, new RawPublicKeyPrincipal(presented));
    }

    /**
     * Certificate mode: {@code chain} must validate to one of the trust anchors and, for a server, name
     * {@code expectedName} (RFC 7252 section 9.1.3.3).
     *
     * @throws AuthenticationFailedException otherwise, with the reason
     */
    public static PeerKeyTrusted certificateChain(CertificateCredentials trust, List<X509Certificate> chain,
                                                  Optional<String> expectedName, Instant now)
            throws AuthenticationFailedException {
        try {
            CertificatePrincipal principal = trust.validatePeer(chain, expectedName, now);
            return new PeerKeyTrusted(chain.get(0).getPublicKey(), principal);
        } catch (CertificateException e) {
            throw new AuthenticationFailedException(e.getMessage());
        }
    }

    /**
     * Checks the peer's {@code signature} over {@code signed} with {@code verifier}, which must check with
     * {@code key}'s public key.
     *
     * @throws AuthenticationFailedException when the signature does not verify (RFC 5246 section 7.4.8)
     */
    public static SignatureVerified signature(PeerKeyTrusted key, SignatureVerifier verifier, byte[] signed,
                                              byte[] signature) throws AuthenticationFailedException {
        boolean valid;
        try {
            valid = verifier.verify(signed, signature);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new AuthenticationFailedException("the peer's signature does not verify with its key");
        }
        return new SignatureVerified(key);
    }

    /** The claim a verified signature supports, for the state that awaits the peer's Finished. */
    public static PeerClaim claim(SignatureVerified signature) {
        return new PeerClaim.SignedKey(signature);
    }
}
