package io.coaps4j.coaps;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PskEndToEndTest {
    static final byte[] KEY = "secretPSK-0123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void getOverPsk() {
        InMemoryPskStore store = InMemoryPskStore.builder().add("device-1", KEY).build();
        try (CoapServer server = CoapServer.builder()
                .connector(DtlsConnector.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).psk(store).build())
                .resource(Resource.builder("who").get(r -> CoapResponse.content(r.principal().orElseThrow().getName())).build())
                .build().start();
             CoapClient client = CoapClient.builder().connector(DtlsConnector.client(store)).timeout(Duration.ofSeconds(5)).build()) {
            CoapResponse response = client.get("coaps://127.0.0.1:" + server.localAddress().getPort() + "/who");
            assertThat(response.code()).isEqualTo(Code.CONTENT);
            assertThat(response.payloadAsString()).isEqualTo("device-1");
        }
    }
}
