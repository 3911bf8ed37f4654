package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.messaging.TransmissionParameters;
import io.coaps4j.coap.exchange.SimulatedNetwork.Node;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final long MS = SimulatedNetwork.MS;
    private static final TransmissionParameters PARAMS = TransmissionParameters.DEFAULT;
    private static final double LOSS = 0.30;
    private static final double DUPLICATION = 0.10;
    private static final long MAX_DELAY = 400 * MS;
    private static final int CLIENTS = 12;
    private static final int REQUESTS_PER_CLIENT = 25;

    private SimulatedNetwork net;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void lossyNetworkEndsEveryRequestOnceWithinTheRfcBounds(long seed) {
        net = new SimulatedNetwork(seed, LOSS, DUPLICATION, MAX_DELAY);
        PlainPeer serverPeer = new PlainPeer(new InetSocketAddress("10.0.0.1", 5683));
        Node server = net.node(serverPeer, seed * 100);
        Map<String, Integer> handlerRuns = new HashMap<>();
        Random slowness = new Random(seed * 7);
        server.behaviour = (node, exchange) -> {
            String id = exchange.peer().address().getPort() + "/" + exchange.request().payloadAsString();
            handlerRuns.merge(id, 1, Integer::sum);
            CoapResponse response = CoapResponse.builder(Code.CONTENT).payload("re:" + exchange.request().payloadAsString()).build();
            if (slowness.nextInt(5) == 0) {
                // A slow handler: the engine must send an empty ACK, then a separate response.
                net.at(net.now() + 1500 * MS, () -> node.engine.respond(exchange, response, net.now()));
            } else {
                node.engine.respond(exchange, response, net.now());
            }
        };

        List<long[]> outcomes = new ArrayList<>(); // {start, end, ok(1)/timeout(0)}
        int[] wrongPayloads = {0};
        int[] duplicatesDelivered = {0};
        for (int c = 0; c < CLIENTS; c++) {
            PlainPeer clientPeer = new PlainPeer(new InetSocketAddress("10.0.1." + (c + 1), 40000 + c));
            Node client = net.node(clientPeer, seed * 1000 + c);
            MessageType type = c == 0 ? MessageType.NON : MessageType.CON;
            startSequence(client, serverPeer, type, 0, outcomes, wrongPayloads, duplicatesDelivered);
        }

        net.runUntil(30L * 60 * 1000 * MS);

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

        for (Node node : net.nodes()) {
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
        long start = net.now();
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
                outcomes.add(new long[] {start, net.now(), ok});
                startSequence(client, server, type, index + 1, outcomes, wrongPayloads, duplicatesDelivered);
            }
        }, net.now());
    }
}
