package io.coaps4j.dtls.config;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * Random ticket keys made in this process, a new one every {@code rotation}; the {@code previous} keys before it
 * still open tickets, older ones are retired (their tickets get a full handshake). Thread-safe.
 */
public final class RotatingTicketKeys implements TicketKeySource {
    private final long rotationMillis;
    private final int previous;
    private final SecureRandom random;
    /** Newest first; the first was made at {@link #madeAt}. */
    private final Deque<TicketKey> keys = new ArrayDeque<>();
    private long madeAt;

    /**
     * @param rotation how long a key seals tickets, at least one second
     * @param previous how many retired keys still open tickets, 0 or more
     */
    public RotatingTicketKeys(Duration rotation, int previous, SecureRandom random) {
        if (rotation.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ticket key rotation must be at least 1 s, was " + rotation);
        }
        if (previous < 0) {
            throw new IllegalArgumentException("previous ticket keys must be 0 or more, was " + previous);
        }
        this.rotationMillis = rotation.toMillis();
        this.previous = previous;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new key every hour, the one before still opens tickets. */
    public static RotatingTicketKeys hourly() {
        return new RotatingTicketKeys(Duration.ofHours(1), 1, new SecureRandom());
    }

    @Override
    public synchronized TicketKey current(long nowMillis) {
        rotate(nowMillis);
        return keys.getFirst();
    }

    @Override
    public synchronized Optional<TicketKey> find(byte[] name, long nowMillis) {
        rotate(nowMillis);
        for (TicketKey key : keys) {
            if (key.isNamed(name)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** One new key per whole rotation interval passed, so that a key idle for long is retired on time. */
    private void rotate(long nowMillis) {
        if (keys.isEmpty()) {
            addKey();
            madeAt = nowMillis;
            return;
        }
        long intervals = (nowMillis - madeAt) / rotationMillis;
        if (intervals <= 0) {
            return;
        }
        if (intervals > previous) {
            keys.clear();
            addKey();
            madeAt = nowMillis;
            return;
        }
        for (long i = 0; i < intervals; i++) {
            addKey();
        }
        madeAt += intervals * rotationMillis;
        while (keys.size() > previous + 1) {
            keys.removeLast();
        }
    }

    private void addKey() {
        byte[] name = new byte[TicketKey.NAME_LENGTH];
        byte[] secret = new byte[TicketKey.SECRET_LENGTH];
        random.nextBytes(name);
        random.nextBytes(secret);
        keys.addFirst(new TicketKey(name, secret));
        java.util.Arrays.fill(secret, (byte) 0);
    }

    @Override
    public String toString() {
        return "RotatingTicketKeys[every " + Duration.ofMillis(rotationMillis) + ", " + previous + " previous]";
    }
}
