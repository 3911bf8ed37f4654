package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.OptionRegistry;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.messaging.DeduplicationCache;
import io.coaps4j.coap.messaging.MidKey;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The client side: requests and pings with their tokens, the NSTART limit and its queue
 * (RFC 7252 section 4.7), matching of responses by (peer, token) (section 5.3.2), and the single
 * outcome each exchange reports to its listener.
 */
final class ClientExchanges implements TransmissionOwner {
    private final HashMap<TokenKey, ClientExchange> byToken = new HashMap<>();
    /** Pings have no token to be found by; kept here so that shutdown and peer loss reach them. */
    private final LinkedHashSet<ClientExchange> pings = new LinkedHashSet<>();
    private final Outbound outbound;
    private final OptionRegistry recognizedOptions;
    private final TimerQueue timers;
    private final Retransmitter retransmitter;
    private final PeerTable peers;
    private final RandomGenerator random;
    private final LayerStack layers;
    private final int tokenLength;
    private final int nstart;
    /** EXCHANGE_LIFETIME: how long a message ID stays in use (RFC 7252 section 4.4). */
    private final long lifetimeNanos;
    /** Checks that a request fits the transport (RFC 7252 section 4.6): refused where it is sent, not dropped later. */
    private final EngineConfig config;

    ClientExchanges(EngineConfig config, Outbound outbound, TimerQueue timers, Retransmitter retransmitter,
                    PeerTable peers, RandomGenerator random, LayerStack layers) {
        this.outbound = outbound;
        this.layers = layers;
        this.config = config;
        this.recognizedOptions = config.recognizedOptions();
        this.timers = timers;
        this.retransmitter = retransmitter;
        this.peers = peers;
        this.random = random;
        this.tokenLength = config.tokenLength();
        this.nstart = config.transmission().nstart();
        this.lifetimeNanos = config.transmission().exchangeLifetime().toNanos();
    }

    /**
     * See {@link CoapEngine#request}; arguments already validated. {@code fromLayer}: the first layer
     * the request passes (0 from the application, below the emitting layer for a layer's own).
     */
    ClientExchange request(Peer peer, Message request, long timeoutNanos, ResponseListener listener,
                           boolean multiResponse, int fromLayer, long nowNanos) {
        if (layers.isEmpty()) {
            config.requireFits(request); // with layers, what counts is what they make of it (e.g. blocks)
        }
        ClientExchange exchange = new ClientExchange(peer, request, listener, false, multiResponse,
                peers.get(peer, nowNanos));
        Token token = request.token();
        TokenKey key;
        if (token.length() > 0) {
            key = new TokenKey(peer, token);
            if (byToken.containsKey(key)) {
                throw new IllegalStateException("token " + token + " is already in use with " + peer);
            }
        } else {
            do {
                token = randomToken();
                key = new TokenKey(peer, token);
            } while (byToken.containsKey(key));
        }
        exchange.token = token;
        exchange.key = key;
        byToken.put(key, exchange);
        if (!layers.isEmpty()) {
            Message layered = layers.sendRequest(exchange, request, fromLayer, nowNanos);
            if (layered == null) {
                // Absorbed: the layer answers through its context (maybe already); until then the timeout applies.
                if (exchange.state != ClientExchange.State.DONE) {
                    exchange.timeout = new ExchangeTimeout(exchange);
                    timers.schedule(exchange.timeout, nowNanos + timeoutNanos);
                }
                return exchange;
            }
            try {
                config.requireFits(layered.withToken(token));
            } catch (MessageTooLargeException e) {
                byToken.remove(key, exchange);
                exchange.state = ClientExchange.State.DONE;
                throw e;
            }
            exchange.template = layered;
        }
        admit(exchange, timeoutNanos, nowNanos);
        return exchange;
    }

