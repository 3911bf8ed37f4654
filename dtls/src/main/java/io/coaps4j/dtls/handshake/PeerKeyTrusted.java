package io.coaps4j.dtls.handshake;

import java.security.Principal;
import java.security.PublicKey;

/**
 * Proof that the peer's public key is one this endpoint trusts (a listed raw public key, RFC 7252 section
 * 9.1.3.2; later a certificate chain to a trust anchor), with the principal the key stands for. Only
 * {@link PublicKeyVerifier} makes one; it proves nothing about possession of the private key, which
 * {@link SignatureVerified} adds.
 */
public final class PeerKeyTrusted {
    private final PublicKey key;
    private final Principal principal;

    PeerKeyTrusted(PublicKey key, Principal principal) {
        this.key = key;
        this.principal = principal;
    }

    public PublicKey key() {
        return key;
    }

    public Principal principal() {
        return principal;
    }
}
