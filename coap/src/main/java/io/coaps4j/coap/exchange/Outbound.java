package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.peer.Peer;

/**
 * Where the engine's results leave it: datagrams to send and new requests to serve. Once the
 * engine is shut down nothing leaves any more, whatever state a caller still holds.
 */
final class Outbound {
    private final EngineOutput output;
    private boolean closed;

    Outbound(EngineOutput output) {
        this.output = output;
    }

    void send(Peer peer, byte[] datagram) {
        if (!closed) {
            output.send(peer, datagram);
        }
    }

    /** Sends an empty ACK, RST or CON (section 4.1) and returns it, so that a duplicate can get it again. */
    byte[] sendEmpty(Peer peer, MessageType type, int messageId) {
        byte[] datagram = MessageCodec.encode(Message.empty(type, messageId));
        send(peer, datagram);
        return datagram;
    }

    void deliver(ServerExchange exchange) {
        output.requestReceived(exchange);
    }

    void responseTooLarge(ServerExchange exchange, int size, int limit) {
        output.responseTooLarge(exchange, size, limit);
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }
}
