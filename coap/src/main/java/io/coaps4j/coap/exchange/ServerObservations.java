package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.messaging.MidKey;
import io.coaps4j.coap.peer.Peer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The server side of RFC 7641: the list of observers by (peer, token), bounded per peer and in
 * total, and the transmission of notifications with their Observe sequence numbers, CON or NON,
 * one CON at a time with the latest state superseding an outstanding one (section 4.5.2).
 * Notifications go to the registration's own {@link Peer} object, so over coaps they stay in its
 * session and epoch; when the transport loses that peer the observations end.
 */
final class ServerObservations implements TransmissionOwner {
    /** Section 4.5: a notification is sent as CON at least every 24 hours. */
    static final long CONFIRMABLE_AT_LEAST_EVERY_NANOS = 24L * 3600 * 1_000_000_000L;
    /** The same in the observation's clock units (rounded down: a CON may go up to a second early). */
    private static final int CONFIRMABLE_AT_LEAST_EVERY_UNITS = Observation.units(CONFIRMABLE_AT_LEAST_EVERY_NANOS);
    /**
     * And after this many NON notifications in a row, so that a client that vanished without an RST
     * (its process killed) leaves the list within minutes for a resource that changes often (4.5).
     */
    static final int CONFIRMABLE_AT_LEAST_EVERY_NOTIFICATIONS = 100;
    private static final int SEQUENCE_MASK = 0xFF_FFFF; // 3 bytes (section 4.4)

    /**
     * Each peer's first observation, the rest chained through {@link Observation#nextOfPeer}: one map
     * entry per observing peer, none per further observer (the per-observer heap is a target of the
     * issue). A lookup by token walks one peer's chain, at most {@code maxPerPeer} long.
     */
    private final HashMap<Peer, Observation> firstOfPeer = new HashMap<>();
    private final SharedRequests sharedRequests = new SharedRequests();
    private final Outbound outbound;
    private final Retransmitter retransmitter;
    private final PeerTable peers;
    private final ServerExchanges server;
    private final LayerStack layers;
    private final int maxPerPeer;
    private final int maxTotal;
    private final int maxMessageSize;
    private int total;

    ServerObservations(EngineConfig config, Outbound outbound, Retransmitter retransmitter, PeerTable peers,
                       ServerExchanges server, LayerStack layers) {
        this.outbound = outbound;
        this.layers = layers;
        this.retransmitter = retransmitter;
        this.peers = peers;
        this.server = server;
        this.maxPerPeer = config.maxObserversPerPeer();
        this.maxTotal = config.maxObservers();
        this.maxMessageSize = config.maxMessageSize();
        peers.onForget(this::peerStateForgotten);
    }

    /** See {@link CoapEngine#observe}. */
    Observation register(ServerExchange exchange, Message first, MessageType notificationType,
                         Consumer<Observation> onEnd, long nowNanos) {
        Message request = exchange.request();
        OptionalLong observe = request.observe();
        Observation previous = find(exchange.peer(), request.token());
        if (previous != null) {
            end(previous, nowNanos); // re-registration replaces; Observe 1 deregisters (section 3.6)
        }
        boolean registering = observe.isPresent() && observe.getAsLong() == 0 && first.code().isSuccess()
                && exchange.state != ServerExchange.State.CLOSED;
        if (!registering || !room(exchange.peer())) {
            // Section 4.1: a server that cannot add the client to the list answers as to a plain GET.
            server.respond(exchange, withoutObserve(first), false, 0, nowNanos);
            return null;
        }
        Observation observation = new Observation(exchange, request.token(), notificationType, onEnd, nowNanos);
        observation.nextOfPeer = firstOfPeer.put(exchange.peer(), observation);
        total++;
        server.respond(exchange, withObserve(first, observation.sequence++), true, 0, nowNanos);
        // From here on only notifications answer the registration, under the observation's own token: the
        // exchange keeps the registration's shared, reduced form rather than the received request.
        exchange.request(sharedRequests.share(request));
        return observation;
    }

    /** See {@link CoapEngine#notifyObserver}. */
    boolean notify(Observation observation, Message state, long nowNanos) {
        if (observation.ended || outbound.closed()) {
            return false;
        }
        if (!state.code().isSuccess()) {
            // Section 4.2: a non-2.xx notification ends the observation and carries no Observe option.
            Message last = withoutObserve(state);
            end(observation, nowNanos);
            send(observation, last, nowNanos, null);
            return true;
        }
        if (observation.confirmableInFlight()) {
            observation.superseding = state; // section 4.5.2: sent when the current attempt completes
            return true;
        }
        send(observation, state, nowNanos, null);
        return true;
    }

    /** Ends {@code observation} without telling the client (its next notification would get an RST). */
    void cancel(Observation observation, long nowNanos) {
        if (!observation.ended) {
            end(observation, nowNanos);
        }
    }

