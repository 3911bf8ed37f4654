package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both DTLS roles of a socket in one {@link DtlsEndpoint}, in virtual time: handles, routing, one association per address pair. */
class DtlsEndpointTest {
    private static final InetSocketAddress A = VirtualNetwork.address("10.1.0.1", 5684);
    private static final InetSocketAddress B = VirtualNetwork.address("10.1.0.2", 5684);
    private static final InetSocketAddress C = VirtualNetwork.address("10.1.0.3", 5684);

    private record Packet(long at, long order, InetSocketAddress from, InetSocketAddress to, byte[] bytes)
            implements Comparable<Packet> {
        @Override
        public int compareTo(Packet other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private record Seen(DtlsConnection connection, DtlsEvent event) {
    }

    /** An endpoint on the simulated network, recording its events. */
    private final class Node implements DtlsOutput {
        final InetSocketAddress address;
        final DtlsEndpoint endpoint;
        final List<Seen> events = new ArrayList<>();
        /** Offloaded jobs kept for the test to run, when {@link #deferOffload}; otherwise they run at once. */
        final List<CryptoJob> offloaded = new ArrayList<>();
        boolean deferOffload;

        Node(InetSocketAddress address, boolean acceptHandshakes, int maxClients, long seed) {
            this.address = address;
            DtlsConfig config = Fixture.config("c", KEY);
            this.endpoint = new DtlsEndpoint(config, Fixture.crypto(seed), new DtlsMetrics(), acceptHandshakes,
                    maxClients, now);
            nodes.put(address, this);
        }

        @Override
        public void datagram(InetSocketAddress to, byte[] datagram) {
            inFlight.add(new Packet(now + Fixture.ms(5), order++, address, to, datagram));
        }

        @Override
        public void event(DtlsConnection connection, DtlsEvent event) {
            events.add(new Seen(connection, event));
        }

        @Override
        public void offload(CryptoJob job) {
            if (deferOffload) {
                offloaded.add(job);
            } else {
                job.run();
            }
        }

        DtlsConnection connect(InetSocketAddress to) {
            return endpoint.connect(to, Optional.empty(), now, this);
        }

        <T extends DtlsEvent> List<T> eventsOf(DtlsConnection connection, Class<T> type) {
            return events.stream().filter(seen -> seen.connection() == connection).map(Seen::event)
                    .filter(type::isInstance).map(type::cast).toList();
        }
    }

    private final Map<InetSocketAddress, Node> nodes = new HashMap<>();
    private final PriorityQueue<Packet> inFlight = new PriorityQueue<>();
    private long now;
    private long order;

    private void run() {
        runFor(60_000);
    }

    /** Delivers datagrams and fires timers for {@code millis} of virtual time. */
    private void runFor(long millis) {
        long until = now + Fixture.ms(millis);
        while (true) {
            long next = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().at();
            for (Node node : nodes.values()) {
                next = Math.min(next, node.endpoint.nextDeadline());
            }
            if (next > until) {
                return;
            }
            now = Math.max(now, next);
            if (!inFlight.isEmpty() && inFlight.peek().at() <= now) {
                Packet packet = inFlight.poll();
                Node to = nodes.get(packet.to());
                if (to != null) {
                    to.endpoint.receive(packet.from(), packet.bytes(), 0, packet.bytes().length, now, to);
                }
            } else {
                for (Node node : new ArrayList<>(nodes.values())) {
                    if (node.endpoint.nextDeadline() <= now) {
                        node.endpoint.onTimer(now, node);
                    }
                }
            }
        }
    }

    @Test
    void eachRoleHandsOutAHandleThatDataIsSentToAndEventsName() {
        Node a = new Node(A, true, 10, 1);
        Node b = new Node(B, true, 10, 2);
        DtlsConnection toB = a.connect(B);
        run();

        DtlsConnection fromA = b.endpoint.established(A);
        assertThat(fromA).isNotNull();
        assertThat(fromA.role()).isEqualTo(ConnectionEnd.SERVER);
        assertThat(a.endpoint.established(B)).isSameAs(toB);
        assertThat(toB.session().orElseThrow().connection()).isSameAs(toB);
        assertThat(a.eventsOf(toB, DtlsEvent.HandshakeCompleted.class)).hasSize(1);

        b.endpoint.send(fromA, new byte[] {1, 2, 3}, 0, 3, now, b);
        run();
        assertThat(a.eventsOf(toB, DtlsEvent.ApplicationData.class)).singleElement()
                .satisfies(data -> assertThat(data.data()).containsExactly(1, 2, 3));
        assertThat(a.endpoint.clientSessions()).isEqualTo(1);
        assertThat(b.endpoint.serverSessions()).isEqualTo(1);
    }

    @Test
    void aServerJobResumesThroughTheEndpointWhileAnotherPeersHandshakeCompletes() {
        Node server = new Node(A, true, 10, 1);
        java.util.concurrent.atomic.AtomicInteger computations = new java.util.concurrent.atomic.AtomicInteger();
        AwaitingFirst.install(server.endpoint, computations);
        server.deferOffload = true;
        Node b = new Node(B, true, 10, 2);
        Node c = new Node(C, true, 10, 3);
        DtlsConnection bToServer = b.connect(A);
        runFor(100);
        assertThat(server.offloaded).hasSize(1);
        CryptoJob bJob = server.offloaded.remove(0);
        assertThatThrownBy(() -> server.endpoint.resume(bJob, now, server)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run()");

        DtlsConnection cToServer = c.connect(A);
        runFor(100);
        CryptoJob cJob = server.offloaded.remove(0);
        cJob.run();
        server.endpoint.resume(cJob, now, server);
        runFor(100);
        assertThat(c.eventsOf(cToServer, DtlsEvent.HandshakeCompleted.class)).hasSize(1);
        assertThat(b.eventsOf(bToServer, DtlsEvent.HandshakeCompleted.class)).as("b's job has not run").isEmpty();

        bJob.run();
        server.endpoint.resume(bJob, now, server);
        runFor(100);
        assertThat(computations).hasValue(2);
        assertThat(server.endpoint.serverSessions()).isEqualTo(2);
        assertThat(server.endpoint.server().engine().cryptoJobs.outstanding()).isZero();
    }

    @Test
    void aHandshakeThePeerStartsFromTheAddressOfOurClientConnectionReplacesIt() {
        Node a = new Node(A, true, 10, 1);
        Node b = new Node(B, true, 10, 2);
        DtlsConnection toB = a.connect(B);
        run();

        // b lost its state and contacts a anew from the same address.
        nodes.remove(B);
        Node restarted = new Node(B, true, 10, 3);
        restarted.connect(A);
        run();

        assertThat(a.eventsOf(toB, DtlsEvent.Closed.class)).singleElement()
                .satisfies(closed -> assertThat(closed.reason()).isEqualTo(DtlsEvent.CloseReason.REPLACED));
        DtlsConnection now = a.endpoint.established(B);
        assertThat(now).isNotSameAs(toB);
        assertThat(now.role()).isEqualTo(ConnectionEnd.SERVER);
        assertThat(a.endpoint.clientConnections()).isZero();
    }

    @Test
    void whenOurClientHandshakeCompletesTheServerSessionWithThatAddressIsClosed() {
        Node a = new Node(A, true, 10, 1);
        Node b = new Node(B, true, 10, 2);
        DtlsConnection bToA = b.connect(A);
        run();
        DtlsConnection served = a.endpoint.established(B);

        DtlsConnection aToB = a.connect(B);
        run();

        assertThat(a.eventsOf(served, DtlsEvent.Closed.class)).singleElement()
                .satisfies(closed -> assertThat(closed.reason()).isEqualTo(DtlsEvent.CloseReason.REPLACED));
        assertThat(a.endpoint.established(B)).isSameAs(aToB);
        assertThat(a.endpoint.serverSessions()).isZero();
        assertThat(b.eventsOf(bToA, DtlsEvent.Closed.class)).as("b replaced it when our handshake came from A").singleElement()
                .satisfies(closed -> assertThat(closed.reason()).isEqualTo(DtlsEvent.CloseReason.REPLACED));
    }

    @Test
    void aClientOnlyEndpointRefusesHandshakesStartedByOthers() {
        Node clientOnly = new Node(A, false, 10, 1);
        Node b = new Node(B, true, 10, 2);
        DtlsConnection refused = b.connect(A);
        run();

        assertThat(refused.status()).isEqualTo(DtlsConnection.Status.FAILED);
        assertThat(clientOnly.endpoint.refusedDatagrams()).isPositive();
        assertThat(clientOnly.endpoint.serverSessions()).isZero();
    }

    @Test
    void theLeastRecentlyUsedEstablishedClientConnectionMakesRoom() {
        Node a = new Node(A, true, 2, 1);
        new Node(B, true, 10, 2);
        new Node(C, true, 10, 3);
        DtlsConnection toB = a.connect(B);
        DtlsConnection toC = a.connect(C);
        assertThatThrownBy(() -> a.connect(VirtualNetwork.address("10.1.0.4", 5684)))
                .as("both still handshaking").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maxClientConnections");
        run();

        a.connect(VirtualNetwork.address("10.1.0.4", 5684));
        assertThat(a.eventsOf(toB, DtlsEvent.Closed.class)).singleElement()
                .satisfies(closed -> assertThat(closed.reason()).isEqualTo(DtlsEvent.CloseReason.EVICTED));
        assertThat(toC.isEstablished()).isTrue();
    }
}
