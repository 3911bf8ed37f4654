package io.coaps4j.dtls.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

import java.util.Random;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** Network input never makes the engine throw, and garbage never buys a connection. */
class EngineFuzzTest {

    @Property(tries = 2000)
    void randomDatagramsToTheServerAreHarmless(@ForAll @Size(max = 400) byte[] datagram, @ForAll int port) {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        server.receive(VirtualNetwork.address("10.9.9.9", Math.floorMod(port, 65535) + 1), datagram, 0);
        assertThat(server.connectionCount()).isZero();
    }

    @Property(tries = 100)
    void aClientRestartingOverALossyMutatingNetworkLeavesOneConsistentSession(@ForAll long seed,
                                                                            @ForAll @DoubleRange(min = 0, max = 0.3) double loss) {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, seed, 0, 5);
        DtlsConnection first = Fixture.client(Fixture.config("c", KEY), seed);
        network.start(CLIENT, first);
        network.run();
        DtlsSession old = server.session(CLIENT).orElseThrow();

        VirtualNetwork lossy = new VirtualNetwork(server, seed, loss, 5);
        lossy.now = network.now;
        mutateCopies(lossy, new Random(seed));
        DtlsConnection second = Fixture.client(Fixture.config("c", KEY), seed + 1);
        lossy.start(CLIENT, second);
        lossy.run();

        assertThat(server.handshakeCount()).isZero();
        assertThat(server.successor(CLIENT)).isEmpty();
        assertThat(server.connectionCount()).isLessThanOrEqualTo(1);
        java.util.Optional<DtlsSession> now = server.session(CLIENT);
        if (now.isPresent() && now.get() == old) {
            // The new handshake failed: the session went on, and nothing was said about the attempt.
            assertThat(lossy.serverEventsOf(CLIENT)).isEmpty();
        } else {
            // Only a completed new handshake ends the old session; the new one may then fail in turn
            // (a mutated Finished at the client is fatal there) or be half-open (the client gave up).
            assertThat(lossy.serverEventsOf(CLIENT)).first()
                    .isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.REPLACED));
            assertThat(server.metrics().sessionsReplaced()).isEqualTo(1);
        }
        if (second.status() == DtlsConnection.Status.ESTABLISHED) {
            assertThat(now).hasValueSatisfying(
                    session -> assertThat(session.sessionId()).isEqualTo(second.session().orElseThrow().sessionId()));
        }
    }

    /** Every datagram also arrives mutated: bits flipped, sometimes truncated. */
    private static void mutateCopies(VirtualNetwork network, Random random) {
        network.filter = packet -> {
            byte[] copy = packet.bytes().clone();
            int flips = 1 + random.nextInt(3);
            for (int i = 0; i < flips; i++) {
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            }
            if (random.nextBoolean()) {
                copy = java.util.Arrays.copyOf(copy, random.nextInt(copy.length + 1));
            }
            network.inject(packet.from(), packet.to(), copy);
            return true;
        };
    }

    @Property(tries = 150)
    void mutatedCopiesOfEveryDatagramNeverBreakTheEngine(@ForAll long seed,
                                                         @ForAll @DoubleRange(min = 0, max = 0.3) double loss) {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, seed, loss, 5);
        mutateCopies(network, new Random(seed));
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), seed);
        network.start(CLIENT, client);
        network.run();

        assertThat(client.status()).isNotEqualTo(DtlsConnection.Status.HANDSHAKING);
        assertThat(server.handshakeCount()).isZero();
        assertThat(server.connectionCount()).isLessThanOrEqualTo(1);
        if (client.status() == DtlsConnection.Status.ESTABLISHED) {
            assertThat(server.session(CLIENT)).hasValueSatisfying(
                    s -> assertThat(s.sessionId()).isEqualTo(client.session().orElseThrow().sessionId()));
        }
    }
}