    /**
     * The peer table dropped {@code peer}'s message-ID state (idle for EXCHANGE_LIFETIME, or evicted): its
     * observations let go of it, so that an idle observer does not keep it in memory; the next notification takes
     * the peer's current state.
     */
    private void peerStateForgotten(Peer peer) {
        for (Observation o = firstOfPeer.get(peer); o != null; o = o.nextOfPeer) {
            o.peerState = null;
        }
    }

    /** The transport lost {@code peer}: its observations end (RFC 7641 with DTLS: a new session re-registers). */
    void peerLost(Peer peer, long nowNanos) {
        List<Observation> observations = new ArrayList<>();
        for (Observation o = firstOfPeer.get(peer); o != null; o = o.nextOfPeer) {
            observations.add(o);
        }
        for (Observation observation : observations) {
            end(observation, nowNanos);
        }
    }

    /** The first response went as a separate CON and the client rejected it or never acknowledged it. */
    void firstResponseFailed(ServerExchange exchange, long nowNanos) {
        // Found by its exchange in the peer's chain (at most maxPerPeer long): the exchange keeps no
        // reference to its observation, which spares every observer a field.
        for (Observation o = firstOfPeer.get(exchange.peer()); o != null; o = o.nextOfPeer) {
            if (o.exchange == exchange) {
                end(o, nowNanos);
                return;
            }
        }
    }

    int size() {
        return total;
    }

    void clear() {
        List<Observation> all = new ArrayList<>(total);
        for (Observation first : firstOfPeer.values()) {
            for (Observation o = first; o != null; o = o.nextOfPeer) {
                all.add(o);
            }
        }
        firstOfPeer.clear();
        sharedRequests.clear();
        total = 0;
        for (Observation observation : all) {
            observation.ended = true; // the engine shut down: nothing is sent, but the application hears the end
            if (observation.onEnd != null) {
                observation.onEnd.accept(observation);
            }
        }
    }

    // ------------------------------------------------------------------------------ transmissions

    /**
     * Sends {@code state} as the next notification: CON when the resource asks for it or the last
     * CON is 24 hours old, NON otherwise. {@code superseded}: the CON whose timed-out attempt this
     * one replaces, whose retransmission counter and doubled timeout it keeps (section 4.5.2 step 4).
     */
    private void send(Observation observation, Message state, long nowNanos, Transmission superseded) {
        Peer peer = observation.peer();
        boolean confirmable = superseded != null || observation.confirmableNotifications
                || Observation.units(nowNanos) - observation.lastConfirmableUnits >= CONFIRMABLE_AT_LEAST_EVERY_UNITS
                || observation.nonSinceConfirmable >= CONFIRMABLE_AT_LEAST_EVERY_NOTIFICATIONS - 1;
        Message template = state.code().isSuccess() ? withObserve(state, observation.sequence++) : state;
        if (!layers.isEmpty()) {
            template = layers.sendNotification(observation.exchange, template, nowNanos); // e.g. its first block
        }
        PeerState peerState = peers.touch(peer, observation.peerState, nowNanos);
        observation.peerState = peerState;
        int messageId = peerState.nextMessageId(nowNanos);
        byte[] datagram = encode(observation, template, confirmable ? MessageType.CON : MessageType.NON, messageId);
        if (!confirmable) {
            // Nothing to retransmit and no ACK to wait for: only the message ID stays, for an RST (section 3.6).
            observation.nonSinceConfirmable++;
            observation.lastNonMessageId = observation.ended ? Observation.NO_MESSAGE_ID : messageId;
            outbound.send(peer, datagram);
            return;
        }
        observation.lastNonMessageId = Observation.NO_MESSAGE_ID; // only the latest notification is matchable
        Transmission transmission = new Transmission(new MidKey(peer, messageId), datagram, true, null,
                observation.exchange, this, retransmitter.maxRetransmit());
        transmission.observation = observation;
        observation.lastSent = observation.ended ? null : transmission;
        observation.lastConfirmableUnits = Observation.units(nowNanos);
        observation.nonSinceConfirmable = 0;
        if (superseded == null) {
            retransmitter.start(transmission, nowNanos);
        } else {
            transmission.retransmissions = superseded.retransmissions + 1;
            retransmitter.start(transmission, superseded.timeoutNanos * 2, nowNanos);
        }
    }

    private byte[] encode(Observation observation, Message template, MessageType type, int messageId) {
        byte[] datagram = MessageCodec.encode(template, type, messageId, observation.token());
        if (datagram.length <= maxMessageSize) {
            return datagram;
        }
        outbound.responseTooLarge(observation.exchange, datagram.length, maxMessageSize);
        // The notification cannot go; tell the client with a final 5.00 (no Observe: the observation ends).
        Message error = CoapResponse.builder(Code.INTERNAL_SERVER_ERROR)
                .payload("notification of " + datagram.length + " bytes exceeds the transport's limit of "
                        + maxMessageSize + " bytes").build().template();
        if (!observation.ended) {
            end(observation, 0);
        }
        return MessageCodec.encode(error, type, messageId, observation.token());
    }

