package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import io.coaps4j.dtls.record.DropReason;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand handshakes, then requests, over a network that loses 30 % of the datagrams, holds back 25 % so
 * that later ones overtake them, and delivers 20 % twice (seeded, virtual time): every handshake completes or
 * fails cleanly, no request reaches the server's application twice (the replay window, RFC 6347 4.1.2.6), and
 * once the clients are gone nothing is left on the server. {@link LossyNetworkTest} covers loss alone.
 */
class FaultyNetworkTest {
    private static final int CLIENTS = 1_000;
    private static final int REQUESTS = 3;

    @Test
    void aThousandClientsOverLossReorderingAndDuplicationCompleteOnceOrFailCleanly() {
        InMemoryPskStore store = InMemoryPskStore.builder().add("device", KEY).build();
        DtlsConfig config = DtlsConfig.builder().pskStore(store).retransmission(RetransmissionPolicy.DEFAULT).build();
        DtlsServer server = new DtlsServer(config, Fixture.crypto(1), new DtlsMetrics(), 0);
        VirtualNetwork network = new VirtualNetwork(server, 43, 0.30, 20);
        network.reordering = 0.25;
        network.reorderDelay = Fixture.ms(60);
        network.duplication = 0.20;

        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            InetSocketAddress address = VirtualNetwork.address("10.2." + (i / 200) + "." + (i % 200 + 1), 30000 + i);
            addresses.add(address);
            network.runUntil(Fixture.ms(i * 10L));
            network.now = Math.max(network.now, Fixture.ms(i * 10L));
            network.start(address, DtlsConnection.client(config, Fixture.crypto(5000 + i), new DtlsMetrics(),
                    VirtualNetwork.SERVER, Optional.empty()));
        }
        network.run();

        int established = 0;
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < CLIENTS; i++) {
            InetSocketAddress address = addresses.get(i);
            DtlsConnection client = network.clients.get(address);
            assertThat(client.status()).isIn(DtlsConnection.Status.ESTABLISHED, DtlsConnection.Status.FAILED);
            assertThat(client.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
            if (client.status() == DtlsConnection.Status.ESTABLISHED) {
                established++;
                for (int k = 0; k < REQUESTS; k++) {
                    String request = "req-" + i + "-" + k;
                    sent.add(request);
                    network.clientOutput(address, client.send(request.getBytes(StandardCharsets.UTF_8), network.now));
                }
            } else {
                assertThat(network.eventsOf(address)).last().isInstanceOf(DtlsEvent.Failed.class);
            }
        }
        network.run();

        Map<String, Integer> handled = new HashMap<>();
        network.serverEvents.stream().map(DtlsServer.PeerEvent::event)
                .filter(DtlsEvent.ApplicationData.class::isInstance).map(DtlsEvent.ApplicationData.class::cast)
                .forEach(data -> handled.merge(new String(data.data(), StandardCharsets.UTF_8), 1, Integer::sum));
        System.out.println("established " + established + " of " + CLIENTS + ", requests handled " + handled.size()
                + " of " + sent.size() + ", " + server.metrics());
        assertThat(handled.values()).as("no request handled twice").allMatch(count -> count == 1);
        assertThat(sent).containsAll(handled.keySet());
        assertThat(server.metrics().recordsDropped(DropReason.REPLAY)).as("duplicates seen and dropped").isPositive();
        assertThat(established).isGreaterThan(CLIENTS * 9 / 10);
        assertThat(handled.size()).as("about 70 % of requests survive the loss").isGreaterThan(sent.size() / 2);
        assertThat(server.handshakeCount()).isZero();

        for (InetSocketAddress address : addresses) {
            DtlsConnection client = network.clients.get(address);
            if (client.status() == DtlsConnection.Status.ESTABLISHED) {
                network.clientOutput(address, client.close(network.now));
            }
        }
        network.run();
        network.runUntil(network.now + config.idleTimeout().toNanos());

        assertThat(server.connectionCount()).as("nothing left").isZero();
        assertThat(server.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        assertThat(server.pendingFragmentedHellos()).isZero();
    }
}
