package io.coaps4j.dtls.crypto;

import java.util.Objects;

/**
 * The crypto objects of one thread or event loop: AEAD, PRF and HMAC instances keyed per call, the random
 * source, and scratch buffers for record protection. Sessions hold only key bytes and borrow these objects
 * for the duration of one call, so an idle session owns no JCA object. Not thread-safe: one per loop.
 */
public final class CryptoContext {
    private final RandomSource random;
    private final AesCcm aesCcm8;
    private final HmacSha256Prf prf = new HmacSha256Prf();
    private final HmacSha256 hmac = new HmacSha256();
    /** For one-shot hashes (a transcript's hash at a Finished): spares a provider lookup per hash. */
    private final HandshakeHash sha256 = HandshakeHash.sha256();
    private final byte[] recordNonce = new byte[AeadAlgorithm.AES_128_CCM_8.nonceLength()];
    private final byte[] recordAad = new byte[13];

    public CryptoContext(RandomSource random) {
        this(random, AesCcm.DEFAULT_KEY_CACHE_SIZE);
    }

    /**
     * @param keyCacheSize how many keyed AES ciphers to keep (a power of two); two per busy session spare the
     *                     key schedule on every record, see {@link AesCcm#AesCcm(int, int, int)}
     */
    public CryptoContext(RandomSource random, int keyCacheSize) {
        this.random = Objects.requireNonNull(random, "random");
        this.aesCcm8 = new AesCcm(8, 3, keyCacheSize);
    }

    /** A context drawing randomness from the platform's strong source. */
    public static CryptoContext create() {
        return new CryptoContext(RandomSource.secure());
    }

    /** This context's instance of {@code algorithm}. */
    public Aead aead(AeadAlgorithm algorithm) {
        switch (algorithm) {
            case AES_128_CCM_8:
                return aesCcm8;
            default:
                throw new IllegalArgumentException("no AEAD implementation for " + algorithm);
        }
    }

    /** The TLS 1.2 PRF (P_SHA256) of every supported suite. */
    public Prf prf() {
        return prf;
    }

    /** This context's HMAC-SHA256, e.g. for cookies; one computation at a time. */
    public HmacSha256 hmacSha256() {
        return hmac;
    }

    /** SHA-256 of {@code length} bytes of {@code data} at {@code offset}, with this context's digest. */
    public byte[] sha256(byte[] data, int offset, int length) {
        return sha256.hashOnce(data, offset, length);
    }

    /** A new, empty handshake transcript. */
    public HandshakeHash newHandshakeHash() {
        return HandshakeHash.sha256();
    }

    public RandomSource random() {
        return random;
    }

    /** Scratch for the AEAD nonce of one record; its content is valid only until the next record. */
    public byte[] recordNonceBuffer() {
        return recordNonce;
    }

    /** Scratch for the 13-byte additional data of one record (RFC 5246 section 6.2.3.3). */
    public byte[] recordAadBuffer() {
        return recordAad;
    }
}
