package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.peer.Peer;
import java.util.function.Consumer;

/**
 * One entry in a resource's list of observers (RFC 7641 section 4.1): the registration's peer
 * (its session and epoch included), token and request, and the state of its notifications. A handle
 * for {@link CoapEngine#notifyObserver}; belongs to the engine's thread, except {@link #peer()} and
 * {@link #request()}, which may be read anywhere.
 */
public final class Observation {
    final ServerExchange exchange;
    final TokenKey key;
    /** CON or NON for ordinary notifications; a CON goes at least every 24 hours anyway (section 4.5). */
    final MessageType notificationType;
    final Consumer<Observation> onEnd;
    /** The next Observe value: 24 bits, incremented per notification (section 4.4). */
    int sequence;
    long lastConfirmableNanos;
    /** NON notifications since the last CON; every 100th goes as CON. */
    int nonSinceConfirmable;
    /** The CON notification awaiting its ACK, or null (section 4.5.2: one at a time). */
    Transmission inFlight;
    /** The latest state, waiting for {@link #inFlight} to complete; intermediate states are skipped. */
    Message superseding;
    /** A NON notification an RST may still reject (section 3.6). */
    Transmission lastNon;
    boolean ended;
    /** The next observation of the same peer (see {@code ServerObservations}), or null. */
    Observation nextOfPeer;

    Observation(ServerExchange exchange, TokenKey key, MessageType notificationType, Consumer<Observation> onEnd,
                long nowNanos) {
        this.exchange = exchange;
        this.key = key;
        this.notificationType = notificationType;
        this.onEnd = onEnd;
        this.lastConfirmableNanos = nowNanos;
    }

    /** The observer: notifications go to exactly this peer object (for coaps: its session and epoch). */
    public Peer peer() {
        return exchange.peer();
    }

    /** The registering GET, whose options (Accept, Uri-Query, ...) each notification answers again. */
    public Message request() {
        return exchange.request();
    }

    /** True once the observer is off the list: deregistered, rejected a notification, gone, or replaced. */
    public boolean ended() {
        return ended;
    }

    @Override
    public String toString() {
        return "Observation[" + exchange.peer() + " " + exchange.request().token() + (ended ? " ended" : "") + "]";
    }
}
