package io.coaps4j.interop;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.CoapsMetrics;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A NAT rebinding over real UDP, our CoAP client and server: a relay between them moves the client to a new source
 * port mid-session. The server finds the session by its connection ID (RFC 9146), checks the new address with a
 * path_challenge (RFC 9853, both ends negotiated rrc), moves the session there and answers; no new handshake.
 */
class NatRebindingTest {
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static DtlsConfig config() {
        return DtlsConfig.builder().pskStore(InMemoryPskStore.builder().add("roamer", KEY).build()).build();
    }

    @Test
    void theSessionGoesOnAtTheNewPortWithoutANewHandshake() throws Exception {
        List<String> seenFrom = new CopyOnWriteArrayList<>();
        DtlsConnector serverConnector = DtlsConnector.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).dtlsConfig(config()).build();
        try (CoapServer server = CoapServer.builder().connector(serverConnector)
                .resource(Resource.builder("where").get(request -> {
                    seenFrom.add(request.peer().address().toString());
                    return CoapResponse.content("here");
                }).build())
                .build().start();
             UdpRelay nat = new UdpRelay(server.localAddress());
             CoapClient client = CoapClient.builder()
                     .connector(DtlsConnector.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                             .dtlsConfig(config()).acceptHandshakes(false).build())
                     .timeout(Duration.ofSeconds(20)).build()) {
            String uri = "coaps://127.0.0.1:" + nat.address().getPort() + "/where";

            assertThat(client.get(uri).code()).isEqualTo(Code.CONTENT);
            InetSocketAddress before = nat.outsideAddress();
            nat.rebind();
            CoapResponse after = client.get(uri);

            assertThat(after.code()).isEqualTo(Code.CONTENT);
            assertThat(after.payloadAsString()).isEqualTo("here");
            assertThat(seenFrom).first().isEqualTo(before.toString());
            // The answer can only have come through the new port: the old one is closed.
            assertThat(nat.outsideAddress()).isNotEqualTo(before);
            CoapsMetrics metrics = serverConnector.metrics();
            assertThat(metrics.handshakesSucceeded()).as("no new handshake").isEqualTo(1);
            assertThat(metrics.serverSessions()).isEqualTo(1);
            assertThat(metrics.connectionIds().addressUpdates()).isEqualTo(1);
            assertThat(metrics.connectionIds().pathChecksSucceeded()).isEqualTo(1);
            assertThat(metrics.connectionIds().pathChecksFailed()).isZero();
        }
    }
}
