package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
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
    private final int tokenLength;
    private final int nstart;

    ClientExchanges(EngineConfig config, Outbound outbound, TimerQueue timers, Retransmitter retransmitter,
                    PeerTable peers, RandomGenerator random) {
        this.outbound = outbound;
        this.recognizedOptions = config.recognizedOptions();
        this.timers = timers;
        this.retransmitter = retransmitter;
        this.peers = peers;
        this.random = random;
        this.tokenLength = config.tokenLength();
        this.nstart = config.transmission().nstart();
    }

    /** See {@link CoapEngine#request}; arguments already validated. */
    ClientExchange request(Peer peer, Message request, long timeoutNanos, ResponseListener listener, long nowNanos) {
        ClientExchange exchange = new ClientExchange(peer, request, listener, false, peers.get(peer, nowNanos));
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
        admit(exchange, timeoutNanos, nowNanos);
        return exchange;
    }

    /** See {@link CoapEngine#ping}; arguments already validated. */
    ClientExchange ping(Peer peer, long timeoutNanos, ResponseListener listener, long nowNanos) {
        ClientExchange exchange = new ClientExchange(peer, Message.empty(MessageType.CON, 0), listener, true,
                peers.get(peer, nowNanos));
        exchange.token = Token.EMPTY;
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
            } else if (exchange != null) {
                outbound.sendEmpty(from, MessageType.RST, response.messageId());
            }
            return;
        }
        if (confirmable) {
            entry.reply(outbound.sendEmpty(from, MessageType.ACK, response.messageId()));
        }
        complete(exchange, recognizedOptions.recognizedOnly(response), nowNanos);
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
        complete(client, recognizedOptions.recognizedOnly(ack), nowNanos);
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
            fail(transmission.client, ExchangeFailure.TIMEOUT, nowNanos);
        }
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

    private void admit(ClientExchange exchange, long timeoutNanos, long nowNanos) {
        exchange.timeout = new ExchangeTimeout(exchange);
        timers.schedule(exchange.timeout, nowNanos + timeoutNanos);
        PeerState state = exchange.peerState;
        if (state.outstanding < nstart) {
            transmit(exchange, nowNanos);
        } else {
            if (state.queue == null) {
                state.queue = new ArrayDeque<>();
            }
            state.queue.addLast(exchange);
        }
    }

    private void transmit(ClientExchange exchange, long nowNanos) {
        PeerState state = exchange.peerState;
        state.outstanding++;
        state.lastUsed = nowNanos;
        exchange.outstanding = true;
        exchange.state = ClientExchange.State.SENT;
        int messageId = state.nextMessageId();
        Message message = exchange.ping ? Message.empty(MessageType.CON, messageId)
                : exchange.template.withHeader(exchange.template.type(), messageId, exchange.token);
        Transmission transmission = new Transmission(new MidKey(exchange.peer, messageId),
                MessageCodec.encode(message), message.type() == MessageType.CON, exchange, this);
        exchange.transmission = transmission;
        retransmitter.start(transmission, nowNanos);
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
        ArrayDeque<ClientExchange> queue = state.queue;
        while (!outbound.closed() && queue != null && state.outstanding < nstart && !queue.isEmpty()) {
            transmit(queue.pollFirst(), nowNanos);
        }
    }

    private void complete(ClientExchange exchange, Message response, long nowNanos) {
        if (finish(exchange, nowNanos)) {
            exchange.listener.onResponse(response);
        }
    }

    /** Removes every trace of the exchange; false when it had already finished. */
    private boolean finish(ClientExchange exchange, long nowNanos) {
        if (exchange.state == ClientExchange.State.DONE) {
            return false;
        }
        boolean queued = exchange.state == ClientExchange.State.QUEUED;
        exchange.state = ClientExchange.State.DONE;
        timers.cancel(exchange.timeout);
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
