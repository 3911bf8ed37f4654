package io.coaps4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end through an independent proxy: Californium's proxy2 forwards the outer message unchanged (it
 * does not know the E2E option, which is safe-to-forward) and never sees the path, method or body.
 */
class ThroughCaliforniumProxyTest {
    private E2eNodes nodes;
    private CaliforniumForwardProxy proxy;

    @BeforeEach
    void start() throws Exception {
        nodes = new E2eNodes();
        proxy = new CaliforniumForwardProxy(true);
    }

    @AfterEach
    void stop() {
        proxy.close();
        nodes.close();
    }

    private ClientRequest.Builder viaProxy(ClientRequest.Builder request) {
        return request.option(Option.ofString(OptionNumber.PROXY_URI,
                "coap://127.0.0.1:" + nodes.serverPort() + "/temp"));
    }

    private String proxyUri() {
        return "coap://127.0.0.1:" + proxy.address().getPort();
    }

    @Test
    void aProtectedGetGoesThroughTheProxy() {
        CoapResponse response = nodes.client.send(viaProxy(ClientRequest.get(proxyUri()))
                .option(E2eOptions.protectWith(E2eNodes.SA)).build());

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).isEqualTo("22.5 C for psk-client-1");
        assertThat(E2eLayer.isProtected(response)).isTrue();
    }

    @Test
    void aProtectedPostWithABodyGoesThroughTheProxy() {
        CoapResponse response = nodes.client.send(viaProxy(ClientRequest.post(proxyUri()))
                .option(E2eOptions.protectWith(E2eNodes.OTHER_SA)).payload("21.0").build());

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).isEqualTo("posted 21.0 by psk-client-2");
    }

    @Test
    void thePlainRequestThroughTheSameProxyStillWorks() {
        CoapResponse response = nodes.client.send(viaProxy(ClientRequest.get(proxyUri())).build());

        assertThat(response.payloadAsString()).isEqualTo("22.5 C for anybody");
    }

    @Test
    void aProxyThatRejectsTheUnknownCriticalOptionFailsClosed() {
        try (CaliforniumForwardProxy strict = new CaliforniumForwardProxy(false)) {
            CoapResponse response = nodes.client.send(viaProxy(ClientRequest.get(
                    "coap://127.0.0.1:" + strict.address().getPort())).option(E2eOptions.protectWith(E2eNodes.SA)).build());

            // Californium's 4.02 for the critical option: the request is refused, never processed unprotected.
            assertThat(response.code()).isEqualTo(Code.BAD_OPTION);
            assertThat(E2eLayer.isProtected(response)).isFalse();
        }
    }

    @Test
    void anUnknownSaComesBackThroughTheProxyAsTheDistinct401() {
        nodes.serverSas.remove(E2eNodes.SA);

        CoapResponse response = nodes.client.send(viaProxy(ClientRequest.get(proxyUri()))
                .option(E2eOptions.protectWith(E2eNodes.SA)).build());

        assertThat(response.code()).isEqualTo(Code.UNAUTHORIZED);
        assertThat(response.payloadAsString()).isEqualTo(E2eDiagnostics.NO_ASSOCIATION);
    }
}
