package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.CertificatePrincipal;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.coaps4j.dtls.alert.AuthenticationFailedException;
import io.coaps4j.dtls.alert.CertificateRejectedException;
import io.coaps4j.dtls.credentials.CertificateProblem;
import io.coaps4j.dtls.credentials.PeerCertificateException;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import java.net.InetSocketAddress;
import io.coaps4j.dtls.credentials.PresentedCredentials;
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
     * RawPublicKey mode in a handshake: {@code presented} must be trusted for this {@code peer} (and, when this node
     * is the client, the {@code serverName} it used), as its trust list scopes it; otherwise bad_certificate.
     *
     * @throws CertificateRejectedException otherwise
     */
    public static PeerKeyTrusted rawPublicKey(RawPublicKeyCredentials trust, PublicKey presented,
                                              InetSocketAddress peer, Optional<String> serverName)
            throws CertificateRejectedException {
        // One principal, the key in the compact form a session keeps, its hash both the trust check's and the name.
        // The trust list's own principal when it has the key: the sessions of one peer share it (and its key).
        RawPublicKeyPrincipal principal = new RawPublicKeyPrincipal(presented);
        RawPublicKeyPrincipal trusted = trust.trustedPrincipal(principal, peer, serverName).orElse(null);
        if (trusted == null) {
            throw new CertificateRejectedException(CertificateRejectedException.Kind.BAD_CERTIFICATE,
                    "the peer's raw public key " + principal.getName() + " is not trusted",
                    PresentedCredentials.rawPublicKey(presented));
        }
        return new PeerKeyTrusted(trusted.key(), trusted);
    }

    /**
     * Certificate mode in a handshake: {@code chain} of a peer in the role {@code peerEnd} must pass
     * {@link CertificateCredentials#validatePeer(List, ConnectionEnd, Optional, Instant)}; a refusal carries the
     * alert its {@link CertificateProblem} names ({@code anchored}: whether the chain at least names a trust
     * anchor as its issuer, which tells bad_certificate from unknown_ca for an untrusted chain).
     *
     * @throws CertificateRejectedException otherwise, with the reason
     */
    public static PeerKeyTrusted certificateChain(CertificateCredentials trust, List<X509Certificate> chain,
                                                  ConnectionEnd peerEnd, Optional<String> expectedName, Instant now,
                                                  boolean anchored) throws CertificateRejectedException {
        try {
            CertificatePrincipal principal = trust.validatePeer(chain, peerEnd, expectedName, now);
            return new PeerKeyTrusted(chain.get(0).getPublicKey(), principal);
        } catch (PeerCertificateException e) {
            throw new CertificateRejectedException(kind(e.problem(), anchored), e.getMessage(),
                    PresentedCredentials.certificates(chain));
        } catch (CertificateException e) {
            throw new CertificateRejectedException(CertificateRejectedException.Kind.BAD_CERTIFICATE, e.getMessage(),
                    PresentedCredentials.certificates(chain));
        }
    }

    private static CertificateRejectedException.Kind kind(CertificateProblem problem, boolean anchored) {
        return switch (problem) {
            case EXPIRED -> CertificateRejectedException.Kind.CERTIFICATE_EXPIRED;
            case UNTRUSTED -> anchored ? CertificateRejectedException.Kind.BAD_CERTIFICATE
                    : CertificateRejectedException.Kind.UNKNOWN_CA;
            case BAD_KEY_USAGE -> CertificateRejectedException.Kind.UNSUPPORTED_CERTIFICATE;
            case NAME_MISMATCH, TOO_LONG, MALFORMED -> CertificateRejectedException.Kind.BAD_CERTIFICATE;
        };
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
