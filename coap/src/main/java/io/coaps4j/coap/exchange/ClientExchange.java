package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;

/**
 * One request this node sent (or queued, NSTART) and its wait for a response; also a CoAP ping.
 * A handle for {@link CoapEngine#cancel}. Belongs to the engine's thread.
 */
public final class ClientExchange {
    enum State { QUEUED, SENT, ACKNOWLEDGED, DONE }

    final Peer peer;
    final Message template;
    final ResponseListener listener;
    final boolean ping;
    final PeerState peerState;
    Token token;
    TokenKey key;
    State state = State.QUEUED;
    /** Counts toward NSTART (section 4.7). */
    boolean outstanding;
    Transmission transmission;
    TimerQueue.Timer timeout;

    ClientExchange(Peer peer, Message template, ResponseListener listener, boolean ping, PeerState peerState) {
        this.peer = peer;
        this.template = template;
        this.listener = listener;
        this.ping = ping;
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

    public boolean isDone() {
        return state == State.DONE;
    }

    @Override
    public String toString() {
        return "ClientExchange[" + peer + " token=" + token + " " + state + "]";
    }
}
