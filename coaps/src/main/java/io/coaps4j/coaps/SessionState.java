package io.coaps4j.coaps;

/**
 * What the binding keeps per established session, in either DTLS role, hung on the connection handle
 * ({@link io.coaps4j.dtls.engine.DtlsConnection#attach}): its peer (one object per session, so the
 * per-message path allocates none), when the peer was last heard, and where the keep-alive stands. The
 * keep-alive's ping itself (message ID, retransmissions) belongs to the CoAP engine
 * ({@link io.coaps4j.coap.endpoint.ConnectorSink#ping}): the binding never reads or writes CoAP.
 * Event-loop thread only. One lives as long as each idle session, so it holds two times and the peer.
 */
final class SessionState {
    /** {@link #ping}: no ping asked for. */
    private static final long NONE = -1;
    /** {@link #ping}: the peer stayed silent through the engine's ping: the session is to be closed. */
    private static final long DEAD = -2;

    final SecurePeer peer;
    /** When the peer was last heard in this session (engine time). */
    private long lastReceived;
    /** When the unanswered ping was asked for, or {@link #NONE} or {@link #DEAD}. */
    private long ping = NONE;

    SessionState(SecurePeer peer, long now) {
        this.peer = peer;
        this.lastReceived = now;
    }

    /** The peer sent a record in this session: alive, whatever a ping's verdict will be. */
    void received(long now) {
        lastReceived = now;
    }

    long lastReceived() {
        return lastReceived;
    }

    /** Whether a ping was asked for and its verdict has not come. */
    boolean pinging() {
        return ping >= 0;
    }

    boolean isDead() {
        return ping == DEAD;
    }

    /** The engine pings the peer from {@code now}. */
    void pingSent(long now) {
        ping = now;
    }

    /**
     * The engine's verdict on the ping: the peer is dead only when it neither answered nor sent anything
     * since the ping was asked for (any record proves it alive). Returns whether it is dead.
     */
    boolean pinged(boolean answered) {
        boolean dead = !answered && pinging() && lastReceived <= ping;
        ping = dead ? DEAD : NONE;
        return dead;
    }
}
