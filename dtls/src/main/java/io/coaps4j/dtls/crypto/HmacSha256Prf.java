package io.coaps4j.dtls.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code PRF(secret, label, seed) = P_SHA256(secret, label + seed)} (RFC 5246 section 5), the PRF of every
 * TLS 1.2 cipher suite this implementation supports. One JCA {@link Mac} per instance; not thread-safe.
 */
public final class HmacSha256Prf implements Prf {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    private final Mac mac;
    private final byte[] a = new byte[HASH_LENGTH];
    private final byte[] block = new byte[HASH_LENGTH];

    public HmacSha256Prf() {
        try {
            mac = Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java platform must provide " + ALGORITHM, e);
        }
    }

    @Override
    public byte[] compute(byte[] secret, String label, byte[] seed, int length) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(seed, "seed");
        if (secret.length == 0) {
            throw new IllegalArgumentException("PRF secret must not be empty");
        }
        if (length < 0) {
            throw new IllegalArgumentException("PRF output length must not be negative, was " + length);
        }
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[length];
        try {
            // Reset first: SunJCE hashes secrets longer than 64 bytes with the digest as it stands.
            mac.reset();
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            // A(1) = HMAC(secret, label + seed)
            mac.update(labelBytes);
            mac.update(seed);
            mac.doFinal(a, 0);
            int written = 0;
            while (written < length) {
                // output block = HMAC(secret, A(i) + label + seed)
                mac.update(a);
                mac.update(labelBytes);
                mac.update(seed);
                mac.doFinal(block, 0);
                int n = Math.min(HASH_LENGTH, length - written);
                System.arraycopy(block, 0, out, written, n);
                written += n;
                if (written < length) {
                    // A(i+1) = HMAC(secret, A(i))
                    mac.update(a);
                    mac.doFinal(a, 0);
                }
            }
        } catch (InvalidKeyException | ShortBufferException e) {
            throw new IllegalStateException("HMAC-SHA256 refused a PRF step", e);
        }
        return out;
    }
}
