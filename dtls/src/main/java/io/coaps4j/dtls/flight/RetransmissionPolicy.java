package io.coaps4j.dtls.flight;

/**
 * The retransmission timer of RFC 6347 section 4.2.4.1: start at {@code initialTimeoutMillis}
 * (1 s recommended), double at each retransmission up to {@code maxTimeoutMillis} (60 s), and give
 * up after {@code maxRetransmissions}. {@code finishedRetentionMillis} is how long the sender of a
 * handshake's last flight keeps it to answer the peer's retransmissions (section 4.2.4, "at least
 * twice the default MSL"), unless the peer proves earlier that it got it.
 */
public record RetransmissionPolicy(long initialTimeoutMillis, long maxTimeoutMillis, int maxRetransmissions,
                                   long finishedRetentionMillis) {
    /** 1 s doubling to 60 s (RFC 6347 section 4.2.4.1), 6 retransmissions, last flight kept 4 minutes. */
    public static final RetransmissionPolicy DEFAULT = new RetransmissionPolicy(1_000, 60_000, 6, 240_000);

    public RetransmissionPolicy {
        if (initialTimeoutMillis <= 0) {
            throw new IllegalArgumentException("initialTimeoutMillis must be positive, was " + initialTimeoutMillis);
        }
        if (maxTimeoutMillis < initialTimeoutMillis) {
            throw new IllegalArgumentException("maxTimeoutMillis must be at least initialTimeoutMillis ("
                    + initialTimeoutMillis + "), was " + maxTimeoutMillis);
        }
        if (maxRetransmissions < 0) {
            throw new IllegalArgumentException("maxRetransmissions must not be negative, was " + maxRetransmissions);
        }
        if (finishedRetentionMillis < 0) {
            throw new IllegalArgumentException("finishedRetentionMillis must not be negative, was " + finishedRetentionMillis);
        }
    }
}
