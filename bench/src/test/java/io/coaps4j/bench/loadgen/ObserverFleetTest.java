package io.coaps4j.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.ObserveResources;
import io.coaps4j.bench.server.CaliforniumObserveServer;
import io.coaps4j.bench.server.OurObserveServer;
import io.coaps4j.coap.server.CoapServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The observe suite's fleet and the block2 suite's download against both servers of those suites, in this
 * JVM: every observer registers and hears every change, and the 1 MB body arrives whole.
 */
class ObserverFleetTest {
    private static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static void observeAndDownload(InetSocketAddress server) throws Exception {
        var config = DtlsClientTransport.pskConfig(server.getAddress(), BenchPsk.IDENTITY, BenchPsk.key());
        try (ObserverFleet fleet = ObserverFleet.open(server, config, 20, TIMEOUT)) {
            assertThat(fleet.sessions()).isEqualTo(20);
            assertThat(fleet.register(TIMEOUT)).isEqualTo(20);
            for (long count = 1; count <= 3; count++) {
                assertThat(fleet.round(count, TIMEOUT)).as("round %d", count).isEqualTo(20);
            }
        }
        DtlsClientTransport transport = DtlsClientTransport.factory(config).open(server);
        try {
            transport.connect(TIMEOUT);
            Block2Download download = new Block2Download(transport, ObserveResources.LARGE, Duration.ofMillis(500), 4);
            assertThat(download.fetch()).isEqualTo(ObserveResources.LARGE_SIZE);
            assertThat(download.fetch()).as("again, on the same session").isEqualTo(ObserveResources.LARGE_SIZE);
        } finally {
            transport.close();
        }
    }

    @Test
    void ourServer() throws Exception {
        CoapServer server = OurObserveServer.create(ANY, null).start();
        try {
            observeAndDownload(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localAddress().getPort()));
        } finally {
            server.close();
        }
    }

    @Test
    void californium() throws Exception {
        org.eclipse.californium.core.CoapServer server = CaliforniumObserveServer.create(ANY, null);
        server.start();
        try {
            observeAndDownload(server.getEndpoints().get(0).getAddress());
        } finally {
            server.destroy();
        }
    }
}
