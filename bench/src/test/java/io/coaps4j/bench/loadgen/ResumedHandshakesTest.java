package io.coaps4j.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.server.CaliforniumPskServer;
import io.coaps4j.bench.server.OurPskServer;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.dtls.config.DtlsConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The resumed-handshakes suite's generator, tiny: against our PSK server and Scandium, every new connection after a
 * handshaker's first resumes its session (a connection that is not resumed would count as failed).
 */
class ResumedHandshakesTest {

    private static HandshakeResult resumeAgainst(InetSocketAddress address) throws Exception {
        DtlsConfig config = DtlsClientTransport.pskConfig(address.getAddress(), BenchPsk.IDENTITY, BenchPsk.key());
        return HandshakeGenerator.run(address, config, 2, Duration.ofMillis(300), Duration.ofMillis(1500),
                Duration.ofSeconds(5), WindowObserver.NONE, true);
    }

    @Test
    void ourServerResumesEveryNewConnection() throws Exception {
        CoapServer server = OurPskServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null).start();
        try {
            HandshakeResult result = resumeAgainst(server.localAddress());
            assertThat(result.completed()).isGreaterThan(5);
            assertThat(result.failuresByReason()).as("connections not resumed or failed").isEmpty();
        } finally {
            server.close();
        }
    }

    @Test
    void scandiumResultsCountConnectionsItDidNotResume() throws Exception {
        org.eclipse.californium.core.CoapServer scandium = CaliforniumPskServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, null);
        scandium.start();
        try {
            HandshakeResult result = resumeAgainst(scandium.getEndpoints().get(0).getAddress());
            assertThat(result.completed() + result.failed()).isGreaterThan(5);
            // Scandium resumes by session id; whatever it does, a full handshake shows as "not resumed", never hidden.
            assertThat(result.failuresByReason().keySet()).allMatch(reason -> reason.equals("not resumed"));
            System.out.printf("Scandium: %d resumed, %d not resumed%n", result.completed(), result.failed());
        } finally {
            scandium.destroy();
        }
    }
}
