package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand handshakes over a network that loses 30 % of the datagrams (seeded): every one either
 * completes or fails cleanly, and once the clients have closed their sessions (losing some close_notify)
 * the idle timeout ends what is left on the server, half-open sessions included: nothing remains.
 */
class LossyNetworkTest {
    private static final int CLIENTS = 1_000;

    @Test
    void aThousandHandshakesAtThirtyPercentLossCompleteOrFailCleanly() {
        InMemoryPskStore store = InMemoryPskStore.builder().add("device", KEY).build();
        DtlsConfig config = DtlsConfig.builder().pskStore(store).retransmission(RetransmissionPolicy.DEFAULT).build();
        DtlsServer server = new DtlsServer(config, Fixture.crypto(1), new DtlsMetrics(), 0);
        VirtualNetwork network = new VirtualNetwork(server, 42, 0.30, 20);

        List<InetSocketAddress> addresses = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            InetSocketAddress address = VirtualNetwork.address("10.1." + (i / 200) + "." + (i % 200 + 1), 30000 + i);
            addresses.add(address);
            network.runUntil(Fixture.ms(i * 10L));
            network.now = Math.max(network.now, Fixture.ms(i * 10L));
            network.start(address, DtlsConnection.client(config, Fixture.crypto(1000 + i), new DtlsMetrics(),
                    VirtualNetwork.SERVER, java.util.Optional.empty()));
        }
        network.run();

        int established = 0;
        int failed = 0;
        for (InetSocketAddress address : addresses) {
            DtlsConnection client = network.clients.get(address);
            List<DtlsEvent> events = network.eventsOf(address);
            if (client.status() == DtlsConnection.Status.ESTABLISHED) {
                established++;
                assertThat(events).hasSize(1).first().isInstanceOf(DtlsEvent.HandshakeCompleted.class);
                DtlsSession session = client.session().orElseThrow();
                assertThat(server.session(address)).hasValueSatisfying(
                        s -> assertThat(s.sessionId()).isEqualTo(session.sessionId()));
            } else {
                failed++;
                assertThat(client.status()).isEqualTo(DtlsConnection.Status.FAILED);
                assertThat(events).last().isInstanceOf(DtlsEvent.Failed.class);
            }
            assertThat(client.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        }
        System.out.println("established " + established + ", failed " + failed + ", half-open "
                + (server.sessionCount() - established) + ", " + server.metrics());
        assertThat(established + failed).isEqualTo(CLIENTS);
        assertThat(established).as("established of %d", CLIENTS).isGreaterThan(CLIENTS * 9 / 10);
        assertThat(server.handshakeCount()).as("handshakes left in progress").isZero();
        // Server-side sessions left: every established client, plus those whose client gave up after the
        // server had already finished (its last flight lost every time): half-open.
        assertThat(server.sessionCount()).isGreaterThanOrEqualTo(established);
        int halfOpen = server.sessionCount() - established;

        for (InetSocketAddress address : addresses) {
            DtlsConnection client = network.clients.get(address);
            if (client.status() == DtlsConnection.Status.ESTABLISHED) {
                network.clientOutput(address, client.close(network.now));
            }
        }
        network.run();
        // close_notify can be lost too: what it did not end, and the half-open sessions, end with the idle
        // timeout, in virtual time, without anyone closing them.
        int left = server.sessionCount();
        assertThat(left).isGreaterThanOrEqualTo(halfOpen);
        assertThat(server.nextDeadline()).isEqualTo(lastActivityOfOldest(server, network) + config.idleTimeout().toNanos());
        network.runUntil(network.now + config.idleTimeout().toNanos());

        assertThat(server.connectionCount()).isZero();
        assertThat(server.handshakeCount()).isZero();
        assertThat(server.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        assertThat(server.metrics().handshakesSucceeded()).isGreaterThanOrEqualTo(established);
        assertThat(server.metrics().sessionsExpired()).isEqualTo(left);
        for (InetSocketAddress address : addresses) {
            assertThat(network.clients.get(address).status()).isIn(DtlsConnection.Status.CLOSED, DtlsConnection.Status.FAILED);
        }
    }

    /** The time the least recently active server session was last active: no session is older. */
    private static long lastActivityOfOldest(DtlsServer server, VirtualNetwork network) {
        long oldest = Long.MAX_VALUE;
        for (InetSocketAddress address : network.clients.keySet()) {
            oldest = Math.min(oldest, server.connection(address)
                    .filter(c -> c.status() == DtlsConnection.Status.ESTABLISHED)
                    .map(DtlsConnection::lastActivity).orElse(Long.MAX_VALUE));
        }
        return oldest;
    }
}
