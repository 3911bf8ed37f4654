package io.coaps4j.dtls.credentials;

import java.util.Objects;

/**
 * A pre-shared key: 1 to 64 bytes (RFC 4279 section 5.3 sets 64 as the length every implementation
 * supports). The bytes never appear in {@code toString}, logs or exceptions.
 */
public final class PreSharedKey {
    public static final int MAX_LENGTH = 64;

    private final byte[] key;

    private PreSharedKey(byte[] key) {
        this.key = key;
    }

    /** A key holding a copy of {@code key}. */
    public static PreSharedKey of(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("pre-shared key must not be empty");
        }
        if (key.length > MAX_LENGTH) {
            throw new IllegalArgumentException("pre-shared key must be at most " + MAX_LENGTH
                    + " bytes (RFC 4279 section 5.3), was " + key.length);
        }
        return new PreSharedKey(key.clone());
    }

    /** A copy of the key bytes, for the key schedule. */
    public byte[] bytes() {
        return key.clone();
    }

    public int length() {
        return key.length;
    }

    @Override
    public String toString() {
        return "PreSharedKey[" + key.length + " bytes, hidden]";
    }
}
