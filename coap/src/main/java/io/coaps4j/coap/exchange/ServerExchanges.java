package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.OptionRegistry;
import io.coaps4j.coap.messaging.DeduplicationCache;
import io.coaps4j.coap.messaging.MidKey;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;
import java.util.OptionalInt;

/**
 * The server side: hands each new request to the application as a {@link ServerExchange} and
 * sends its response piggybacked on the ACK, or after an empty ACK as a separate response
 * (RFC 7252 section 5.2).
 */
final class ServerExchanges implements TransmissionOwner {
    private final Outbound outbound;
    private final OptionRegistry recognizedOptions;
    private final TimerQueue timers;
    private final Retransmitter retransmitter;
    private final PeerTable peers;
    private final LayerStack layers;
    private final long separateResponseAfterNanos;
    private final int maxMessageSize;
    /** Told when the separate first response of an observation fails (set once by the engine). */
    ServerObservations observations;

    ServerExchanges(EngineConfig config, Outbound outbound, TimerQueue timers, Retransmitter retransmitter,
                    PeerTable peers, LayerStack layers) {
        this.outbound = outbound;
        this.layers = layers;
        this.maxMessageSize = config.maxMessageSize();
        this.recognizedOptions = config.recognizedOptions();
        this.timers = timers;
        this.retransmitter = retransmitter;
        this.peers = peers;
        this.separateResponseAfterNanos = config.separateResponseAfter().toNanos();
    }

    /** A new (not duplicate) request, already recorded in {@code entry}. */
    void receive(Peer from, Message request, DeduplicationCache.Entry<ServerExchange> entry, long nowNanos) {
        OptionalInt unrecognized = recognizedOptions.firstUnrecognizedCritical(request);
        if (unrecognized.isPresent()) {
            if (request.type() == MessageType.CON) {
                // Section 5.4.1: 4.02 with a diagnostic payload (section 5.5.2).
                byte[] ack = MessageCodec.encode(CoapResponse.builder(Code.BAD_OPTION)
                        .payload("Unrecognized critical option " + unrecognized.getAsInt()).build().template(),
                        MessageType.ACK, request.messageId(), request.token());
                entry.reply(ack);
                outbound.send(from, ack);
            } else {
                outbound.sendEmpty(from, MessageType.RST, request.messageId()); // a NON is rejected (section 4.3)
            }
            return;
        }
        ServerExchange exchange = new ServerExchange(from, recognizedOptions.recognizedOnly(request), entry);
        entry.value(exchange);
        if (layers.isEmpty()) {
            outbound.deliver(exchange);
        } else {
            Message layered = layers.receiveRequest(exchange, exchange.request(), layers.bottom(), nowNanos);
            if (layered != null) { // null: a layer absorbed it and answers it itself
                exchange.request(layered);
                outbound.deliver(exchange);
            }
        }
        if (exchange.state == ServerExchange.State.PENDING && exchange.confirmable()) {
            if (separateResponseAfterNanos == 0) {
                acknowledgeEmpty(exchange);
            } else {
                exchange.separateTimer = new SeparateResponseTimer(exchange);
                timers.schedule(exchange.separateTimer, nowNanos + separateResponseAfterNanos);
            }
        }
    }

    /**
     * The client sent a request again before it was answered: the handler is still working, so
     * acknowledge now and answer separately (section 5.2.2).
     */
    void retransmittedWhilePending(ServerExchange exchange) {
        if (exchange.state == ServerExchange.State.PENDING) {
            acknowledgeEmpty(exchange);
        }
    }