    /**
     * See {@link CoapEngine#ping}; arguments already validated. {@code ackTimeoutNanos} 0: the
     * configured back-off; otherwise a keep-alive ping with its own first timeout and
     * MAX_RETRANSMIT, and no timeout but the retransmissions' end (it may wait behind NSTART).
     */
    ClientExchange ping(Peer peer, long timeoutNanos, long ackTimeoutNanos, int maxRetransmit,
                        ResponseListener listener, long nowNanos) {
        ClientExchange exchange = new ClientExchange(peer, Message.empty(MessageType.CON, 0), listener, true, false,
                peers.get(peer, nowNanos));
        exchange.token = Token.EMPTY;
        exchange.ackTimeoutNanos = ackTimeoutNanos;
        exchange.maxRetransmit = ackTimeoutNanos == 0 ? retransmitter.maxRetransmit() : maxRetransmit;
        pings.add(exchange);
        admit(exchange, timeoutNanos, nowNanos);
        return exchange;
    }

    /**
     * A new CON or NON response, already recorded in {@code entry}. Unexpected (section 5.3.2) or
     * carrying an unrecognised critical option (section 5.4.1): a CON is rejected with an RST, and
     * so is a NON that matches a request (section 4.3). Otherwise a CON is acknowledged.
     */
    void receiveResponse(Peer from, Message response, DeduplicationCache.Entry<ServerExchange> entry, long nowNanos) {
        boolean confirmable = response.type() == MessageType.CON;
        ClientExchange exchange = byToken.get(new TokenKey(from, response.token()));
        if (exchange == null || exchange.state == ClientExchange.State.QUEUED
                || recognizedOptions.firstUnrecognizedCritical(response).isPresent()) {
            if (confirmable) {
                entry.reply(outbound.sendEmpty(from, MessageType.RST, response.messageId()));
            } else if (exchange != null || response.hasOption(OptionNumber.OBSERVE)) {
                // A NON notification nobody observes is rejected too: the server removes us (RFC 7641 3.6).
                outbound.sendEmpty(from, MessageType.RST, response.messageId());
            }
            return;
        }
        if (confirmable) {
            entry.reply(outbound.sendEmpty(from, MessageType.ACK, response.messageId()));
        }
        deliver(exchange, recognizedOptions.recognizedOnly(response), layers.bottom(), nowNanos);
    }

    /**
     * A response for {@code exchange} on its way up through layers {@code fromLayer}..0; a layer
     * may absorb it, and the interaction with the peer has ended either way (section 4.7).
     */
    void deliver(ClientExchange exchange, Message response, int fromLayer, long nowNanos) {
        Message delivered = response;
        if (fromLayer >= 0) {
            delivered = layers.receiveResponse(exchange, response, fromLayer, nowNanos);
            if (delivered == null) {
                interactionEnded(exchange, nowNanos);
                return;
            }
        }
        complete(exchange, delivered, nowNanos);
    }

    /**
     * An empty ACK completes a ping and ends a request's interaction (section 4.7; the response
     * comes separately); a piggybacked response completes the request if it fits, and is
     * otherwise rejected by ignoring it (sections 4.2 and 5.4.1).
     */
    @Override
    public void acknowledged(Transmission transmission, Message ack, long nowNanos) {
        ClientExchange client = transmission.client;
        if (ack.isEmpty()) {
            end(transmission);
            if (client.ping) {
                complete(client, ack, nowNanos);
            } else {
                client.state = ClientExchange.State.ACKNOWLEDGED;
                release(client, nowNanos);
            }
            return;
        }
        if (!ack.isResponse() || client.ping || !ack.token().equals(client.token)
                || recognizedOptions.firstUnrecognizedCritical(ack).isPresent()) {
            return;
        }
        deliver(client, recognizedOptions.recognizedOnly(ack), layers.bottom(), nowNanos);
    }

    /** The peer rejected the message: a ping's answer, a request's failure. */
    @Override
    public void reset(Transmission transmission, Message rst, long nowNanos) {
        end(transmission);
        ClientExchange client = transmission.client;
        if (client.ping) {
            complete(client, rst, nowNanos);
        } else {
            fail(client, ExchangeFailure.RESET, nowNanos);
        }
    }

