package io.coaps4j.bench.loadgen;

import io.coaps4j.bench.BenchRpk;
import io.coaps4j.bench.server.CaliforniumRpkServer;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import org.eclipse.californium.core.CoapServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's RawPublicKey clients against Scandium as the independent server (client authentication
 * needed, trusting only the run's generator key): full ECDHE_ECDSA handshakes complete, idle sessions hold,
 * and a generator key the server does not trust fails every handshake.
 */
class RpkHandshakesTest {
    private static final BenchRpk KEYS = BenchRpk.generate();
    private static CoapServer scandium;
    private static InetSocketAddress address;

    @BeforeAll
    static void startScandium() {
        scandium = CaliforniumRpkServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), KEYS, null, null);
        scandium.start();
        address = scandium.getEndpoints().get(0).getAddress();
    }

    @AfterAll
    static void stopScandium() {
        scandium.destroy();
    }

    @Test
    void handshakersCompleteFullRpkHandshakes() throws Exception {
        HandshakeResult result = HandshakeGenerator.run(address, DtlsClientTransport.rpkConfig(KEYS.clientCredentials()), 2,
                Duration.ofMillis(300), Duration.ofMillis(1500), Duration.ofSeconds(5), WindowObserver.NONE);

        assertThat(result.completed()).isPositive();
        assertThat(result.failed()).isZero();
    }

    @Test
    void idleRpkSessionsStayEstablishedAndAnswer() throws Exception {
        try (IdleSessions sessions = IdleSessions.open(address, DtlsClientTransport.rpkConfig(KEYS.clientCredentials()), 10, 2,
                Duration.ofSeconds(5))) {
            assertThat(sessions.established()).isEqualTo(10);
            assertThat(sessions.stillAnswering(5)).isEqualTo(5);
        }
    }

    @Test
    void aClientKeyTheServerDoesNotTrustFailsEveryHandshake() throws Exception {
        KeyPair stranger = BenchRpk.generate().clientKey();
        RawPublicKeyCredentials untrusted = new RawPublicKeyCredentials(stranger.getPrivate(), stranger.getPublic(),
                Set.of(KEYS.serverKey().getPublic()));
        HandshakeResult result = HandshakeGenerator.run(address, DtlsClientTransport.rpkConfig(untrusted), 1, Duration.ZERO,
                Duration.ofMillis(1500), Duration.ofMillis(800), WindowObserver.NONE);

        assertThat(result.completed()).isZero();
        assertThat(result.failed()).isPositive();
    }
}
