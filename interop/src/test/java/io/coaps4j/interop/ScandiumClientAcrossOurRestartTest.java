package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.psk.PskConnectors;
import io.coaps4j.cli.server.CliServer;
import io.coaps4j.cli.store.DurableStore;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful restart under a Californium 3.13 client on Scandium: our coaps server exports its sessions, a new
 * server on the same port imports them, and the client's next request is answered in its old session, with no
 * handshake on either side.
 */
class ScandiumClientAcrossOurRestartTest {
    private static final String IDENTITY = "scandium-restart";
    private static final byte[] KEY = "restart-key-0123".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEALING_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;

    private CliServer start(int port, DtlsConnector coaps) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return CliServer.start(new InetSocketAddress(loopback, 0), DurableStore.open(dataDir), Clock.systemUTC(), coaps);
    }

    private static DtlsConnector connector(int port) {
        return PskConnectors.server(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                new PskCredentials(PskIdentity.of(IDENTITY), PreSharedKey.of(KEY)));
    }

    @Test
    void theScandiumClientGoesOnInItsSessionAfterTheRestart() throws Exception {
        DtlsConnector before = connector(0);
        CliServer first = start(0, before);
        int port = first.secureLocalAddress().orElseThrow().getPort();
        CoapClient client = ScandiumPsk.client("coaps://127.0.0.1:" + port + "/hello", IDENTITY, KEY);
        try {
            CoapResponse response = client.get();
            assertThat(response).as("no response before the restart").isNotNull();
            assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);

            byte[] export = before.exportSessionsAndClose(SEALING_KEY);
            first.close();

            DtlsConnector after = connector(port);
            try (CliServer second = start(port, after)) {
                assertThat(after.importSessions(export, SEALING_KEY)).isEqualTo(1);
                CoapResponse again = client.get();
                assertThat(again).as("no response after the restart").isNotNull();
                assertThat(again.getResponseText()).isEqualTo("Hello, world");
                assertThat(after.metrics().handshakesSucceeded()).as("no handshake with the new server").isZero();
                assertThat(after.metrics().resumption().sessionsImported()).isEqualTo(1);
            }
        } finally {
            client.shutdown();
        }
    }
}
