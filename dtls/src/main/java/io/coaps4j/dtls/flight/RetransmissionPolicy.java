package io.coaps4j.dtls.flight;

import java.time.Duration;
import java.util.Objects;

/**
 * The retransmission timer of RFC 6347 section 4.2.4.1: start at {@code initialTimeout} (1 s
 * recommended), double at each retransmission up to {@code maxTimeout} (60 s), and give up after
 * {@code maxRetransmissions}. {@code finishedRetention} is how long the sender of a handshake's last
 * flight keeps it to answer the peer's retransmissions (section 4.2.4, "at least twice the default
 * MSL"), unless the peer proves earlier that it got it.
 */
public record RetransmissionPolicy(Duration initialTimeout, Duration maxTimeout, int maxRetransmissions,
                                   Duration finishedRetention) {
    /** 1 s doubling to 60 s (RFC 6347 section 4.2.4.1), 6 retransmissions, last flight kept 4 minutes. */
    public static final RetransmissionPolicy DEFAULT = ofMillis(1_000, 60_000, 6, 240_000);

    public RetransmissionPolicy {
        Objects.requireNonNull(initialTimeout, "initialTimeout");
        Objects.requireNonNull(maxTimeout, "maxTimeout");
        Objects.requireNonNull(finishedRetention, "finishedRetention");
        if (initialTimeout.isNegative() || initialTimeout.isZero()) {
            throw new IllegalArgumentException("initialTimeout must be positive, was " + initialTimeout);
        }
        if (maxTimeout.compareTo(initialTimeout) < 0) {
            throw new IllegalArgumentException("maxTimeout must be at least initialTimeout (" + initialTimeout
                    + "), was " + maxTimeout);
        }
        if (maxRetransmissions < 0) {
            throw new IllegalArgumentException("maxRetransmissions must not be negative, was " + maxRetransmissions);
        }
        if (finishedRetention.isNegative()) {
            throw new IllegalArgumentException("finishedRetention must not be negative, was " + finishedRetention);
        }
    }

    /** The policy with its durations given in milliseconds. */
    public static RetransmissionPolicy ofMillis(long initialTimeout, long maxTimeout, int maxRetransmissions,
                                                long finishedRetention) {
        return new RetransmissionPolicy(Duration.ofMillis(initialTimeout), Duration.ofMillis(maxTimeout),
                maxRetransmissions, Duration.ofMillis(finishedRetention));
    }
}
