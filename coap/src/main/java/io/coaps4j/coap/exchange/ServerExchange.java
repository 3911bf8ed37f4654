package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.messaging.DeduplicationCache;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;

/**
 * One received request awaiting its response. {@link #peer()} and {@link #request()} are immutable
 * and may be read from any thread; everything else belongs to the engine's thread.
 */
public final class ServerExchange {
    enum State { PENDING, ACKNOWLEDGED, RESPONDED }

    private final Peer peer;
    private final Message request;
    final DeduplicationCache.Entry<ServerExchange> entry;
    State state = State.PENDING;
    TimerQueue.Timer separateTimer;

    ServerExchange(Peer peer, Message request, DeduplicationCache.Entry<ServerExchange> entry) {
        this.peer = peer;
        this.request = request;
        this.entry = entry;
    }

    /** The peer the request came from; the response goes back to exactly this object. */
    public Peer peer() {
        return peer;
    }

    public Message request() {
        return request;
    }

    public boolean confirmable() {
        return request.type() == MessageType.CON;
    }

    /** True once a response was handed to the engine (read on the engine's thread). */
    public boolean responded() {
        return state == State.RESPONDED;
    }

    @Override
    public String toString() {
        return "ServerExchange[" + peer + " " + request + " " + state + "]";
    }
}
