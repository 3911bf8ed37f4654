package io.coaps4j.coap.exchange;

import io.coaps4j.coap.peer.Peer;
import java.util.ArrayDeque;

/** What the engine keeps per peer: the message-ID counter and the NSTART count and queue. */
final class PeerState {
    final Peer peer;
    private int nextMessageId;
    int outstanding;
    ArrayDeque<ClientExchange> queue;
    long lastUsed;

    PeerState(Peer peer, int firstMessageId, long now) {
        this.peer = peer;
        this.nextMessageId = firstMessageId & 0xFFFF;
        this.lastUsed = now;
    }

    /** Message IDs count up from a random start (RFC 7252 section 4.4). */
    int nextMessageId() {
        int id = nextMessageId;
        nextMessageId = (id + 1) & 0xFFFF;
        return id;
    }

    boolean idle() {
        return outstanding == 0 && (queue == null || queue.isEmpty());
    }
}
