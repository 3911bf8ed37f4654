package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.messaging.TransmissionParameters;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many clients talk to one server over a seeded simulated network that loses 30 % of datagrams,
 * duplicates some and reorders them by random delays; time is virtual. Every request must end
 * exactly once, correctly or with a timeout, within MAX_TRANSMIT_WAIT; no handler may run twice;
 * and after EXCHANGE_LIFETIME no engine may hold any state.
 */
class SimulatedNetworkTest {
    private static final long MS = 1_000_000L;
    private static final TransmissionParameters PARAMS = TransmissionParameters.DEFAULT;
    private static final double LOSS = 0.30;
    private static final double DUPLICATION = 0.10;
    private static final long MAX_DELAY = 400 * MS;
    private static final int CLIENTS = 12;
    private static final int REQUESTS_PER_CLIENT = 25;

    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private long now = 0;
    private long sequence;
    private Random network;

    private record Event(long at, long sequence, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private final class Node implements EngineOutput {
        final Peer self;
        final CoapEngine engine;
        final Map<Peer, Node> directory;
        ServerBehaviour behaviour;

        Node(Peer self, Map<Peer, Node> directory, long seed) {
            this.self = self;
            this.directory = directory;
            this.engine = new CoapEngine(EngineConfig.DEFAULT, this, new Random(seed));
        }

        @Override
        public void send(Peer peer, byte[] datagram) {
            if (network.nextDouble() < LOSS) {
                return;
            }
            int copies = network.nextDouble() < DUPLICATION ? 2 : 1;
            Node target = directory.get(peer);
            for (int i = 0; i < copies; i++) {
                long delay = (long) (network.nextDouble() * MAX_DELAY);
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

    private interface ServerBehaviour {
        void handle(Node node, ServerExchange exchange);
    }

    private void at(long time, Runnable action) {
        events.add(new Event(time, sequence++, action));
    }

    private void runUntil(long end, List<Node> nodes) {
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

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void lossyNetworkEndsEveryRequestOnceWithinTheRfcBounds(long seed) {
        network = new Random(seed);
        Map<Peer, Node> directory = new HashMap<>();
        PlainPeer serverPeer = new PlainPeer(new InetSocketAddress("10.0.0.1", 5683));
        Node server = new Node(serverPeer, directory, seed * 100);
        directory.put(serverPeer, server);
        Map<String, Integer> handlerRuns = new HashMap<>();
        Random slowness = new Random(seed * 7);
        server.behaviour = (node, exchange) -> {
            String id = exchange.peer().address().getPort() + "/" + exchange.request().payloadAsString();
            handlerRuns.merge(id, 1, Integer::sum);
            CoapResponse response = CoapResponse.builder(Code.CONTENT).payload("re:" + exchange.request().payloadAsString()).build();
            if (slowness.nextInt(5) == 0) {
                // A slow handler: the engine must send an empty ACK, then a separate response.
                at(now + 1500 * MS, () -> node.engine.respond(exchange, response, now));
            } else {
                node.engine.respond(exchange, response, now);
            }
        };

        List<Node> nodes = new ArrayList<>();
        nodes.add(server);
        List<long[]> outcomes = new ArrayList<>(); // {start, end, ok(1)/timeout(0)}
        int[] wrongPayloads = {0};
        int[] duplicatesDelivered = {0};
        for (int c = 0; c < CLIENTS; c++) {
            PlainPeer clientPeer = new PlainPeer(new InetSocketAddress("10.0.1." + (c + 1), 40000 + c));
            Node client = new Node(clientPeer, directory, seed * 1000 + c);
            directory.put(clientPeer, client);
            nodes.add(client);
            MessageType type = c == 0 ? MessageType.NON : MessageType.CON;
            startSequence(client, serverPeer, type, 0, outcomes, wrongPayloads, duplicatesDelivered);
        }

        runUntil(30L * 60 * 1000 * MS, nodes);

        assertThat(outcomes).hasSize(CLIENTS * REQUESTS_PER_CLIENT);
        assertThat(wrongPayloads[0]).isZero();
        assertThat(duplicatesDelivered[0]).isZero();
        long ok = outcomes.stream().filter(o -> o[2] == 1).count();
        assertThat(ok).as("most requests survive 30%% loss").isGreaterThan(outcomes.size() * 3L / 4);
        assertThat(ok).as("some requests must lose every transmission at this loss rate").isLessThan(outcomes.size());
        for (long[] o : outcomes) {
            assertThat(o[1] - o[0]).isLessThanOrEqualTo(PARAMS.maxTransmitWait().toNanos());
        }
        assertThat(handlerRuns.values()).allMatch(runs -> runs == 1);
        assertThat(handlerRuns.size()).isGreaterThanOrEqualTo((int) ok);

        for (Node node : nodes) {
            assertThat(node.engine.pendingRequests()).isZero();
            assertThat(node.engine.pendingTransmissions()).isZero();
            assertThat(node.engine.deduplicationEntries()).isZero();
            assertThat(node.engine.peerCount()).isZero();
            assertThat(node.engine.scheduledTimers()).isZero();
            assertThat(node.engine.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        }
    }

    private void startSequence(Node client, Peer server, MessageType type, int index, List<long[]> outcomes,
                               int[] wrongPayloads, int[] duplicatesDelivered) {
        if (index == REQUESTS_PER_CLIENT) {
            return;
        }
        String body = "req-" + index;
        Message request = Message.of(type, Code.POST, 0, Token.EMPTY,
                List.of(Option.ofString(OptionNumber.URI_PATH, "echo")), body.getBytes(StandardCharsets.UTF_8));
        long start = now;
        long timeout = PARAMS.maxTransmitWait().toNanos();
        client.engine.request(server, request, timeout, new ResponseListener() {
            boolean done;

            @Override
            public void onResponse(Message response) {
                finish(1);
                if (!response.payloadAsString().equals("re:" + body)) {
                    wrongPayloads[0]++;
                }
            }

            @Override
            public void onFailure(ExchangeFailure failure) {
                assertThat(failure).isEqualTo(ExchangeFailure.TIMEOUT);
                finish(0);
            }

            private void finish(int ok) {
                if (done) {
                    duplicatesDelivered[0]++;
                    return;
                }
                done = true;
                outcomes.add(new long[] {start, now, ok});
                startSequence(client, server, type, index + 1, outcomes, wrongPayloads, duplicatesDelivered);
            }
        }, now);
    }
}