    @Override
    public void timedOut(Transmission transmission, long nowNanos) {
        if (!transmission.confirmable) {
            // A NON request stops counting toward NSTART after ACK_TIMEOUT; an RST may still match it.
            release(transmission.client, nowNanos);
        } else if (!retransmitter.retransmit(transmission, nowNanos)) {
            // Never acknowledged: for a keep-alive ping without an exchange timeout, this is the verdict.
            fail(transmission.client, ExchangeFailure.TIMEOUT, nowNanos);
        }
    }

    /**
     * Sends an open multi-response request again with its token and a new message ID (RFC 7641
     * section 3.3.1: re-registration); it counts toward NSTART until answered. False when NSTART
     * holds it back for now.
     */
    boolean resend(ClientExchange exchange, long nowNanos) {
        if (exchange.state != ClientExchange.State.OPEN || outbound.closed()) {
            return true; // nothing to send any more
        }
        if (exchange.peerState.outstanding >= nstart) {
            return false;
        }
        transmit(exchange, nowNanos);
        return true;
    }

    /** Fails every exchange with {@code peer} (every exchange when null); {@code state} is its peer state, if any. */
    void failAll(Peer peer, PeerState state, ExchangeFailure failure, long nowNanos) {
        List<ClientExchange> affected = new ArrayList<>();
        for (ClientExchange exchange : byToken.values()) {
            if (peer == null || exchange.peer.equals(peer)) {
                affected.add(exchange);
            }
        }
        for (ClientExchange ping : pings) {
            if (peer == null || ping.peer.equals(peer)) {
                affected.add(ping);
            }
        }
        if (state != null) {
            state.queue = null; // nothing queued may go out to a lost peer
        }
        for (ClientExchange exchange : affected) {
            fail(exchange, failure, nowNanos);
        }
    }

    void fail(ClientExchange exchange, ExchangeFailure failure, long nowNanos) {
        if (finish(exchange, nowNanos)) {
            exchange.listener.onFailure(failure);
        }
    }

    /** Requests not yet answered, sent or queued; pings excluded. */
    int pendingRequests() {
        return byToken.size();
    }

    void clear() {
        byToken.clear();
        pings.clear();
    }

    /** {@code timeoutNanos} {@link Long#MAX_VALUE}: no exchange timeout (a keep-alive ping). */
    private void admit(ClientExchange exchange, long timeoutNanos, long nowNanos) {
        if (timeoutNanos != Long.MAX_VALUE) {
            exchange.timeout = new ExchangeTimeout(exchange);
            timers.schedule(exchange.timeout, nowNanos + timeoutNanos);
        }
        PeerState state = exchange.peerState;
        if (state.outstanding < nstart && mayTransmit(state, nowNanos)) {
            transmit(exchange, nowNanos);
        } else {
            if (state.queue == null) {
                state.queue = new ArrayDeque<>();
            }
            state.queue.addLast(exchange);
        }
    }

    /**
     * Whether the peer's next message ID may be used now (RFC 7252 section 4.4: not again within EXCHANGE_LIFETIME);
     * when not, the peer's queue waits for it, and a timer sends on once it is free.
     */
    private boolean mayTransmit(PeerState state, long nowNanos) {
        long freeAt = state.nextMessageIdFreeAt(lifetimeNanos);
        if (freeAt <= nowNanos) {
            return true;
        }
        if (state.messageIdsFree == null) {
            state.messageIdsFree = new MessageIdsFree(state);
        }
        timers.schedule(state.messageIdsFree, freeAt); // one timer per peer, moved rather than added
        return false;
    }

    /** Sends what waited in a peer's queue for its message IDs to be free again. */
    private final class MessageIdsFree extends TimerQueue.Timer {
        private final PeerState state;

        MessageIdsFree(PeerState state) {
            this.state = state;
        }

        @Override
        protected void fire(long nowNanos) {
            drain(state, nowNanos);
        }
    }