    /**
     * See {@link CoapEngine#respond} and {@link CoapEngine#respondAndKeepOpen}: {@code response}
     * passes layers {@code fromLayer}..bottom (0 from the application), then leaves.
     */
    boolean respond(ServerExchange exchange, Message response, boolean keepOpen, int fromLayer, long nowNanos) {
        if (exchange.state == ServerExchange.State.CLOSED || outbound.closed()) {
            return false;
        }
        Message template = response;
        if (!layers.isEmpty()) {
            template = layers.sendResponse(exchange, response, fromLayer, nowNanos);
            if (template == null) {
                return true; // absorbed: the layer responds through its context
            }
        }
        ServerExchange.State previous = exchange.state;
        exchange.state = keepOpen ? ServerExchange.State.OPEN : ServerExchange.State.CLOSED;
        if (exchange.separateTimer != null) {
            timers.cancel(exchange.separateTimer);
        }
        Message request = exchange.request();
        DeduplicationCache.Entry<ServerExchange> entry = exchange.entry;
        if (entry != null && entry.value() == exchange) {
            entry.value(null); // the entry keeps only its reply; the exchange can go
        }
        if (keepOpen) {
            exchange.entry = null; // the cache holds the entry while it lives; an observation must not
        }
        Peer peer = exchange.peer();
        boolean confirmable = exchange.confirmable();
        if (confirmable && previous == ServerExchange.State.PENDING) {
            byte[] ack = encode(exchange, template, MessageType.ACK, request.messageId());
            entry.reply(ack);
            outbound.send(peer, ack);
            return true;
        }
        int messageId = peers.get(peer, nowNanos).nextMessageId(nowNanos);
        byte[] datagram = encode(exchange, template, confirmable ? MessageType.CON : MessageType.NON, messageId);
        if (confirmable) {
            retransmitter.start(new Transmission(new MidKey(peer, messageId), datagram, true, null, exchange, this,
                    retransmitter.maxRetransmit()), nowNanos);
        } else {
            outbound.send(peer, datagram);
        }
        return true;
    }

    /**
     * The datagram of {@code response} in {@code exchange}; no intermediate message is made. One
     * that does not fit the transport becomes a 5.00 saying so (reported to the output), so that the
     * client hears an error instead of retrying into a timeout.
     */
    private byte[] encode(ServerExchange exchange, Message response, MessageType type, int messageId) {
        byte[] datagram = MessageCodec.encode(response, type, messageId, exchange.request().token());
        if (datagram.length <= maxMessageSize) {
            return datagram;
        }
        outbound.responseTooLarge(exchange, datagram.length, maxMessageSize);
        Message error = CoapResponse.builder(Code.INTERNAL_SERVER_ERROR)
                .payload("response of " + datagram.length + " bytes exceeds the transport's limit of "
                        + maxMessageSize + " bytes")
                .build().template();
        return MessageCodec.encode(error, type, messageId, exchange.request().token());
    }

    private void acknowledgeEmpty(ServerExchange exchange) {
        exchange.state = ServerExchange.State.ACKNOWLEDGED;
        if (exchange.separateTimer != null) {
            timers.cancel(exchange.separateTimer);
        }
        exchange.entry.reply(outbound.sendEmpty(exchange.peer(), MessageType.ACK, exchange.request().messageId()));
    }

    /** Our separate response arrived; a piggybacked "response" to it is not a thing, so only an empty ACK counts. */
    @Override
    public void acknowledged(Transmission transmission, Message ack, long nowNanos) {
        if (ack.isEmpty()) {
            retransmitter.end(transmission);
        }
    }

    /**
     * The client has lost interest in our separate response: the exchange is over, and a kept-open
     * one takes no more responses (RFC 7641 section 3.6).
     */
    @Override
    public void reset(Transmission transmission, Message rst, long nowNanos) {
        retransmitter.end(transmission);
        transmission.server.state = ServerExchange.State.CLOSED;
        observations.firstResponseFailed(transmission.server, nowNanos);
    }

    /**
     * Sent again until MAX_RETRANSMIT; then the response is given up without anyone to tell, and a
     * kept-open exchange is closed (RFC 7641 section 4.5: the client is presumed gone).
     */
    @Override
    public void timedOut(Transmission transmission, long nowNanos) {
        if (!retransmitter.retransmit(transmission, nowNanos)) {
            transmission.server.state = ServerExchange.State.CLOSED;
            observations.firstResponseFailed(transmission.server, nowNanos);
        }
    }

    private final class SeparateResponseTimer extends TimerQueue.Timer {
        private final ServerExchange exchange;

        SeparateResponseTimer(ServerExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        protected void fire(long nowNanos) {
            if (exchange.state == ServerExchange.State.PENDING) {
                acknowledgeEmpty(exchange);
            }
        }
    }
}
