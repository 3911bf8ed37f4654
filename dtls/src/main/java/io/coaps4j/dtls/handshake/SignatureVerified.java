package io.coaps4j.dtls.handshake;

/**
 * Proof that the peer signed this handshake's content with the private key of a trusted key. Only
 * {@link PublicKeyVerifier} makes one.
 */
public final class SignatureVerified {
    private final PeerKeyTrusted key;

    SignatureVerified(PeerKeyTrusted key) {
        this.key = key;
    }

    /** The trusted key the signature verified with. */
    public PeerKeyTrusted key() {
        return key;
    }
}
