package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.messaging.DeduplicationCache;
import io.coaps4j.coap.messaging.MidKey;
import io.coaps4j.coap.peer.Peer;

/**
 * The message layer's view of each inbound message (RFC 7252 section 4): malformed, ping, ACK or
 * RST of one of our transmissions, duplicate, or new; then the side that owns it takes over.
 */
final class InboundDispatcher {
    private final Outbound outbound;
    private final DeduplicationCache<ServerExchange> deduplication;
    private final Retransmitter retransmitter;
    private final ServerExchanges server;
    private final ClientExchanges client;
    /** Matches an RST to a NON notification, which has no transmission. */
    private final ServerObservations observations;

    InboundDispatcher(Outbound outbound, DeduplicationCache<ServerExchange> deduplication, Retransmitter retransmitter,
                      ServerExchanges server, ClientExchanges client, ServerObservations observations) {
        this.outbound = outbound;
        this.deduplication = deduplication;
        this.retransmitter = retransmitter;
        this.server = server;
        this.client = client;
        this.observations = observations;
    }

    /** See {@link CoapEngine#receive(Peer, byte[], int, int, long)}. */
    void receive(Peer from, byte[] data, int offset, int length, long nowNanos) {
        Message message;
        try {
            message = MessageCodec.decode(data, offset, length);
        } catch (MessageFormatException e) {
            if (e.requiresReset()) {
                outbound.sendEmpty(from, MessageType.RST, e.messageId());
            }
            return;
        }
        receive(from, message, nowNanos);
    }

    void receive(Peer from, Message message, long nowNanos) {
        switch (message.type()) {
            case ACK -> receiveAcknowledgement(from, message, nowNanos);
            case RST -> receiveReset(from, message, nowNanos);
            default -> receiveConOrNon(from, message, nowNanos);
        }
    }

    private void receiveConOrNon(Peer from, Message message, long nowNanos) {
        boolean confirmable = message.type() == MessageType.CON;
        Code code = message.code();
        // An empty CON is a CoAP ping (section 4.3), answered with an RST; an empty NON is meaningless.
        // Classes 1, 6 and 7 are reserved (section 12.1): a message format error (sections 4.2, 4.3).
        if (code.isEmpty() || (!code.isRequest() && !code.isResponse())) {
            if (confirmable) {
                outbound.sendEmpty(from, MessageType.RST, message.messageId());
            }
            return;
        }
        MidKey key = new MidKey(from, message.messageId());
        DeduplicationCache.Entry<ServerExchange> entry = deduplication.get(key);
        if (entry != null) {
            duplicate(from, message, entry);
            return;
        }
        entry = deduplication.add(key, confirmable, nowNanos, null);
        if (code.isRequest()) {
            server.receive(from, message, entry, nowNanos);
        } else {
            client.receiveResponse(from, message, entry, nowNanos);
        }
    }

    /** Section 4.5: the same ACK or RST again for a CON, nothing for a NON, never processed twice. */
    private void duplicate(Peer from, Message message, DeduplicationCache.Entry<ServerExchange> entry) {
        if (message.type() != MessageType.CON) {
            return;
        }
        byte[] reply = entry.reply();
        if (reply != null) {
            outbound.send(from, reply);
            return;
        }
        ServerExchange pending = entry.value();
        if (pending != null) {
            server.retransmittedWhilePending(pending);
        }
    }

    private void receiveAcknowledgement(Peer from, Message ack, long nowNanos) {
        Transmission transmission = retransmitter.match(from, ack.messageId());
        if (transmission == null || !transmission.confirmable) {
            return; // nothing of ours to acknowledge: silently ignored (section 4.2)
        }
        transmission.owner.acknowledged(transmission, ack, nowNanos);
    }

    private void receiveReset(Peer from, Message rst, long nowNanos) {
        if (!rst.isEmpty()) {
            return; // an RST must be empty (section 4.2): a format error, ignored
        }
        Transmission transmission = retransmitter.match(from, rst.messageId());
        if (transmission != null) {
            transmission.owner.reset(transmission, rst, nowNanos);
        } else {
            observations.resetNonNotification(from, rst.messageId(), nowNanos);
        }
    }
}
