package io.coaps4j.dtls.crypto;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Where the DTLS engine takes its random bytes (client/server random, cookies secrets, ephemeral keys).
 * Injected so that a handshake can be replayed deterministically in tests; production code uses
 * {@link #secure()}.
 */
@FunctionalInterface
public interface RandomSource {

    /** Fills {@code length} bytes of {@code target} at {@code offset} with random bytes. */
    void nextBytes(byte[] target, int offset, int length);

    /** A new array of {@code length} random bytes. */
    default byte[] nextBytes(int length) {
        byte[] bytes = new byte[length];
        nextBytes(bytes, 0, length);
        return bytes;
    }

    /** The platform's default strong source. */
    static RandomSource secure() {
        return of(new SecureRandom());
    }

    /** Random bytes from {@code random}. */
    static RandomSource of(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return (target, offset, length) -> {
            Objects.checkFromIndexSize(offset, length, target.length);
            if (offset == 0 && length == target.length) {
                random.nextBytes(target);
            } else {
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                System.arraycopy(bytes, 0, target, offset, length);
            }
        };
    }
}
