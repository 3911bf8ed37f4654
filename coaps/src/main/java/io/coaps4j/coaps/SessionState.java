package io.coaps4j.coaps;

/**
 * What the binding keeps per established session, in either DTLS role, hung on the connection handle
 * ({@link io.coaps4j.dtls.engine.DtlsConnection#attach}): its peer (one object per session, so the
 * per-message path allocates none), when the peer was last heard, the last CON message ID sent, and the
 * keep-alive's ping. Event-loop thread only.
 *
 * <p>One lives as long as each idle session, so it is kept to 32 bytes: the time field serves as
 * "last heard" while no ping is unanswered and as the ping's deadline while one is (an answer ends
 * the ping and is the new "last heard"), and the ping's timeout is derived from its retransmission
 * count.
 */
final class SessionState {
    private static final int NONE = -1;
    private static final int MID_MASK = 0xFFFF;
    private static final int RETRANSMISSIONS_SHIFT = 16;

    final SecurePeer peer;
    /** When the peer was last heard while no ping is unanswered; the ping's deadline while one is. */
    private long time;
    private int lastConMid = NONE;
    /** The unanswered ping: its message ID in the low 16 bits, its retransmissions above them; -1 when none. */
    private int ping = NONE;

    SessionState(SecurePeer peer, long now) {
        this.peer = peer;
        this.time = now;
    }

    /** Notes a CoAP message the peer sent in this session; true when it only answers our ping and goes no further. */
    boolean received(byte[] message, long now) {
        time = now;
        if (ping == NONE) {
            return false;
        }
        int answered = ping & MID_MASK;
        ping = NONE; // any record of the peer in this session proves it alive
        return CoapPing.isResetFor(message, answered);
    }

    /** Notes a CoAP message sent in this session. */
    void sent(byte[] message) {
        int messageId = CoapPing.confirmableMessageId(message);
        if (messageId >= 0) {
            lastConMid = messageId;
        }
    }

    /** When the peer was last heard; meaningful while no ping is unanswered. */
    long lastReceived() {
        return time;
    }

    /** The message ID of the last CON sent in this session, or -1. */
    int lastConMid() {
        return lastConMid;
    }

    /** The message ID of the unanswered keep-alive ping, or -1. */
    int pingMid() {
        return ping == NONE ? NONE : ping & MID_MASK;
    }

    /** How often the unanswered ping was retransmitted. */
    int pingRetransmissions() {
        return ping == NONE ? 0 : ping >>> RETRANSMISSIONS_SHIFT;
    }

    /** When the unanswered ping is next due for retransmission or declares the peer dead. */
    long pingDeadline() {
        return time;
    }

    /** A ping with {@code messageId} goes out now; it waits until {@code deadline}. */
    void pingSent(int messageId, long deadline) {
        ping = messageId & MID_MASK;
        time = deadline;
    }

    /** The unanswered ping goes out once more; it waits until {@code deadline}. */
    void pingRetransmitted(long deadline) {
        ping += 1 << RETRANSMISSIONS_SHIFT;
        time = deadline;
    }
}
