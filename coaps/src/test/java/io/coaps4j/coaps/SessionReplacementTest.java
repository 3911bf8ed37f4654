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

/**
 * A client that lost its state handshakes again from the same address (RFC 6347 section 4.2.8):
 * the server's new session replaces the old one, the old session's exchanges fail, a late
 * response of the old session never leaves in the new one, and the new session works.
 */
class SessionReplacementTest {

    @Test
    void aNewHandshakeFromTheSameAddressEndsTheOldSessionsExchanges() throws Exception {
        CompletableFuture<CoapResponse> lateAnswer = new CompletableFuture<>();
        try (CoapServer server = CoapServer.builder().connector(connector("device-1", KEY).build())
                .resource(Resource.builder("slow").getAsync(request -> lateAnswer).build())
                .resource(Resource.builder("fast").get(request -> CoapResponse.content("fast")).build())
                .build().start();
             UdpRelay relay = new UdpRelay(server.localAddress());
             CoapServer firstDevice = CoapServer.builder().connector(connector("device-1", KEY).build())
                     .resource(Resource.builder("hold").getAsync(request -> new CompletableFuture<>()).build())
                     .build().start();
             CoapClient firstClient = CoapClient.builder().endpoint(firstDevice.endpoint())
                     .timeout(Duration.ofSeconds(30)).build();
             CoapClient secondClient = CoapClient.builder().connector(DtlsConnector.client(store("device-1", KEY)))
                     .timeout(Duration.ofSeconds(10)).build();
             CoapClient serverAsClient = CoapClient.builder().endpoint(server.endpoint())
                     .timeout(Duration.ofSeconds(30)).build()) {
            DtlsConnector serverConnector = (DtlsConnector) server.endpoint().connector();
            // Session 1: the first device, seen by the server at the relay's address.
            assertThat(firstClient.get(uri(relay.address(), "/fast")).payloadAsString()).isEqualTo("fast");
            SecurePeer oldSession = serverConnector.sessions().get(0);
            assertThat(oldSession.address()).isEqualTo(relay.address());
            // Pending on both sides of session 1: the device waits for /slow; the server waits for /hold.
            CompletableFuture<CoapResponse> deviceWaits = firstClient.getAsync(uri(relay.address(), "/slow"));
            CompletableFuture<CoapResponse> serverWaits = serverAsClient.getAsync(uri(relay.address(), "/hold"));
            Thread.sleep(1_300); // both requests acknowledged with empty ACKs: nothing retransmits any more
            assertThat(serverWaits).isNotDone();

            // The second client comes from the same address (the relay) with a new handshake.
            assertThat(secondClient.get(uri(relay.address(), "/fast")).payloadAsString()).isEqualTo("fast");

            assertThatThrownBy(() -> serverWaits.get(3, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(CoapClientException.class,
                            failure -> assertThat(failure.failure()).isEqualTo(ExchangeFailure.PEER_LOST));
            assertThat(serverConnector.sessions()).singleElement().satisfies(current -> {
                assertThat(current.address()).isEqualTo(oldSession.address());
                assertThat(current).isNotEqualTo(oldSession);
            });
            assertThat(serverConnector.metrics().sessionsReplaced()).isEqualTo(1);

            // The old session's late response is dropped, never sent in the new session.
            lateAnswer.complete(CoapResponse.content("late"));
            assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> serverConnector.metrics()
                    .bindingDrops(BindingDropReason.OTHER_SESSION_OR_EPOCH) >= 1)).isTrue();
            assertThat(deviceWaits).isNotDone();

            // And the new session carries new traffic.
            assertThat(secondClient.get(uri(relay.address(), "/fast")).payloadAsString()).isEqualTo("fast");
        }
    }
}