    /** The client acknowledged a CON notification: the latest state, if any changed meanwhile, goes now. */
    @Override
    public void acknowledged(Transmission transmission, Message ack, long nowNanos) {
        if (!ack.isEmpty()) {
            return;
        }
        retransmitter.end(transmission);
        Observation observation = transmission.observation;
        if (observation == null || observation.lastSent != transmission) {
            return;
        }
        observation.lastSent = null;
        Message next = observation.superseding;
        observation.superseding = null;
        if (next != null && !observation.ended) {
            send(observation, next, nowNanos, null);
        }
    }

    /** Section 3.6: an RST to a notification removes the client from the list of observers. */
    @Override
    public void reset(Transmission transmission, Message rst, long nowNanos) {
        retransmitter.end(transmission);
        Observation observation = transmission.observation;
        if (observation != null && !observation.ended) {
            end(observation, nowNanos);
        }
    }

    /**
     * Section 3.6: an RST to the latest NON notification of one of {@code peer}'s observations (matched by message
     * ID within the same session and epoch) removes the client from the list of observers; false when none matches.
     */
    boolean resetNonNotification(Peer peer, int messageId, long nowNanos) {
        for (Observation o = firstOfPeer.get(peer); o != null; o = o.nextOfPeer) {
            if (o.lastNonMessageId == messageId) {
                end(o, nowNanos);
                return true;
            }
        }
        return false;
    }

    /**
     * A CON is retransmitted, or superseded by the latest state (section 4.5.2), or after its last attempt ends
     * the observation (section 4.5).
     */
    @Override
    public void timedOut(Transmission transmission, long nowNanos) {
        Observation observation = transmission.observation;
        if (observation != null && observation.lastSent == transmission && observation.superseding != null
                && transmission.retransmissions < transmission.maxRetransmit) {
            retransmitter.end(transmission);
            Message next = observation.superseding;
            observation.superseding = null;
            observation.lastSent = null;
            send(observation, next, nowNanos, transmission);
            return;
        }
        if (!retransmitter.retransmit(transmission, nowNanos) && observation != null && !observation.ended) {
            end(observation, nowNanos);
        }
    }

    // -------------------------------------------------------------------------------- internals

    private Observation find(Peer peer, Token token) {
        for (Observation o = firstOfPeer.get(peer); o != null; o = o.nextOfPeer) {
            if (o.hasToken(token)) {
                return o;
            }
        }
        return null;
    }

    private boolean room(Peer peer) {
        if (total >= maxTotal) {
            return false;
        }
        int ofPeer = 0;
        for (Observation o = firstOfPeer.get(peer); o != null; o = o.nextOfPeer) {
            ofPeer++;
        }
        return ofPeer < maxPerPeer;
    }

    private void end(Observation observation, long nowNanos) {
        observation.ended = true;
        if (unlink(observation)) {
            total--;
        }
        if (observation.lastSent != null) {
            retransmitter.end(observation.lastSent);
            observation.lastSent = null;
        }
        observation.lastNonMessageId = Observation.NO_MESSAGE_ID;
        observation.superseding = null;
        observation.exchange.state = ServerExchange.State.CLOSED;
        if (observation.onEnd != null) {
            observation.onEnd.accept(observation);
        }
    }

    /** Takes {@code observation} out of its peer's chain; false when it was not on it (already ended). */
    private boolean unlink(Observation observation) {
        Peer peer = observation.peer();
        Observation first = firstOfPeer.get(peer);
        boolean found = false;
        if (first == observation) {
            if (observation.nextOfPeer == null) {
                firstOfPeer.remove(peer);
            } else {
                firstOfPeer.put(peer, observation.nextOfPeer);
            }
            found = true;
        } else {
            for (Observation o = first; o != null; o = o.nextOfPeer) {
                if (o.nextOfPeer == observation) {
                    o.nextOfPeer = observation.nextOfPeer;
                    found = true;
                    break;
                }
            }
        }
        observation.nextOfPeer = null;
        return found;
    }

    static Message withObserve(Message response, int sequence) {
        return response.withOption(Option.ofUint(OptionNumber.OBSERVE, sequence & SEQUENCE_MASK));
    }

    /** {@code message} with Observe set to {@code value} (a request's 0 or 1). */
    static Message rebuildObserve(Message message, int value) {
        return rebuild(message, Option.ofUint(OptionNumber.OBSERVE, value));
    }

    static Message withoutObserve(Message response) {
        return response.hasOption(OptionNumber.OBSERVE) ? rebuild(response, null) : response;
    }

    private static Message rebuild(Message response, Option observe) {
        Message.Builder builder = Message.builder().type(response.type()).code(response.code())
                .messageId(response.messageId()).token(response.token()).payload(response.payload());
        for (Option option : response.options()) {
            if (option.number() != OptionNumber.OBSERVE) {
                builder.option(option);
            }
        }
        if (observe != null) {
            builder.option(observe);
        }
        return builder.build();
    }
}
