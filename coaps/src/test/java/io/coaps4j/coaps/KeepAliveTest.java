package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.connector;
import static io.coaps4j.coaps.Fixtures.store;
import static io.coaps4j.coaps.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dead-peer check: CoAP pings on idle sessions keep live peers and close the sessions of dead ones. */
class KeepAliveTest {
    /** Ping after 200 ms of silence, wait 100 ms then 200 ms: a dead peer is found within about 0.5 s. */
    private static final KeepAlive QUICK = KeepAlive.of(Duration.ofMillis(200), Duration.ofMillis(100), 1);

    @Test
    void theServerPingsIdleSessionsAndClosesThoseOfDeadPeers() throws Exception {
        try (CoapServer server = CoapServer.builder().connector(connector("device-1", KEY).keepAlive(QUICK).build())
                .resource(Resource.builder("x").get(request -> CoapResponse.content("x")).build())
                .build().start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             CoapClient client = CoapClient.builder().connector(DtlsConnector.client(store("device-1", KEY)))
                     .timeout(Duration.ofSeconds(5)).build()) {
            DtlsConnector serverConnector = (DtlsConnector) server.endpoint().connector();
            client.get(uri(relay.address(), "/x"));

            assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> serverConnector.metrics().pingsSent() >= 2))
                    .isTrue();
            CoapsMetrics alive = serverConnector.metrics();
            assertThat(alive.deadPeersClosed()).as("the client's CoAP engine answers each ping with an RST").isZero();
            assertThat(alive.serverSessions()).isEqualTo(1);

            relay.cut(true);
            assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> serverConnector.metrics().serverSessions() == 0))
                    .isTrue();
            assertThat(serverConnector.metrics().deadPeersClosed()).isEqualTo(1);
        }
    }

    @Test
    void theClientFindsADeadServerAndFailsItsPendingRequest() throws Exception {
        try (CoapServer server = CoapServer.builder().connector(connector("device-1", KEY).build())
                .resource(Resource.builder("x").get(request -> CoapResponse.content("x")).build())
                .resource(Resource.builder("hold").getAsync(request -> new CompletableFuture<>()).build())
                .build().start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             CoapClient client = CoapClient.builder()
                     .connector(connector("device-1", KEY).keepAlive(QUICK).build())
                     .timeout(Duration.ofSeconds(30)).build()) {
            DtlsConnector clientConnector = (DtlsConnector) client.endpoint().connector();
            client.get(uri(relay.address(), "/x"));
            CompletableFuture<CoapResponse> pending = client.getAsync(uri(relay.address(), "/hold"));
            Thread.sleep(1_300); // acknowledged: from now on the client only waits for the separate response
            relay.cut(true);

            assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(CoapClientException.class,
                            failure -> assertThat(failure.failure()).isEqualTo(ExchangeFailure.PEER_LOST));
            CoapsMetrics metrics = clientConnector.metrics();
            assertThat(metrics.deadPeersClosed()).isEqualTo(1);
            assertThat(metrics.clientSessions()).isZero();
        }
    }
}
