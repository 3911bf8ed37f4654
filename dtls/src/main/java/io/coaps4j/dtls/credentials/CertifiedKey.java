package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.EncodedKeys;
import io.coaps4j.dtls.crypto.PublicKeys;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One certificate chain this node presents and the private key of its first certificate (RFC 5246 section
 * 7.4.2: the node's own certificate first, each certified by the next; the root may be left out).
 *
 * @param privateKey the secp256r1 key of {@code chain.get(0)}
 * @param chain      this node's certificate first, then its issuers in order
 */
public record CertifiedKey(PrivateKey privateKey, List<X509Certificate> chain) {

    /**
     * @throws IllegalArgumentException when the key or the chain's first certificate is not on secp256r1, the key
     *                                  is not that certificate's, or the chain is empty or out of order
     */
    public CertifiedKey {
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
        if (!EncodedKeys.isKeyPair(privateKey, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException("privateKey is not the key of chain[0] ("
                    + chain.get(0).getSubjectX500Principal() + ")");
        }
    }

    /** This node's own certificate, {@code chain().get(0)}. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "CertifiedKey[" + certificate().getSubjectX500Principal() + ", " + chain.size()
                + " certificates, private key hidden]";
    }
}
