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
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server's session table limits (TS-0008 clause 7: close sessions to recover resources), seen from the clients. */
class SessionLimitsTest {

    private static CoapServer server(DtlsConnector connector) {
        return CoapServer.builder().connector(connector)
                .resource(Resource.builder("x").get(request -> CoapResponse.content("x")).build())
                .build().start();
    }

    private static CoapClient client() {
        return CoapClient.builder().connector(DtlsConnector.client(store("device-1", KEY)))
                .timeout(Duration.ofSeconds(5)).build();
    }

    private static DtlsConnector connectorOf(CoapClient client) {
        return (DtlsConnector) client.endpoint().connector();
    }

    @Test
    void aFullTableClosesTheLeastRecentlyActiveSessionWithCloseNotify() throws Exception {
        try (CoapServer server = server(connector("device-1", KEY).maxConcurrentHandshakes(1).maxConnections(1).build());
             CoapClient first = client();
             CoapClient second = client()) {
            first.get(uri(server.localAddress(), "/x"));
            second.get(uri(server.localAddress(), "/x"));

            DtlsConnector serverConnector = (DtlsConnector) server.endpoint().connector();
            assertThat(serverConnector.metrics().serverSessionsEvicted()).isEqualTo(1);
            assertThat(serverConnector.sessions()).singleElement().extracting(peer -> peer.address().getPort())
                    .isEqualTo(second.endpoint().localAddress().getPort());
            assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> connectorOf(first).metrics().clientSessions() == 0))
                    .as("the evicted client heard close_notify").isTrue();
            assertThat(first.get(uri(server.localAddress(), "/x")).payloadAsString())
                    .as("and handshakes again when it needs to").isEqualTo("x");
        }
    }

    @Test
    void anIdleSessionIsClosedAfterTheIdleTimeout() throws Exception {
        try (CoapServer server = server(connector("device-1", KEY).idleTimeout(Duration.ofSeconds(1)).build());
             CoapClient client = client()) {
            client.get(uri(server.localAddress(), "/x"));
            DtlsConnector serverConnector = (DtlsConnector) server.endpoint().connector();
            assertThat(serverConnector.metrics().serverSessions()).isEqualTo(1);

            assertThat(Fixtures.eventually(Duration.ofSeconds(4), () -> serverConnector.metrics().serverSessions() == 0))
                    .isTrue();
            assertThat(serverConnector.metrics().serverSessionsExpired()).isEqualTo(1);
            assertThat(Fixtures.eventually(Duration.ofSeconds(2), () -> connectorOf(client).metrics().clientSessions() == 0))
                    .as("close_notify reached the client").isTrue();
        }
    }
}
