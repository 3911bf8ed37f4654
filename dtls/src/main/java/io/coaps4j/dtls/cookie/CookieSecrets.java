package io.coaps4j.dtls.cookie;

import io.coaps4j.dtls.crypto.RandomSource;

import java.util.Objects;

/**
 * The rotating secret behind stateless cookies (RFC 6347 section 4.2.1): a fresh random secret
 * every rotation period, the previous one still accepted so that a client caught by a rotation can
 * finish ("the server can have a limited window during which it accepts both secrets"). A cookie
 * is therefore valid for at least one and at most two periods. Time is the caller's monotonic
 * nanoseconds. Not thread-safe: one per event loop.
 */
public final class CookieSecrets {
    public static final int SECRET_LENGTH = 32;

    private final RandomSource random;
    private final long rotationPeriod;
    private byte[] current;
    private byte[] previous;
    private long nextRotation;

    public CookieSecrets(RandomSource random, java.time.Duration rotationPeriod, long now) {
        this.random = Objects.requireNonNull(random, "random");
        if (rotationPeriod.isNegative() || rotationPeriod.isZero()) {
            throw new IllegalArgumentException("rotationPeriod must be positive, was " + rotationPeriod);
        }
        this.rotationPeriod = rotationPeriod.toNanos();
        this.current = random.nextBytes(SECRET_LENGTH);
        this.previous = random.nextBytes(SECRET_LENGTH);
        this.nextRotation = now + this.rotationPeriod;
    }

    /** Rotates the secrets that are due at {@code now}: after two idle periods both are replaced. */
    void rotate(long now) {
        if (now < nextRotation) {
            return;
        }
        if (now >= nextRotation + rotationPeriod) {
            previous = random.nextBytes(SECRET_LENGTH);
        } else {
            previous = current;
        }
        current = random.nextBytes(SECRET_LENGTH);
        nextRotation = now + rotationPeriod;
    }

    byte[] current(long now) {
        rotate(now);
        return current;
    }

    byte[] previous(long now) {
        rotate(now);
        return previous;
    }

    /** When the next rotation is due. */
    public long nextRotation() {
        return nextRotation;
    }
}
