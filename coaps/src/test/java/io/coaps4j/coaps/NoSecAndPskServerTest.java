package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.anyLoopbackPort;
import static io.coaps4j.coaps.Fixtures.connector;
import static io.coaps4j.coaps.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A node in the NoSec and PreSharedKey modes at once: one server, one set of resources, two endpoints. */
class NoSecAndPskServerTest {

    @Test
    void oneServerServesTheSameResourcesOnCoapAndCoaps() {
        DtlsConnector dtls = connector("device-1", KEY).build();
        try (CoapServer server = CoapServer.builder().bind(anyLoopbackPort()).connector(dtls)
                .resource(Resource.builder("open").get(request -> CoapResponse.content("secure=" + request.peer().secure()
                        + " principal=" + request.principal().map(p -> p.getName()).orElse("none"))).build())
                .resource(Resource.builder("private").requireAuthentication()
                        .get(request -> CoapResponse.content("private")).build())
                .build().start();
             CoapClient plain = CoapClient.builder().timeout(Duration.ofSeconds(5)).build();
             CoapClient secure = CoapClient.builder().connector(DtlsConnector.client(store("device-1", KEY)))
                     .timeout(Duration.ofSeconds(5)).build()) {
            InetSocketAddress coapAddress = server.endpoint("coap").orElseThrow().localAddress();
            InetSocketAddress coapsAddress = server.endpoint("coaps").orElseThrow().localAddress();
            assertThat(server.localAddresses()).containsExactly(coapAddress, coapsAddress);
            assertThat(coapsAddress).isEqualTo(dtls.localAddress());
            assertThat(server.endpoints().get(1).connector()).isSameAs(dtls);
            String coap = "coap://127.0.0.1:" + coapAddress.getPort();
            String coaps = "coaps://127.0.0.1:" + coapsAddress.getPort();

            assertThat(plain.get(coap + "/open").payloadAsString()).isEqualTo("secure=false principal=none");
            assertThat(plain.get(coap + "/private").code()).isEqualTo(Code.UNAUTHORIZED);
            assertThat(secure.get(coaps + "/open").payloadAsString()).isEqualTo("secure=true principal=device-1");
            assertThat(secure.get(coaps + "/private").payloadAsString()).isEqualTo("private");
            assertThat(server.endpoint("http")).isEmpty();
        }
    }

    @Test
    void aDtlsConnectorReportsLostPeersOnItsEndpointOnly() {
        DtlsConnector dtls = connector("device-1", KEY).build();
        try (CoapServer server = CoapServer.builder().bind(anyLoopbackPort()).connector(dtls).build().start()) {
            assertThat(server.endpoint("coaps").orElseThrow().connector().reportsLostPeers()).isTrue();
            assertThat(server.endpoint("coap").orElseThrow().connector().reportsLostPeers()).isFalse();
        }
    }
}
