package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.anyLoopbackPort;
import static io.coaps4j.coaps.Fixtures.connector;
import static io.coaps4j.coaps.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A node in the NoSec and PreSharedKey modes at once: one endpoint, two ports. */
class DualModeConnectorTest {

    @Test
    void oneEndpointServesCoapAndCoaps() {
        DualModeConnector dual = DualModeConnector.of(anyLoopbackPort(), connector("device-1", KEY).build());
        try (CoapServer server = CoapServer.builder().connector(dual)
                .resource(Resource.builder("open").get(request -> CoapResponse.content("secure=" + request.peer().secure()
                        + " principal=" + request.principal().map(p -> p.getName()).orElse("none"))).build())
                .resource(Resource.builder("private").requireAuthentication()
                        .get(request -> CoapResponse.content("private")).build())
                .build().start();
             CoapClient plain = CoapClient.builder().timeout(Duration.ofSeconds(5)).build();
             CoapClient secure = CoapClient.builder().connector(DtlsConnector.client(store("device-1", KEY)))
                     .timeout(Duration.ofSeconds(5)).build()) {
            String coap = "coap://127.0.0.1:" + dual.plainAddress().getPort();
            String coaps = "coaps://127.0.0.1:" + dual.secureAddress().getPort();
            assertThat(server.localAddress()).isEqualTo(dual.secureAddress());
            assertThat(dual.plainAddress()).isNotEqualTo(dual.secureAddress());

            assertThat(plain.get(coap + "/open").payloadAsString()).isEqualTo("secure=false principal=none");
            assertThat(plain.get(coap + "/private").code()).isEqualTo(Code.UNAUTHORIZED);
            assertThat(secure.get(coaps + "/open").payloadAsString()).isEqualTo("secure=true principal=device-1");
            assertThat(secure.get(coaps + "/private").payloadAsString()).isEqualTo("private");
            assertThat(server.endpoint().supports("coap")).isTrue();
            assertThat(server.endpoint().supports("coaps")).isTrue();
            assertThat(server.endpoint().supports("http")).isFalse();
        }
    }

    @Test
    void thePlainSideMustServeCoap() {
        DtlsConnector secure = connector("device-1", KEY).build();
        assertThatThrownBy(() -> DualModeConnector.of(secure, connector("device-1", KEY).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain");
    }
}
