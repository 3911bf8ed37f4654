package io.coaps4j.coaps;

import java.time.Duration;
import java.util.Objects;

/**
 * The dead-peer check of a {@link DtlsConnector}: a session from which nothing has been received
 * for {@link #idle()} gets an RFC 6520 HeartbeatRequest where the session negotiated heartbeats and the
 * peer allows them, retransmitted on the DTLS timer ({@code DtlsConfig.retransmission},
 * {@code heartbeatRetransmissions}); otherwise a CoAP ping (an empty CON, RFC 7252 section 4.3) in that
 * session, retransmitted like any CON, after {@link #ackTimeout()} doubling each time, at most
 * {@link #maxRetransmit()} times. Any record the peer sends (the heartbeat's response, the RST a ping asks
 * for) proves it alive; when the last wait passes in silence the session is closed with close_notify and
 * its pending exchanges fail.
 *
 * <p>oneM2M TS-0008 clause 7 asks to keep DTLS sessions up as long as possible and to find out
 * whether a peer is still alive: the heartbeat does it at the DTLS level, without reaching CoAP; CoAP ping
 * is what RFC 7252 itself offers and what every CoAP peer answers. Disabled by default: a constrained
 * peer may prefer to sleep.
 */
public final class KeepAlive {
    private static final KeepAlive DISABLED = new KeepAlive(null, Duration.ZERO, 0);
    /** ACK_TIMEOUT of RFC 7252 section 4.8. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(2);
    /** MAX_RETRANSMIT of RFC 7252 section 4.8. */
    public static final int DEFAULT_MAX_RETRANSMIT = 4;
    private static final int MAX_RETRANSMIT_LIMIT = 20;

    private final Duration idle;
    private final Duration ackTimeout;
    private final int maxRetransmit;

    private KeepAlive(Duration idle, Duration ackTimeout, int maxRetransmit) {
        this.idle = idle;
        this.ackTimeout = ackTimeout;
        this.maxRetransmit = maxRetransmit;
    }

    /** No pings: sessions stay until closed by either side or by the session limits. */
    public static KeepAlive disabled() {
        return DISABLED;
    }

    /** Pings a session idle for {@code idle}, with RFC 7252's ACK_TIMEOUT (2 s) and MAX_RETRANSMIT (4). */
    public static KeepAlive afterIdle(Duration idle) {
        return of(idle, DEFAULT_ACK_TIMEOUT, DEFAULT_MAX_RETRANSMIT);
    }

    /** Pings a session idle for {@code idle}; retransmits after {@code ackTimeout}, doubling, {@code maxRetransmit} times. */
    public static KeepAlive of(Duration idle, Duration ackTimeout, int maxRetransmit) {
        requirePositive(idle, "idle");
        requirePositive(ackTimeout, "ackTimeout");
        if (maxRetransmit < 0 || maxRetransmit > MAX_RETRANSMIT_LIMIT) {
            throw new IllegalArgumentException("maxRetransmit must be 0.." + MAX_RETRANSMIT_LIMIT + ", was " + maxRetransmit);
        }
        return new KeepAlive(idle, ackTimeout, maxRetransmit);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value);
        }
    }

    public boolean enabled() {
        return idle != null;
    }

    /** Quiet time before a ping; only meaningful when {@link #enabled()}. */
    public Duration idle() {
        if (idle == null) {
            throw new IllegalStateException("keep-alive is disabled: it has no idle time");
        }
        return idle;
    }

    public Duration ackTimeout() {
        return ackTimeout;
    }

    public int maxRetransmit() {
        return maxRetransmit;
    }

    /** The longest a dead peer goes unnoticed after its last record: idle plus every wait for an answer. */
    public Duration detectionTime() {
        if (idle == null) {
            throw new IllegalStateException("keep-alive is disabled: dead peers are not detected");
        }
        return idle.plus(ackTimeout.multipliedBy((1L << (maxRetransmit + 1)) - 1));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeepAlive that && Objects.equals(idle, that.idle)
                && ackTimeout.equals(that.ackTimeout) && maxRetransmit == that.maxRetransmit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(idle, ackTimeout, maxRetransmit);
    }

    @Override
    public String toString() {
        return idle == null ? "KeepAlive[disabled]"
                : "KeepAlive[idle " + idle + ", ackTimeout " + ackTimeout + ", maxRetransmit " + maxRetransmit + "]";
    }
}
