package io.coaps4j.dtls.crypto;

/**
 * The AEAD algorithms a cipher suite can use, with the sizes the TLS 1.2 record construction needs
 * (RFC 5246 section 6.2.3.3): the fixed (implicit) part of the nonce comes from the key block, the explicit
 * part travels in each record.
 */
public enum AeadAlgorithm {
    /** AES-128 in CCM mode with an 8-byte tag (RFC 6655 section 3, L = 3, 12-byte nonce). */
    AES_128_CCM_8(16, 4, 8, 8);

    private final int keyLength;
    private final int fixedIvLength;
    private final int explicitNonceLength;
    private final int tagLength;

    AeadAlgorithm(int keyLength, int fixedIvLength, int explicitNonceLength, int tagLength) {
        this.keyLength = keyLength;
        this.fixedIvLength = fixedIvLength;
        this.explicitNonceLength = explicitNonceLength;
        this.tagLength = tagLength;
    }

    /** Bytes of the encryption key. */
    public int keyLength() {
        return keyLength;
    }

    /** Bytes of the implicit nonce part taken from the key block (client/server_write_IV). */
    public int fixedIvLength() {
        return fixedIvLength;
    }

    /** Bytes of the nonce part sent in each record before the ciphertext. */
    public int explicitNonceLength() {
        return explicitNonceLength;
    }

    /** Bytes of the nonce handed to the AEAD: implicit part plus explicit part. */
    public int nonceLength() {
        return fixedIvLength + explicitNonceLength;
    }

    /** Bytes of the authentication tag appended to the ciphertext. */
    public int tagLength() {
        return tagLength;
    }

    /** Bytes a record fragment grows by when protected: explicit nonce plus tag. */
    public int expansion() {
        return explicitNonceLength + tagLength;
    }
}
