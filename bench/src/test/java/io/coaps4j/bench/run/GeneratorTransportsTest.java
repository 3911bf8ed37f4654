package io.coaps4j.bench.run;

import io.coaps4j.bench.BenchRpk;
import io.coaps4j.bench.loadgen.ClientTransport;
import io.coaps4j.bench.loadgen.DtlsClientTransport;
import io.coaps4j.bench.loadgen.PlainUdpTransport;
import io.coaps4j.bench.loadgen.ScandiumClientTransport;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which client each generator puts in front of each mode's servers. */
class GeneratorTransportsTest {
    /** Nothing listens there: opening a transport binds a local socket and sends nothing. */
    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

    @Test
    void scandiumGeneratorRunsScandiumForDtlsAndPlainUdpForNoSec() throws Exception {
        assertThat(opened(ServerCatalog.psk(), Generator.SCANDIUM)).isEqualTo(ScandiumClientTransport.class);
        assertThat(opened(ServerCatalog.rpk(BenchRpk.generate(), Path.of("unused"), null), Generator.SCANDIUM))
                .isEqualTo(ScandiumClientTransport.class);
        assertThat(opened(ServerCatalog.noSec(), Generator.SCANDIUM)).isEqualTo(PlainUdpTransport.class);
    }

    @Test
    void batchingAndDeviceGeneratorsRunOurDtlsClient() throws Exception {
        assertThat(opened(ServerCatalog.psk(), Generator.BATCHING)).isEqualTo(DtlsClientTransport.class);
        assertThat(opened(ServerCatalog.psk(), Generator.DEVICE)).isEqualTo(DtlsClientTransport.class);
        assertThat(opened(ServerCatalog.noSec(), Generator.DEVICE)).isEqualTo(PlainUdpTransport.class);
    }

    private static Class<?> opened(ServerCatalog catalog, Generator generator) throws Exception {
        try (ClientTransport transport = catalog.transportTo(SERVER, generator).open(SERVER)) {
            return transport.getClass();
        }
    }
}
