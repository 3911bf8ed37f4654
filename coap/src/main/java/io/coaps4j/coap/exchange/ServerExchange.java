package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.messaging.DeduplicationCache;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;

/**
 * One received request awaiting its response, or several when kept open. {@link #peer()} and
 * {@link #request()} (set once, before the request is delivered) may be read from any thread;
 * everything else belongs to the engine's thread.
 */
public final class ServerExchange {
    /** OPEN: answered at least once and kept open for more responses; CLOSED: no more responses. */
    enum State { PENDING, ACKNOWLEDGED, OPEN, CLOSED }

    private final Peer peer;
    /** Set once by the engine, after the layer stack and before delivery. */
    private Message request;
    /** Null once answered and kept open: an observation must not keep the expired deduplication entry alive. */
    DeduplicationCache.Entry<ServerExchange> entry;
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

    /**
     * The request as the application sees it (after the layer stack). Once it registered an RFC 7641
     * observer, the registration's reduced form shared with registrations alike (no token, message ID 0).
     */
    public Message request() {
        return request;
    }

    void request(Message layered) {
        this.request = layered;
    }

    public boolean confirmable() {
        return request.type() == MessageType.CON;
    }

    /** True once a response was handed to the engine (read on the engine's thread). */
    public boolean responded() {
        return state == State.OPEN || state == State.CLOSED;
    }

    /**
     * True when no further response can be sent: after a final response, or when the client
     * rejected a response of a kept-open exchange with an RST or never acknowledged it
     * (RFC 7641 sections 3.6 and 4.5). Read on the engine's thread.
     */
    public boolean closed() {
        return state == State.CLOSED;
    }

    @Override
    public String toString() {
        return "ServerExchange[" + peer + " " + request + " " + state + "]";
    }
}
