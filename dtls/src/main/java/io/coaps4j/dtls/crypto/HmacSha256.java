package io.coaps4j.dtls.crypto;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 keyed per computation, for MACs outside the PRF such as stateless cookies
 * (RFC 6347 section 4.2.1). One JCA {@link Mac} per instance; not thread-safe, see
 * {@link CryptoContext#hmacSha256()}. Compare results with {@link java.security.MessageDigest#isEqual}.
 */
public final class HmacSha256 {
    public static final int LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac mac;

    public HmacSha256() {
        try {
            mac = Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java platform must provide " + ALGORITHM, e);
        }
    }

    /** Starts a MAC with {@code key}, dropping any computation in progress. */
    public HmacSha256 start(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("HMAC key must not be empty");
        }
        try {
            // SunJCE hashes a key longer than 64 bytes with the digest as it stands, so an abandoned
            // computation would leak into the key: reset first.
            mac.reset();
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 refused a " + key.length + "-byte key", e);
        }
        return this;
    }

    public HmacSha256 update(byte[] data, int offset, int length) {
        mac.update(data, offset, length);
        return this;
    }

    public HmacSha256 update(byte[] data) {
        mac.update(data);
        return this;
    }

    public HmacSha256 update(byte value) {
        mac.update(value);
        return this;
    }

    /** The 32-byte MAC of everything added since {@link #start}. */
    public byte[] finish() {
        return mac.doFinal();
    }
}
