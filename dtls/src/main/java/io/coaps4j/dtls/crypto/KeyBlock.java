package io.coaps4j.dtls.crypto;

import java.util.Objects;

/**
 * The keys and implicit nonces cut from the TLS 1.2 key block of an AEAD suite (RFC 5246 section 6.3):
 * no MAC keys, then client_write_key, server_write_key, client_write_IV, server_write_IV.
 * Accessors return copies.
 */
public final class KeyBlock {
    private final AeadAlgorithm algorithm;
    private final byte[] clientWriteKey;
    private final byte[] serverWriteKey;
    private final byte[] clientWriteIv;
    private final byte[] serverWriteIv;

    public KeyBlock(AeadAlgorithm algorithm, byte[] clientWriteKey, byte[] serverWriteKey,
                    byte[] clientWriteIv, byte[] serverWriteIv) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.clientWriteKey = checked("clientWriteKey", clientWriteKey, algorithm.keyLength());
        this.serverWriteKey = checked("serverWriteKey", serverWriteKey, algorithm.keyLength());
        this.clientWriteIv = checked("clientWriteIv", clientWriteIv, algorithm.fixedIvLength());
        this.serverWriteIv = checked("serverWriteIv", serverWriteIv, algorithm.fixedIvLength());
    }

    /** Cuts a key block of {@link #length(AeadAlgorithm)} bytes as RFC 5246 section 6.3 orders it. */
    public static KeyBlock split(AeadAlgorithm algorithm, byte[] keyBlock) {
        if (keyBlock.length != length(algorithm)) {
            throw new IllegalArgumentException("key block must be " + length(algorithm) + " bytes for "
                    + algorithm + ", was " + keyBlock.length);
        }
        int k = algorithm.keyLength();
        int iv = algorithm.fixedIvLength();
        return new KeyBlock(algorithm,
                java.util.Arrays.copyOfRange(keyBlock, 0, k),
                java.util.Arrays.copyOfRange(keyBlock, k, 2 * k),
                java.util.Arrays.copyOfRange(keyBlock, 2 * k, 2 * k + iv),
                java.util.Arrays.copyOfRange(keyBlock, 2 * k + iv, 2 * k + 2 * iv));
    }

    /** Bytes of key block an AEAD suite needs: two keys and two implicit nonces. */
    public static int length(AeadAlgorithm algorithm) {
        return 2 * algorithm.keyLength() + 2 * algorithm.fixedIvLength();
    }

    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    public byte[] clientWriteKey() {
        return clientWriteKey.clone();
    }

    public byte[] serverWriteKey() {
        return serverWriteKey.clone();
    }

    public byte[] clientWriteIv() {
        return clientWriteIv.clone();
    }

    public byte[] serverWriteIv() {
        return serverWriteIv.clone();
    }

    /** The key {@code end} encrypts with. */
    public byte[] writeKey(ConnectionEnd end) {
        return end == ConnectionEnd.CLIENT ? clientWriteKey() : serverWriteKey();
    }

    /** The implicit nonce {@code end} encrypts with. */
    public byte[] writeIv(ConnectionEnd end) {
        return end == ConnectionEnd.CLIENT ? clientWriteIv() : serverWriteIv();
    }

    @Override
    public String toString() {
        return "KeyBlock[" + algorithm + ", keys hidden]";
    }

    private static byte[] checked(String name, byte[] value, int length) {
        Objects.requireNonNull(value, name);
        if (value.length != length) {
            throw new IllegalArgumentException(name + " must be " + length + " bytes, was " + value.length);
        }
        return value.clone();
    }
}
