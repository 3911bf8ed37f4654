package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.PublicKeys;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Set;

/**
 * The RawPublicKey mode's credentials (RFC 7252 section 9.1.3.2, RFC 7250): this node's secp256r1 key pair
 * and the public keys of the nodes it may communicate with (the access-control list the RFC asks for; a
 * peer whose key is not listed is refused). Validated here; the handshake for this mode is not implemented
 * yet, so a configuration holding these is refused by its {@code build()}.
 */
public record RawPublicKeyCredentials(PrivateKey privateKey, PublicKey publicKey, Set<PublicKey> trustedPeers)
        implements Credentials {

    /**
     * @throws IllegalArgumentException when a key is not on secp256r1 or no peer is trusted
     */
    public RawPublicKeyCredentials {
        PublicKeys.requireP256(privateKey, "privateKey");
        PublicKeys.requireP256(publicKey, "publicKey");
        Objects.requireNonNull(trustedPeers, "trustedPeers");
        trustedPeers = Set.copyOf(trustedPeers);
        if (trustedPeers.isEmpty()) {
            throw new IllegalArgumentException("trustedPeers must name at least one peer key (RFC 7252 section 9.1.3.2)");
        }
        for (PublicKey peer : trustedPeers) {
            PublicKeys.requireP256(peer, "trustedPeers");
        }
    }

    @Override
    public SecurityMode mode() {
        return SecurityMode.RAW_PUBLIC_KEY;
    }

    /** Whether {@code peerKey} is one of the trusted peers' keys. */
    public boolean trusts(PublicKey peerKey) {
        return trustedPeers.contains(peerKey);
    }

    @Override
    public String toString() {
        return "RawPublicKeyCredentials[" + new RawPublicKeyPrincipal(publicKey).getName() + ", private key hidden, "
                + trustedPeers.size() + " trusted peers]";
    }
}
