package io.coaps4j.dtls.crypto;

/** The signature algorithms of the handshake, as SignatureAndHashAlgorithm pairs (RFC 5246 section 7.4.1.4.1). */
public enum SignatureAlgorithm {
    /** ecdsa(3) with sha256(4): what TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 uses on secp256r1 (RFC 7251 section 2). */
    ECDSA_SHA256(4, 3);

    private final int hash;
    private final int signature;

    SignatureAlgorithm(int hash, int signature) {
        this.hash = hash;
        this.signature = signature;
    }

    /** The HashAlgorithm code. */
    public int hashAlgorithmCode() {
        return hash;
    }

    /** The SignatureAlgorithm code. */
    public int signatureAlgorithmCode() {
        return signature;
    }
}
