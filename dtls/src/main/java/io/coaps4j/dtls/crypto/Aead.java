package io.coaps4j.dtls.crypto;

/**
 * Authenticated encryption with associated data, keyed per call so that one instance can serve every
 * session of a thread (sessions keep only key bytes, never cipher objects).
 *
 * <p>Instances are not thread-safe: each thread or event loop uses its own, normally through
 * {@link CryptoContext#aead(AeadAlgorithm)}.
 */
public interface Aead {

    int keyLength();

    int nonceLength();

    int tagLength();

    /**
     * Encrypts {@code length} bytes of {@code plaintext} at {@code offset} and writes ciphertext followed by the
     * tag into {@code out} at {@code outOffset}; returns the bytes written ({@code length + tagLength()}).
     * {@code out} may be the input array only when the output does not start after the input.
     *
     * @throws IllegalArgumentException when the key or nonce has the wrong length or a range is out of bounds
     */
    int seal(byte[] key, byte[] nonce, byte[] aad, int aadOffset, int aadLength,
             byte[] plaintext, int offset, int length, byte[] out, int outOffset);

    /**
     * Checks the tag of {@code length} bytes of ciphertext-and-tag at {@code offset} and, when it verifies,
     * writes the {@code length - tagLength()} plaintext bytes into {@code out} at {@code outOffset}.
     * The tag is compared in constant time. When the tag is wrong nothing meaningful is written and the
     * method returns {@code false}: bad tags come from the network and are not exceptional.
     *
     * @throws IllegalArgumentException when the key or nonce has the wrong length, a range is out of bounds
     *                                  or {@code length} is shorter than the tag
     */
    boolean open(byte[] key, byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                 byte[] ciphertext, int offset, int length, byte[] out, int outOffset);

    /**
     * As {@link #seal(byte[], byte[], byte[], int, int, byte[], int, int, byte[], int)} with the key the
     * {@link #keyLength()} bytes of {@code keys} at {@code keyOffset}: a session keeps its keys in one array.
     */
    int seal(byte[] keys, int keyOffset, byte[] nonce, byte[] aad, int aadOffset, int aadLength,
             byte[] plaintext, int offset, int length, byte[] out, int outOffset);

    /**
     * As {@link #open(byte[], byte[], byte[], int, int, byte[], int, int, byte[], int)} with the key the
     * {@link #keyLength()} bytes of {@code keys} at {@code keyOffset}.
     */
    boolean open(byte[] keys, int keyOffset, byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                 byte[] ciphertext, int offset, int length, byte[] out, int outOffset);
}