    private void transmit(ClientExchange exchange, long nowNanos) {
        PeerState state = exchange.peerState;
        state.outstanding++;
        state.lastUsed = nowNanos;
        exchange.outstanding = true;
        exchange.state = ClientExchange.State.SENT;
        int messageId = state.nextMessageId(nowNanos);
        MessageType type = exchange.type; // a ping's is CON
        boolean confirmable = type == MessageType.CON;
        Transmission transmission = new Transmission(new MidKey(exchange.peer, messageId),
                MessageCodec.encode(exchange.template, type, messageId, exchange.token), confirmable,
                exchange, null, this, exchange.ping ? exchange.maxRetransmit : retransmitter.maxRetransmit());
        exchange.transmission = transmission;
        if (exchange.ackTimeoutNanos > 0) {
            retransmitter.start(transmission, exchange.ackTimeoutNanos, nowNanos);
        } else {
            retransmitter.start(transmission, nowNanos);
        }
    }

    /** The exchange no longer counts toward NSTART; the next queued one may go. */
    private void release(ClientExchange exchange, long nowNanos) {
        if (!exchange.outstanding) {
            return;
        }
        exchange.outstanding = false;
        PeerState state = exchange.peerState;
        state.outstanding--;
        state.lastUsed = nowNanos;
        drain(state, nowNanos);
    }

    /** Sends the peer's queued exchanges while NSTART and its message IDs allow. */
    private void drain(PeerState state, long nowNanos) {
        ArrayDeque<ClientExchange> queue = state.queue;
        while (!outbound.closed() && queue != null && state.outstanding < nstart && !queue.isEmpty()
                && mayTransmit(state, nowNanos)) {
            transmit(queue.pollFirst(), nowNanos);
        }
    }

    /**
     * A response for the listener: it ends a single-response exchange; a multi-response exchange
     * stays registered by its token, its first-response timeout and NSTART slot released.
     */
    private void complete(ClientExchange exchange, Message response, long nowNanos) {
        if (exchange.multiResponse) {
            if (exchange.state == ClientExchange.State.DONE) {
                return;
            }
            if (exchange.state != ClientExchange.State.OPEN) {
                interactionEnded(exchange, nowNanos);
                exchange.state = ClientExchange.State.OPEN;
                if (exchange.timeout != null) {
                    timers.cancel(exchange.timeout);
                }
            }
            exchange.listener.onResponse(response);
        } else if (finish(exchange, nowNanos)) {
            exchange.listener.onResponse(response);
        }
    }

    /** A response came: no more retransmission of the request, and it no longer counts toward NSTART. */
    private void interactionEnded(ClientExchange exchange, long nowNanos) {
        if (exchange.transmission != null) {
            end(exchange.transmission);
        }
        if (exchange.state == ClientExchange.State.SENT) {
            exchange.state = ClientExchange.State.ACKNOWLEDGED;
        }
        release(exchange, nowNanos);
    }

    /** Removes every trace of the exchange; false when it had already finished. */
    private boolean finish(ClientExchange exchange, long nowNanos) {
        if (exchange.state == ClientExchange.State.DONE) {
            return false;
        }
        boolean queued = exchange.state == ClientExchange.State.QUEUED;
        exchange.state = ClientExchange.State.DONE;
        if (exchange.timeout != null) {
            timers.cancel(exchange.timeout);
        }
        if (exchange.ping) {
            pings.remove(exchange);
        } else {
            byToken.remove(exchange.key, exchange);
        }
        if (queued && exchange.peerState.queue != null) {
            exchange.peerState.queue.remove(exchange);
        }
        if (exchange.transmission != null) {
            end(exchange.transmission);
        }
        release(exchange, nowNanos);
        return true;
    }

    /** Stops retransmitting and forgets the message ID. */
    private void end(Transmission transmission) {
        retransmitter.end(transmission);
        ClientExchange client = transmission.client;
        if (client.transmission == transmission) {
            client.transmission = null;
        }
    }

    private Token randomToken() {
        byte[] bytes = new byte[tokenLength];
        random.nextBytes(bytes);
        return Token.of(bytes);
    }

    private final class ExchangeTimeout extends TimerQueue.Timer {
        private final ClientExchange exchange;

        ExchangeTimeout(ClientExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        protected void fire(long nowNanos) {
            fail(exchange, ExchangeFailure.TIMEOUT, nowNanos);
        }
    }
}
