package io.coaps4j.coap.exchange;

import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * A seeded simulated network on virtual time for sans-IO engine tests: it loses, duplicates and
 * reorders (by random delays) datagrams between {@link Node}s, and drives every engine's deadlines.
 */
final class SimulatedNetwork {
    static final long MS = 1_000_000L;

    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final Map<Peer, Node> directory = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Random random;
    private final double loss;
    private final double duplication;
    private final long maxDelayNanos;
    private long now;
    private long sequence;
    /** Sees every datagram that is sent (before loss), for tests that inspect the wire. */
    BiConsumer<Peer, byte[]> wireTap = (to, datagram) -> { };

    SimulatedNetwork(long seed, double loss, double duplication, long maxDelayNanos) {
        this.random = new Random(seed);
        this.loss = loss;
        this.duplication = duplication;
        this.maxDelayNanos = maxDelayNanos;
    }

    private record Event(long at, long sequence, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    /** What a node does with a request it receives. */
    interface ServerBehaviour {
        void handle(Node node, ServerExchange exchange);
    }

    /** One engine at one address. */
    final class Node implements EngineOutput {
        final Peer self;
        final CoapEngine engine;
        ServerBehaviour behaviour = (node, exchange) -> { };

        private Node(Peer self, EngineConfig config, long seed, List<MessageLayer> layers) {
            this.self = self;
            this.engine = new CoapEngine(config, this, new Random(seed), layers);
        }

        @Override
        public void send(Peer peer, byte[] datagram) {
            wireTap.accept(peer, datagram);
            if (random.nextDouble() < loss) {
                return;
            }
            int copies = random.nextDouble() < duplication ? 2 : 1;
            Node target = directory.get(peer);
            for (int i = 0; i < copies; i++) {
                long delay = (long) (random.nextDouble() * maxDelayNanos);
                // The receiver sees the sender as a Peer of its own making (as a transport would).
                Peer from = new PlainPeer(self.address());
                at(now + delay, () -> target.engine.receive(from, datagram, 0, datagram.length, now));
            }
        }

        @Override
        public void requestReceived(ServerExchange exchange) {
            behaviour.handle(this, exchange);
        }
    }

    Node node(Peer self, long seed) {
        return node(self, EngineConfig.DEFAULT, seed, List.of());
    }

    Node node(Peer self, EngineConfig config, long seed, List<MessageLayer> layers) {
        Node node = new Node(self, config, seed, layers);
        directory.put(self, node);
        nodes.add(node);
        return node;
    }

    long now() {
        return now;
    }

    void at(long time, Runnable action) {
        events.add(new Event(time, sequence++, action));
    }

    /** Delivers datagrams and fires every node's deadlines, in time order, until {@code end}. */
    void runUntil(long end) {
        while (true) {
            long next = Long.MAX_VALUE;
            Event head = events.peek();
            if (head != null) {
                next = head.at;
            }
            for (Node node : nodes) {
                long d = node.engine.nextDeadline();
                if (d < next) {
                    next = d;
                }
            }
            if (next == Long.MAX_VALUE || next > end) {
                now = end;
                for (Node node : nodes) {
                    node.engine.tick(now);
                }
                return;
            }
            now = Math.max(now, next);
            while ((head = events.peek()) != null && head.at <= now) {
                events.poll().action.run();
            }
            for (Node node : nodes) {
                if (node.engine.nextDeadline() <= now) {
                    node.engine.tick(now);
                }
            }
        }
    }

    List<Node> nodes() {
        return nodes;
    }
}
