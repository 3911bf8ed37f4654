package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clients that answer the cookie and then fall silent, in virtual time: they must not keep the handshake
 * places from legitimate clients (per-address bound, short life of a stalled handshake, displacement).
 */
class HandshakeFloodTest {
    private static final String FLOODER = "203.0.113.7";

    @Test
    void aThousandSilentClientsFromOneAddressTakeOnlyTheirShareAndLegitimateClientsComplete() throws Exception {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        for (int port = 0; port < 1_000; port++) {
            flood(network, VirtualNetwork.address(FLOODER, 20_000 + port), port);
        }
        assertThat(server.handshakeCount()).isEqualTo(DtlsConfig.DEFAULT_MAX_HANDSHAKES_PER_ADDRESS);
        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.ADDRESS_HANDSHAKE_LIMIT))
                .isEqualTo(1_000 - DtlsConfig.DEFAULT_MAX_HANDSHAKES_PER_ADDRESS);

        List<DtlsConnection> legitimate = startClients(network, 5, 10_000);
        network.runUntil(2_000);
        assertThat(legitimate).allSatisfy(client ->
                assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED));

        // The silent ones end once stalled for stalledHandshakeTimeout, not after two minutes of retransmissions.
        network.runUntil(DtlsConfig.DEFAULT_STALLED_HANDSHAKE_TIMEOUT.toMillis() + 100);
        assertThat(server.handshakeCount()).isZero();
        assertThat(server.metrics().handshakesStalled()).isEqualTo(DtlsConfig.DEFAULT_MAX_HANDSHAKES_PER_ADDRESS);
        assertThat(server.sessionCount()).isEqualTo(5);
    }

    @Test
    void whenEveryPlaceIsTakenANewClientDisplacesTheOldestStalledHandshake() throws Exception {
        DtlsServer server = Fixture.server(Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                b -> b.maxConcurrentHandshakes(50).stalledHandshakeTimeout(Duration.ofSeconds(30))));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        int flooded = 0;
        for (; flooded < 50; flooded++) {
            flood(network, VirtualNetwork.address("198.51.100." + (flooded + 1), 30_000), flooded);
        }
        assertThat(server.handshakeCount()).isEqualTo(50);

        // The first legitimate client is refused while the flood is too young to be called stalled; its own
        // retransmitted hello one second later takes the place of the oldest silent client.
        List<DtlsConnection> legitimate = startClients(network, 3, 20_000);
        network.runUntil(100);
        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.CONNECTION_LIMIT)).isPositive();
        long maxHandshakes = 0;
        for (long time = 200; time <= 10_000; time += 200) {
            network.runUntil(time);
            for (int i = 0; i < 5; i++, flooded++) { // the flood goes on while they handshake
                flood(network, VirtualNetwork.address("198.51.101." + (flooded % 250 + 1), 30_000 + flooded / 250),
                        flooded);
            }
            maxHandshakes = Math.max(maxHandshakes, server.handshakeCount());
        }

        assertThat(legitimate).allSatisfy(client ->
                assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED));
        assertThat(server.metrics().handshakesDisplaced()).isPositive();
        assertThat(maxHandshakes).isLessThanOrEqualTo(50);
    }

    @Test
    void aHandshakeThatProgressesIsNeverStalled() {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        // Slow network: each flight takes 2 s, longer than the first retransmission timeout.
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 2_000);
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 7);
        network.start(VirtualNetwork.address("10.0.3.1", 40_000), client);
        network.run();
        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(server.metrics().handshakesStalled()).isZero();
    }

    @Test
    void configRejectsAStalledTimeoutShorterThanTheFirstRetransmission() {
        assertThatThrownBy(() -> Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                b -> b.stalledHandshakeTimeout(Duration.ofMillis(500))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stalledHandshakeTimeout");
        assertThatThrownBy(() -> Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                b -> b.maxHandshakesPerAddress(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxHandshakesPerAddress");
    }

    /** A client at {@code from} passes the cookie exchange, sends its hello with the cookie, and is never heard again. */
    private static void flood(VirtualNetwork network, InetSocketAddress from, long seed) throws Exception {
        byte[] hello = Hellos.verifiedHello(network.server, from, 1_000_000 + seed, network.now);
        network.serverOutput(network.server.receive(from, hello, network.now));
    }

    private static List<DtlsConnection> startClients(VirtualNetwork network, int count, int port) {
        List<DtlsConnection> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 500 + i);
            network.start(VirtualNetwork.address("10.0.2." + (i + 1), port), client);
            clients.add(client);
        }
        return clients;
    }
}
