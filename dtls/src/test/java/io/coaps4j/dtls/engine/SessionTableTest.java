package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** The server's sessions: idle timeout, room made for new sessions, and what may never displace a session. */
class SessionTableTest {
    /** Longer than {@link VirtualNetwork#QUIET_HORIZON_MILLIS}, so that running the network to quiet expires nothing. */
    private static final long IDLE = 2 * VirtualNetwork.QUIET_HORIZON_MILLIS;
    private static final InetSocketAddress A = VirtualNetwork.address("10.0.0.11", 40001);
    private static final InetSocketAddress B = VirtualNetwork.address("10.0.0.12", 40002);
    private static final InetSocketAddress C = VirtualNetwork.address("10.0.0.13", 40003);
    private static final InetSocketAddress D = VirtualNetwork.address("10.0.0.14", 40004);

    private static DtlsConfig config(Consumer<DtlsConfig.Builder> tweak) {
        return Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(), b -> {
            b.idleTimeoutMillis(IDLE);
            tweak.accept(b);
        });
    }

    private static void connect(VirtualNetwork network, InetSocketAddress address, DtlsConfig config, long seed) {
        network.start(address, Fixture.client(config, seed));
        network.run();
        assertThat(network.clients.get(address).status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
    }

    @Test
    void aSessionWithoutTrafficForTheIdleTimeoutIsClosedWithCloseNotify() {
        DtlsConfig config = config(b -> { });
        DtlsServer server = Fixture.server(config);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        connect(network, A, config, 1);
        long established = server.connection(A).orElseThrow().lastActivity();
        assertThat(server.nextDeadline()).isEqualTo(established + IDLE);

        // Traffic in either direction is activity; the deadline moves with it.
        network.runUntil(established + IDLE / 2);
        network.now = established + IDLE / 2;
        network.clientOutput(A, network.clients.get(A).send(new byte[] {1}, network.now));
        network.run();
        long received = server.connection(A).orElseThrow().lastActivity();
        assertThat(received).isEqualTo(established + IDLE / 2 + 5);
        network.now = received + 1_000;
        network.serverOutput(server.send(A, new byte[] {2}, network.now));
        long sent = network.now;
        assertThat(server.nextDeadline()).isEqualTo(sent + IDLE);

        network.runUntil(sent + IDLE - 1);
        assertThat(server.session(A)).isPresent();
        network.runUntil(sent + IDLE + 10);

        assertThat(server.sessionCount()).isZero();
        assertThat(server.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        assertThat(network.serverEventsOf(A)).last().isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.IDLE_TIMEOUT));
        assertThat(network.eventsOf(A)).last().isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.PEER_CLOSED));
        assertThat(server.metrics().sessionsExpired()).isEqualTo(1);
    }

    @Test
    void recordsThatDoNotAuthenticateDoNotKeepASessionAlive() {
        DtlsConfig config = config(b -> { });
        DtlsServer server = Fixture.server(config);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        connect(network, A, config, 2);
        long established = server.connection(A).orElseThrow().lastActivity();

        // A forged record of the session's epoch, and a replay of a genuine one, from the client's address.
        network.now = established + IDLE / 2;
        byte[] genuine = network.clients.get(A).send(new byte[] {1}, network.now).datagrams().get(0);
        byte[] forged = genuine.clone();
        forged[forged.length - 1] ^= 1;
        server.receive(A, forged, network.now);
        server.receive(A, genuine, network.now);
        long activity = server.connection(A).orElseThrow().lastActivity();
        assertThat(activity).isEqualTo(network.now);
        server.receive(A, genuine, network.now + 1_000);
        server.receive(A, forged, network.now + 2_000);

        assertThat(server.connection(A).orElseThrow().lastActivity()).isEqualTo(activity);
        assertThat(server.nextDeadline()).isEqualTo(activity + IDLE);
        server.onTimer(activity + IDLE);
        assertThat(server.session(A)).isEmpty();
    }

    @Test
    void aCompletedHandshakeBeyondTheLimitClosesTheLeastRecentlyActiveSession() {
        DtlsConfig config = config(b -> b.maxConnections(3).maxConcurrentHandshakes(2));
        DtlsServer server = Fixture.server(config);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        connect(network, A, config, 3);
        connect(network, B, config, 4);
        connect(network, C, config, 5);
        // A is used again, so B is now the least recently active.
        network.clientOutput(A, network.clients.get(A).send(new byte[] {1}, network.now));
        network.run();

        connect(network, D, config, 6);

        assertThat(server.sessionCount()).isEqualTo(3);
        assertThat(server.session(B)).isEmpty();
        assertThat(server.session(A)).isPresent();
        assertThat(server.session(C)).isPresent();
        assertThat(server.session(D)).isPresent();
        assertThat(network.serverEventsOf(B)).last().isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.EVICTED));
        assertThat(network.clients.get(B).status()).isEqualTo(DtlsConnection.Status.CLOSED);
        assertThat(server.metrics().sessionsEvicted()).isEqualTo(1);
    }

    @Test
    void handshakesThatNeverCompleteDisplaceNoSession() throws Exception {
        DtlsConfig config = config(b -> b.maxConnections(2).maxConcurrentHandshakes(2));
        DtlsServer server = Fixture.server(config);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        connect(network, A, config, 7);
        connect(network, B, config, 8);

        // Clients that pass the cookie exchange (so they own their addresses) and go no further.
        long now = network.now;
        for (int i = 0; i < 5; i++) {
            InetSocketAddress address = VirtualNetwork.address("10.0.2." + (i + 1), 50000);
            server.receive(address, Hellos.verifiedHello(server, address, 100 + i, now), now);
        }
        assertThat(server.handshakeCount()).isEqualTo(2);
        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.CONNECTION_LIMIT)).isEqualTo(3);
        assertThat(server.connectionCount()).isEqualTo(4);
        while (server.handshakeCount() > 0) {
            now = server.nextDeadline();
            server.onTimer(now);
        }

        assertThat(server.sessionCount()).isEqualTo(2);
        assertThat(server.session(A)).isPresent();
        assertThat(server.session(B)).isPresent();
        assertThat(server.metrics().sessionsEvicted()).isZero();
        assertThat(server.metrics().handshakesStalled()).isEqualTo(2);
    }

    @Test
    void theOutputFormOfEachCallReportsWhatTheResultFormReturns() {
        DtlsConfig config = config(b -> { });
        DtlsServer server = Fixture.server(config);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        connect(network, A, config, 9);
        byte[] record = network.clients.get(A).send(new byte[] {7, 8}, network.now).datagrams().get(0);
        java.util.List<Object> seen = new java.util.ArrayList<>();
        DtlsOutput output = new DtlsOutput() {
            @Override
            public void datagram(InetSocketAddress to, byte[] datagram) {
                seen.add(to);
                seen.add(datagram.length);
            }

            @Override
            public void event(DtlsConnection connection, DtlsEvent event) {
                seen.add(connection.peer());
                seen.add(event);
            }
        };

        long deadline = server.receive(A, record, 0, record.length, network.now, output);
        server.send(A, new byte[] {9}, 0, 1, network.now, output);

        assertThat(deadline).isEqualTo(server.nextDeadline());
        assertThat(seen).hasSize(4);
        assertThat(seen.get(0)).isEqualTo(A);
        assertThat(((DtlsEvent.ApplicationData) seen.get(1)).data()).containsExactly(7, 8);
        assertThat(seen.get(2)).isEqualTo(A);
        assertThat(seen.get(3)).isEqualTo(13 + 8 + 8 + 1);
    }
}
