package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.peer.Peer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** A CoAP engine on virtual time with every output captured, for sans-IO tests. */
final class TestNode implements EngineOutput {
    record Sent(Peer peer, byte[] datagram, long at) {
        Message message() {
            try {
                return MessageCodec.decode(datagram);
            } catch (MessageFormatException e) {
                throw new UncheckedIOException(new java.io.IOException(e));
            }
        }
    }

    final CoapEngine engine;
    final List<Sent> sent = new ArrayList<>();
    final List<ServerExchange> requests = new ArrayList<>();
    Consumer<ServerExchange> onRequest = exchange -> { };
    TooLarge onTooLarge = (exchange, size, limit) -> { };

    interface TooLarge {
        void report(ServerExchange exchange, int size, int limit);
    }
    long now = 1_000_000_000L;

    TestNode(EngineConfig config, long seed) {
        this(config, seed, List.of());
    }

    TestNode(EngineConfig config, long seed, List<MessageLayer> layers) {
        this.engine = new CoapEngine(config, this, new Random(seed), layers);
    }

    TestNode() {
        this(EngineConfig.DEFAULT, 1);
    }

    @Override
    public void send(Peer peer, byte[] datagram) {
        sent.add(new Sent(peer, datagram, now));
    }

    @Override
    public void requestReceived(ServerExchange exchange) {
        requests.add(exchange);
        onRequest.accept(exchange);
    }

    @Override
    public void responseTooLarge(ServerExchange exchange, int size, int limit) {
        onTooLarge.report(exchange, size, limit);
    }

    void receive(Peer from, Message message) {
        engine.receive(from, MessageCodec.encode(message), 0, MessageCodec.encodedLength(message), now);
    }

    void receive(Peer from, byte[] datagram) {
        engine.receive(from, datagram, 0, datagram.length, now);
    }

    /** Advances virtual time to {@code target}, firing every deadline on the way. */
    void advanceTo(long target) {
        while (true) {
            long next = engine.nextDeadline();
            if (next == Long.MAX_VALUE || next - target > 0) {
                break;
            }
            now = Math.max(now, next);
            engine.tick(now);
        }
        now = target;
        engine.tick(now);
    }

    void advance(long nanos) {
        advanceTo(now + nanos);
    }

    List<Message> sentMessages() {
        List<Message> messages = new ArrayList<>();
        for (Sent s : sent) {
            messages.add(s.message());
        }
        return messages;
    }

    Message lastSent() {
        return sent.get(sent.size() - 1).message();
    }

    List<Message> takeSent() {
        List<Message> messages = sentMessages();
        sent.clear();
        return messages;
    }

    /** A listener that records what it hears. */
    static final class Outcome implements ResponseListener {
        final List<Message> responses = new ArrayList<>();
        final List<ExchangeFailure> failures = new ArrayList<>();
        long completedAt = -1;
        private final TestNode node;

        Outcome(TestNode node) {
            this.node = node;
        }

        @Override
        public void onResponse(Message response) {
            responses.add(response);
            completedAt = node.now;
        }

        @Override
        public void onFailure(ExchangeFailure failure) {
            failures.add(failure);
            completedAt = node.now;
        }

        int count() {
            return responses.size() + failures.size();
        }
    }
}
