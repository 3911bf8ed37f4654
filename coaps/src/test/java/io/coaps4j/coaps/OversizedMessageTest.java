package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.connector;
import static io.coaps4j.coaps.Fixtures.store;
import static io.coaps4j.coaps.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapMessageTooLargeException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A CoAP body larger than one DTLS record (16,384 bytes of plaintext) goes block-wise (RFC 7959) by
 * default; without block-wise it is an error where it is sent: the client's request fails before any
 * handshake, the server's response becomes 5.00. Never dropped silently.
 */
class OversizedMessageTest {

    @Test
    void bodiesLargerThanOneRecordTravelBlockWiseBothWays() {
        DtlsConnector serverConnector = connector("device-1", KEY).build();
        DtlsConnector clientConnector = DtlsConnector.client(store("device-1", KEY));
        byte[][] stored = {null};
        String large = "0123456789abcdef".repeat(2_000); // 32 kB
        try (CoapServer server = CoapServer.builder().connector(serverConnector)
                .resource(Resource.builder("big").get(r -> CoapResponse.content(large))
                        .put(r -> {
                            stored[0] = r.payload();
                            return CoapResponse.of(Code.CHANGED);
                        }).build())
                .build().start();
             CoapClient client = CoapClient.builder().connector(clientConnector).timeout(Duration.ofSeconds(20))
                     .build()) {
            byte[] body = large.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(client.put(uri(server.localAddress(), "/big"), body, 0).code()).isEqualTo(Code.CHANGED);
            assertThat(stored[0]).isEqualTo(body);

            CoapResponse response = client.get(uri(server.localAddress(), "/big"));
            assertThat(response.code()).isEqualTo(Code.CONTENT);
            assertThat(response.payloadAsString()).isEqualTo(large);
            assertThat(serverConnector.metrics().bindingDrops().getOrDefault(BindingDropReason.TOO_LARGE, 0L)).isZero();
        }
    }

    @Test
    void withoutBlockwiseNeitherARequestNorAResponseTooLargeForOneRecordVanishes() {
        DtlsConnector serverConnector = connector("device-1", KEY).build();
        DtlsConnector clientConnector = DtlsConnector.client(store("device-1", KEY));
        try (CoapServer server = CoapServer.builder().connector(serverConnector).withoutBlockwise()
                .resource(Resource.builder("big").get(r -> CoapResponse.content("x".repeat(20_000)))
                        .put(r -> CoapResponse.of(Code.CHANGED)).build())
                .build().start();
             CoapClient client = CoapClient.builder().connector(clientConnector).timeout(Duration.ofSeconds(5))
                     .withoutBlockwise().build()) {
            assertThatThrownBy(() -> client.put(uri(server.localAddress(), "/big"), new byte[20_000], 0))
                    .isInstanceOf(CoapMessageTooLargeException.class)
                    .hasMessageContaining("limit of 16384 bytes");
            assertThat(clientConnector.sessions()).as("no handshake for a request that cannot leave").isEmpty();

            CoapResponse response = client.get(uri(server.localAddress(), "/big"));
            assertThat(response.code()).isEqualTo(Code.INTERNAL_SERVER_ERROR);
            assertThat(response.payloadAsString()).contains("exceeds the transport's limit of 16384 bytes");
        }
    }
}
