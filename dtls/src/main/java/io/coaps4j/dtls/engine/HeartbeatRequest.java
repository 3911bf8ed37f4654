package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.flight.RetransmissionPolicy;

import java.security.MessageDigest;

/**
 * The one HeartbeatRequest of a connection that may be in flight ("There MUST NOT be more than one
 * HeartbeatRequest message in flight at a time", RFC 6520 section 3), with its retransmission timer: the DTLS
 * flight timer of RFC 6347 section 4.2.4.1 (start at the initial timeout, double up to the maximum). Made when
 * the request is sent, dropped when it is answered or given up. Not thread-safe; the connection owns it.
 */
final class HeartbeatRequest {
    /** Random payload bytes per request: enough that a stale or forged response cannot match by chance. */
    static final int PAYLOAD_LENGTH = 16;

    /** What a timer expiry means. */
    enum Expiry { NOTHING, RETRANSMIT, DEAD }

    private final byte[] payload;
    private final long firstSent;
    private long deadline;
    private long timeout;
    private int retransmissions;

    private HeartbeatRequest(byte[] payload, long now, long timeout) {
        this.payload = payload;
        this.firstSent = now;
        this.timeout = timeout;
        this.deadline = now + timeout;
    }

    /** A new request sent at {@code now}, its payload from {@code random}. */
    static HeartbeatRequest start(long now, RetransmissionPolicy policy, RandomSource random) {
        return new HeartbeatRequest(random.nextBytes(PAYLOAD_LENGTH), now, policy.initialTimeout().toNanos());
    }

    /** When the request is to be retransmitted or given up. */
    long deadline() {
        return deadline;
    }

    /**
     * The timer fired at {@code now}: the request is due again, or, after {@code maxRetransmissions} unanswered
     * retransmissions, the peer is to be declared dead (section 3: "the DTLS connection SHOULD be terminated").
     */
    Expiry onTimer(long now, RetransmissionPolicy policy, int maxRetransmissions) {
        if (now < deadline) {
            return Expiry.NOTHING;
        }
        if (retransmissions >= maxRetransmissions) {
            return Expiry.DEAD;
        }
        retransmissions++;
        timeout = Math.min(2 * timeout, policy.maxTimeout().toNanos());
        deadline = now + timeout;
        return Expiry.RETRANSMIT;
    }

    /** The request's wire form, with fresh random padding for each transmission. */
    byte[] encode(RandomSource random) {
        return new HeartbeatMessage(HeartbeatMessage.REQUEST, payload).encode(random);
    }

    /**
     * Whether a response carries this request's payload (compared in constant time). One that does not is
     * to be dropped (section 4: "If a received HeartbeatResponse message does not contain the expected payload,
     * the message MUST be discarded silently").
     */
    boolean answeredBy(byte[] received) {
        return MessageDigest.isEqual(payload, received);
    }

    /** The time from the first transmission to {@code now}. */
    long roundTrip(long now) {
        return now - firstSent;
    }
}
