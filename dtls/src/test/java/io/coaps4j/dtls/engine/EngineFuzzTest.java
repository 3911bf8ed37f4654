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

    @Property(tries = 150)
    void mutatedCopiesOfEveryDatagramNeverBreakTheEngine(@ForAll long seed,
                                                         @ForAll @DoubleRange(min = 0, max = 0.3) double loss) {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, seed, loss, 5);
        Random random = new Random(seed);
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
