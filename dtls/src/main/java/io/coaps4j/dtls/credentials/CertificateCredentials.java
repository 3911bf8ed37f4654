package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.CertificatePaths;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.Optional;

import io.coaps4j.dtls.crypto.PublicKeys;

import java.security.PrivateKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Certificate mode's credentials (RFC 7252 section 9.1.3.3): this node's secp256r1 private key, its
 * certificate chain (its own certificate first, each certified by the next) and the trust anchors a
 * peer's chain must lead to. Validated here; the handshake for this mode is not implemented yet, so a
 * configuration holding these is refused by its {@code build()}.
 */
public record CertificateCredentials(PrivateKey privateKey, List<X509Certificate> chain, Set<TrustAnchor> trustAnchors)
        implements Credentials {

    /**
     * @throws IllegalArgumentException when the key or the chain's first certificate is not on secp256r1, the
     *                                  chain is empty or out of order, or there is no trust anchor
     */
    public CertificateCredentials {
        PublicKeys.requireP256(privateKey, "privateKey");
        Objects.requireNonNull(chain, "chain");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least this node's own certificate");
        }
        PublicKeys.requireP256(chain.get(0).getPublicKey(), "the public key of chain[0]");
        for (int i = 1; i < chain.size(); i++) {
            if (!chain.get(i - 1).getIssuerX500Principal().equals(chain.get(i).getSubjectX500Principal())) {
                throw new IllegalArgumentException("chain[" + i + "] must be the issuer of chain[" + (i - 1) + "] ("
                        + chain.get(i - 1).getIssuerX500Principal() + "), was " + chain.get(i).getSubjectX500Principal());
            }
        }
        Objects.requireNonNull(trustAnchors, "trustAnchors");
        trustAnchors = Set.copyOf(trustAnchors);
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("trustAnchors must name at least one anchor for the peers' chains");
        }
    }

    @Override
    public SecurityMode mode() {
        return SecurityMode.CERTIFICATE;
    }

    /**
     * Checks a peer's chain ({@code chain}, its own certificate first) against this node's trust anchors at
     * {@code now}, as every new connection must (RFC 7252 section 9.1.3.3), and returns the principal it names.
     *
     * @param expectedName the name the client used for the server (URI host), checked against the server's
     *                     certificate (RFC 6125); empty when checking a client's certificate
     * @throws CertificateException when the chain is empty, does not validate, or the name does not match
     */
    public CertificatePrincipal validatePeer(List<X509Certificate> chain, Optional<String> expectedName, Instant now)
            throws CertificateException {
        if (chain.isEmpty()) {
            throw new CertificateException("the peer sent no certificate");
        }
        if (!PublicKeys.isP256(chain.get(0).getPublicKey())) {
            throw new CertificateException("the peer's certificate key is not on secp256r1");
        }
        try {
            CertificatePaths.validate(chain, trustAnchors, now);
        } catch (CertificateException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the peer's certificate chain does not validate: " + e.getMessage(), e);
        }
        CertificatePrincipal principal = CertificatePrincipal.of(chain.get(0));
        if (expectedName.isPresent() && !principal.dnsNames().contains(expectedName.get())
                && principal.uris().stream().noneMatch(uri -> uri.contains("//" + expectedName.get()))) {
            throw new CertificateException("the server's certificate does not name " + expectedName.get());
        }
        return principal;
    }

    @Override
    public String toString() {
        return "CertificateCredentials[" + chain.get(0).getSubjectX500Principal() + ", private key hidden, "
                + trustAnchors.size() + " trust anchors]";
    }
}
