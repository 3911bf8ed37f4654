package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;

/**
 * One request this node sent (or queued, NSTART) and its wait for a response; also a CoAP ping.
 * A handle for {@link CoapEngine#cancel}. Belongs to the engine's thread.
 */
public final class ClientExchange {
    /** OPEN: a multi-response exchange that had its first response and listens for more. */
    enum State { QUEUED, SENT, ACKNOWLEDGED, OPEN, DONE }

    final Peer peer;
    /** What goes out: the caller's request after the layer stack's transformations. */
    Message template;
    final MessageType type;
    final ResponseListener listener;
    final boolean ping;
    /** Stays registered after its first response until cancelled (the shape RFC 7641 needs). */
    final boolean multiResponse;
    final PeerState peerState;
    Token token;
    TokenKey key;
    State state = State.QUEUED;
    /** Counts toward NSTART (section 4.7). */
    boolean outstanding;
    Transmission transmission;
    /** Null when the exchange has no timeout of its own (a keep-alive ping). */
    TimerQueue.Timer timeout;
    /** A keep-alive ping's own first timeout and MAX_RETRANSMIT; 0 for the configured back-off. */
    long ackTimeoutNanos;
    int maxRetransmit;

    ClientExchange(Peer peer, Message template, ResponseListener listener, boolean ping, boolean multiResponse,
                   PeerState peerState) {
        this.peer = peer;
        this.template = template;
        this.type = template.type();
        this.listener = listener;
        this.ping = ping;
        this.multiResponse = multiResponse;
        this.peerState = peerState;
    }

    public Peer peer() {
        return peer;
    }

    /** The request's token (empty for a ping). */
    public Token token() {
        return token;
    }

    /** The message ID of the last transmission, or -1 while still queued behind NSTART. */
    public int messageId() {
        return transmission == null ? -1 : transmission.key.messageId();
    }

    /** True for an exchange that keeps hearing responses until cancelled ({@link CoapEngine#requestMultiResponse}). */
    public boolean isMultiResponse() {
        return multiResponse;
    }

    /** The request as it left after the layer stack's transformations (as given, when a layer absorbed it). */
    public Message sentRequest() {
        return template;
    }

    public boolean isDone() {
        return state == State.DONE;
    }

    @Override
    public String toString() {
        return "ClientExchange[" + peer + " token=" + token + " " + state + "]";
    }
}
