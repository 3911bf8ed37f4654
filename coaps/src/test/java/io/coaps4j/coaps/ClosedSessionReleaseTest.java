package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.connector;
import static io.coaps4j.coaps.Fixtures.store;
import static io.coaps4j.coaps.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.dtls.engine.DtlsSession;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A closed session's peer can never be matched again, so the server lets go of it at once rather
 * than after EXCHANGE_LIFETIME: its deduplication entries (which reach the session and its master
 * secret through the {@link SecurePeer}) go when the connector reports the peer lost.
 */
class ClosedSessionReleaseTest {

    @Test
    void theServerHoldsNoClosedSessionEvenWithinTheExchangeLifetime() throws Exception {
        DtlsConnector serverConnector = connector("device-1", KEY).build();
        try (CoapServer server = CoapServer.builder().connector(serverConnector)
                .resource(Resource.builder("fast").get(request -> CoapResponse.content("fast")).build())
                .build().start();
             CoapClient client = CoapClient.builder().connector(DtlsConnector.client(store("device-1", KEY)))
                     .timeout(Duration.ofSeconds(5)).build()) {
            assertThat(client.get(uri(server.localAddress(), "/fast")).payloadAsString()).isEqualTo("fast");
            InetSocketAddress clientAddress = serverConnector.sessions().get(0).address();
            WeakReference<DtlsSession> session = new WeakReference<>(serverConnector.sessions().get(0).session());

            assertThat(serverConnector.closeSession(clientAddress).get(5, TimeUnit.SECONDS)).isTrue();

            assertThat(serverConnector.sessions()).isEmpty();
            assertThat(collected(session)).isTrue();
        }
    }

    @Test
    void theDtlsConnectorReportsLostPeers() {
        assertThat(connector("device-1", KEY).build().reportsLostPeers()).isTrue();
    }

    private static boolean collected(WeakReference<?> reference) throws InterruptedException {
        for (int attempt = 0; attempt < 50 && reference.get() != null; attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        return reference.get() == null;
    }
}
