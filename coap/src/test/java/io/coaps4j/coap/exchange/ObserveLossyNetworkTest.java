package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Observe over a seeded network that loses, duplicates and reorders: the client sees states in
 * increasing order only, none twice, and ends with the latest one once the network lets it through.
 */
class ObserveLossyNetworkTest {
    private static final long MS = SimulatedNetwork.MS;
    private static final long SECOND = 1000 * MS;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theClientSeesFreshStatesInOrderAndTheLatestLast(long seed) {
        SimulatedNetwork network = new SimulatedNetwork(seed, 0.2, 0.1, 300 * MS);
        PlainPeer serverAddress = new PlainPeer(new InetSocketAddress("10.0.0.1", 5683));
        PlainPeer clientAddress = new PlainPeer(new InetSocketAddress("10.0.0.2", 40000));
        SimulatedNetwork.Node server = network.node(serverAddress, seed);
        SimulatedNetwork.Node client = network.node(clientAddress, seed + 100);
        List<Observation> observations = new ArrayList<>();
        int[] state = {0};
        MessageType type = seed % 2 == 0 ? MessageType.CON : MessageType.NON;
        server.behaviour = (node, exchange) -> {
            Observation observation = node.engine.observe(exchange, CoapResponse.content(Integer.toString(state[0])),
                    type, null, network.now());
            if (observation != null) {
                observations.add(observation);
            }
        };
        List<Integer> seen = new ArrayList<>();
        List<ExchangeFailure> ends = new ArrayList<>();
        Message get = Message.of(MessageType.CON, Code.GET, 0, Token.EMPTY,
                List.of(Option.ofString(OptionNumber.URI_PATH, "n")), new byte[0]);
        client.engine.observe(serverAddress, get, 60 * SECOND, new NotificationListener() {
            @Override
            public void onNotification(Message notification) {
                seen.add(Integer.parseInt(notification.payloadAsString()));
            }

            @Override
            public void onEnded(ExchangeFailure failure) {
                ends.add(failure);
            }
        }, network.now());
        network.runUntil(10 * SECOND);
        assertThat(observations).as("registered").isNotEmpty();
        Observation observation = observations.get(observations.size() - 1);
        for (int i = 1; i <= 30; i++) {
            state[0] = i;
            int value = i;
            network.at(network.now() + i * 100 * MS, () -> server.engine.notifyObserver(observation,
                    CoapResponse.content(Integer.toString(value)), network.now()));
        }
        network.runUntil(20 * SECOND);
        // A final CON makes sure the last state gets through a lossy network.
        network.at(network.now(), () -> {
            state[0] = 31;
            server.engine.notifyObserver(observation, CoapResponse.content("31"), network.now());
        });
        network.runUntil(120 * SECOND);

        assertThat(seen).as("seed %d, %s notifications", seed, type).isSorted().doesNotHaveDuplicates();
        assertThat(ends).isEmpty();
        if (type == MessageType.CON) {
            assertThat(seen).as("a CON observer ends with the latest state").endsWith(31);
        }
    }
}
