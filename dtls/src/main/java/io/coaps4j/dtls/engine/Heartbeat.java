package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.handshake.HeartbeatNegotiation;

/**
 * What a connection's negotiated heartbeat extension allows (RFC 6520 section 2): whether this side may send
 * HeartbeatRequests and whether it answers the peer's. Immutable and shared: four instances serve every
 * connection, so an idle session pays one byte for it ({@link #code()}); the request in flight is a
 * {@link HeartbeatRequest} of its own, which exists only while it flies.
 */
final class Heartbeat {
    private static final Heartbeat[] SHARED = {
        new Heartbeat(false, false), new Heartbeat(false, true), new Heartbeat(true, false), new Heartbeat(true, true)};

    private final boolean maySend;
    private final boolean answers;

    private Heartbeat(boolean maySend, boolean answers) {
        this.maySend = maySend;
        this.answers = answers;
    }

    /** The shared instance for {@code agreement}. */
    static Heartbeat of(HeartbeatNegotiation.Agreement agreement) {
        return SHARED[(agreement.maySend() ? 2 : 0) + (agreement.answers() ? 1 : 0)];
    }

    /** The shared instance of {@link #code()}, or null for a negative code (no heartbeat negotiated). */
    static Heartbeat ofCode(int code) {
        return code < 0 ? null : SHARED[code];
    }

    /** A small number naming this instance, for a connection to keep in a byte rather than a reference. */
    byte code() {
        return (byte) ((maySend ? 2 : 0) + (answers ? 1 : 0));
    }

    /** Whether the peer allows this side to send requests (it said peer_allowed_to_send). */
    boolean maySend() {
        return maySend;
    }

    /** Whether this side answers the peer's requests (it said peer_allowed_to_send). */
    boolean answers() {
        return answers;
    }
}
