package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import io.coaps4j.dtls.handshake.HeartbeatNegotiation;

import java.security.MessageDigest;

/**
 * The heartbeat of one established connection whose handshake negotiated the extension (RFC 6520): what
 * the two modes allow, and the one HeartbeatRequest that may be in flight ("There MUST NOT be more than one
 * HeartbeatRequest message in flight at a time", section 3) with its retransmission timer, the DTLS flight
 * timer of RFC 6347 section 4.2.4.1 (start at the initial timeout, double up to the maximum). Idle, it holds
 * two flags and no arrays. Not thread-safe; the connection owns it.
 */
final class Heartbeat {
    /** Random payload bytes per request: enough that a stale or forged response cannot match by chance. */
    static final int PAYLOAD_LENGTH = 16;

    /** What a timer expiry means. */
    enum Expiry { NOTHING, RETRANSMIT, DEAD }

    private final boolean maySend;
    private final boolean answers;
    /** The payload of the request in flight, or null. */
    private byte[] payload;
    private long firstSent;
    private long deadline = DtlsResult.NO_DEADLINE;
    private long timeout;
    private int retransmissions;

    Heartbeat(HeartbeatNegotiation.Agreement agreement) {
        this.maySend = agreement.maySend();
        this.answers = agreement.answers();
    }

    /** Whether the peer allows this side to send requests (it said peer_allowed_to_send). */
    boolean maySend() {
        return maySend;
    }

    /** Whether this side answers the peer's requests (it said peer_allowed_to_send). */
    boolean answers() {
        return answers;
    }

    boolean inFlight() {
        return payload != null;
    }

    /** When the request in flight is to be retransmitted or given up, or {@link DtlsResult#NO_DEADLINE}. */
    long deadline() {
        return deadline;
    }

    /** Starts a request at {@code now}; returns its wire form. The caller checked {@link #maySend} and {@link #inFlight}. */
    byte[] start(long now, RetransmissionPolicy policy, RandomSource random) {
        payload = random.nextBytes(PAYLOAD_LENGTH);
        firstSent = now;
        retransmissions = 0;
        timeout = policy.initialTimeout().toNanos();
        deadline = now + timeout;
        return request(random);
    }

    /**
     * The timer fired at {@code now}: the request is due again (its padding fresh), or, after
     * {@code maxRetransmissions} unanswered retransmissions, the peer is to be declared dead (section 3:
     * "the DTLS connection SHOULD be terminated").
     */
    Expiry onTimer(long now, RetransmissionPolicy policy, int maxRetransmissions) {
        if (payload == null || now < deadline) {
            return Expiry.NOTHING;
        }
        if (retransmissions >= maxRetransmissions) {
            stop();
            return Expiry.DEAD;
        }
        retransmissions++;
        timeout = Math.min(2 * timeout, policy.maxTimeout().toNanos());
        deadline = now + timeout;
        return Expiry.RETRANSMIT;
    }

    /** The request in flight again, with fresh padding. */
    byte[] request(RandomSource random) {
        return new HeartbeatMessage(HeartbeatMessage.REQUEST, payload).encode(random);
    }

    /**
     * A response arrived: when it carries the payload in flight (compared in constant time), the timer stops
     * and the time since the first transmission is returned; otherwise -1, and it is to be dropped (section 4:
     * "If a received HeartbeatResponse message does not contain the expected payload, the message MUST be
     * discarded silently").
     */
    long answered(byte[] received, long now) {
        if (payload == null || !MessageDigest.isEqual(payload, received)) {
            return -1;
        }
        stop();
        return now - firstSent;
    }

    /** No request in flight any more: the timer stops. */
    void stop() {
        payload = null;
        deadline = DtlsResult.NO_DEADLINE;
    }
}
