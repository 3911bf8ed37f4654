package io.coaps4j.coaps;

/**
 * An established session in either DTLS role, with the little the binding tracks of it: its peer
 * (one object per session, so the per-message path allocates none), when the peer was last heard,
 * the last CON message ID sent, and the keep-alive's ping. Event-loop thread only.
 */
final class SessionState {
    final SecurePeer peer;
    /** The connection carrying the session when this node is its DTLS client; null when the DTLS server carries it. */
    final ClientConnection client;
    long lastReceived;
    int lastConMid = -1;
    /** The message ID of the unanswered keep-alive ping, or -1. */
    int pingMid = -1;
    int pingRetransmissions;
    long pingTimeout;
    long pingDeadline;

    SessionState(SecurePeer peer, ClientConnection client, long now) {
        this.peer = peer;
        this.client = client;
        this.lastReceived = now;
    }

    /** Notes a CoAP message the peer sent in this session; true when it only answers our ping and goes no further. */
    boolean received(byte[] message, long now) {
        lastReceived = now;
        if (pingMid < 0) {
            return false;
        }
        int answered = pingMid;
        pingMid = -1; // any record of the peer in this session proves it alive
        return CoapPing.isResetFor(message, answered);
    }

    /** Notes a CoAP message sent in this session. */
    void sent(byte[] message) {
        int messageId = CoapPing.confirmableMessageId(message);
        if (messageId >= 0) {
            lastConMid = messageId;
        }
    }
}
