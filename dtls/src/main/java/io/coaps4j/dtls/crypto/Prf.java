package io.coaps4j.dtls.crypto;

/**
 * The TLS 1.2 pseudo-random function (RFC 5246 section 5): {@code PRF(secret, label, seed)}, expanded to
 * any length. The TLS constructions built on it live in {@link KeyDerivation}.
 *
 * <p>Instances may hold a MAC object and are not thread-safe; see {@link CryptoContext#prf()}.
 */
public interface Prf {

    /**
     * The first {@code length} bytes of {@code PRF(secret, label, seed)}, where the label is its ASCII
     * bytes without a terminating zero.
     *
     * @throws IllegalArgumentException when {@code secret} is empty or {@code length} is negative
     */
    byte[] compute(byte[] secret, String label, byte[] seed, int length);
}
