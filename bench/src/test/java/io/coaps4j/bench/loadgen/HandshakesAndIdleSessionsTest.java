package io.coaps4j.bench.loadgen;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.server.CaliforniumPskServer;
import io.coaps4j.dtls.config.DtlsConfig;
import org.eclipse.californium.core.CoapServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Back-to-back new connections and many idle sessions, against Scandium as the independent server. */
class HandshakesAndIdleSessionsTest {
    private static CoapServer scandium;
    private static InetSocketAddress address;

    @BeforeAll
    static void startScandium() {
        scandium = CaliforniumPskServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, null);
        scandium.start();
        address = scandium.getEndpoints().get(0).getAddress();
    }

    @AfterAll
    static void stopScandium() {
        scandium.destroy();
    }

    private static DtlsConfig config(byte[] key) {
        return DtlsClientTransport.pskConfig(address.getAddress(), BenchPsk.IDENTITY, key);
    }

    @Test
    void handshakersCompleteNewConnectionsOnlyInsideTheWindow() throws Exception {
        AtomicInteger windows = new AtomicInteger();
        WindowObserver observer = new WindowObserver() {
            @Override
            public void beforeWindow() {
                windows.incrementAndGet();
            }

            @Override
            public void afterWindow() {
                windows.incrementAndGet();
            }
        };
        HandshakeResult result = HandshakeGenerator.run(address, config(BenchPsk.key()), 2, Duration.ofMillis(300),
                Duration.ofMillis(1500), Duration.ofSeconds(5), observer);

        assertThat(windows).hasValue(2);
        assertThat(result.handshakers()).isEqualTo(2);
        assertThat(result.completed()).isGreaterThan(5);
        assertThat(result.failed()).isZero();
        assertThat(result.failuresByReason()).isEmpty();
        assertThat(result.completedPerSecond()).isPositive();
        assertThat(result.p50Nanos()).isPositive().isLessThanOrEqualTo(result.p99Nanos());
    }

    @Test
    void handshakesWithAWrongKeyCountAsFailures() throws Exception {
        HandshakeResult result = HandshakeGenerator.run(address, config("wrong-key-wrong-key".getBytes(StandardCharsets.US_ASCII)),
                1, Duration.ZERO, Duration.ofMillis(1500), Duration.ofMillis(400), WindowObserver.NONE);

        assertThat(result.completed()).isZero();
        assertThat(result.failed()).isPositive();
        assertThat(result.failuresByReason().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(result.failed());
        assertThat(result.failuresByReason().keySet()).allMatch(reason -> reason.startsWith("handshake"));
    }

    @Test
    void idleSessionsStayEstablishedAndAnswerWithoutANewHandshake() throws Exception {
        try (IdleSessions sessions = IdleSessions.open(address, config(BenchPsk.key()), 40, 3, Duration.ofSeconds(5))) {
            assertThat(sessions.established()).isEqualTo(40);
            assertThat(sessions.failed()).isZero();
            assertThat(sessions.stillAnswering(10)).isEqualTo(10);
        }
    }
}
