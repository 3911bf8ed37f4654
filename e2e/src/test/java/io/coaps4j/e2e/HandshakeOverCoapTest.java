package io.coaps4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A DTLS PSK handshake carried in CoAP POSTs to /.well-known/e2e-hs installs an end-to-end SA at both ends
 * (never a hop-by-hop one: both legs here are plain coap://), directly, through Californium's proxy, and
 * over a path that loses 30 % of the datagrams in each direction.
 */
class HandshakeOverCoapTest {
    private E2eNodes nodes;
    private E2eHandshake handshake;

    @BeforeEach
    void start() throws Exception {
        nodes = new E2eNodes();
        handshake = new E2eHandshake(nodes.client, E2eNodes.handshakeConfig(), nodes.clientSas, Duration.ofMinutes(5));
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    private CoapResponse getTemp(String via, byte[] sa, Optional<String> proxy) {
        ClientRequest.Builder request = proxy.isPresent()
                ? ClientRequest.get(proxy.get()).option(Option.ofString(OptionNumber.PROXY_URI, via + "/temp"))
                : ClientRequest.get(via + "/temp");
        return nodes.client.send(request.option(E2eOptions.protectWith(sa)).build());
    }

    @Test
    void theHandshakeInstallsTheSameSaAtBothEnds() {
        String origin = "coap://127.0.0.1:" + nodes.serverPort();

        byte[] sa = handshake.run(origin, Optional.empty());

        assertThat(nodes.clientSas.contains(sa)).isTrue();
        assertThat(nodes.serverSas.principal(sa)).map(E2ePrincipal::getName).contains("client-hs");
        CoapResponse response = getTemp(origin, sa, Optional.empty());
        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).isEqualTo("22.5 C for client-hs");
    }

    @Test
    void theHandshakeGoesThroughCaliforniumsProxy() {
        try (CaliforniumForwardProxy proxy = new CaliforniumForwardProxy(true)) {
            String origin = "coap://127.0.0.1:" + nodes.serverPort();
            Optional<String> via = Optional.of("coap://127.0.0.1:" + proxy.address().getPort());

            byte[] sa = handshake.run(origin, via);

            assertThat(getTemp(origin, sa, via).payloadAsString()).isEqualTo("22.5 C for client-hs");
        }
    }

    @Test
    void theHandshakeCompletesAt30PercentLoss() throws Exception {
        AtomicInteger dropped = new AtomicInteger();
        int datagrams = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Random random = new Random(seed);
            try (TamperingRelay lossy = new TamperingRelay(nodes.server.localAddress())) {
                UnaryOperator<byte[]> lose = datagram -> {
                    if (random.nextDouble() < 0.3) {
                        dropped.incrementAndGet();
                        return null;
                    }
                    return datagram;
                };
                lossy.requestRewrite = lose;
                lossy.responseRewrite = lose;
                String origin = "coap://127.0.0.1:" + lossy.address().getPort();

                byte[] sa = handshake.run(origin, Optional.empty());

                assertThat(nodes.serverSas.contains(sa)).as("seed %d", seed).isTrue();
                datagrams += lossy.toServer.size() + lossy.toClient.size();
            }
        }
        // Every seed's handshake completed, and the path really lost about 30 % of what it saw.
        assertThat((double) dropped.get() / datagrams).as("share dropped of %d datagrams", datagrams)
                .isBetween(0.15, 0.45);
    }

    @Test
    void afterTheServerForgetsTheSaTheClientSeesTheDistinct401AndAHandshakeRepairsIt() {
        String origin = "coap://127.0.0.1:" + nodes.serverPort();
        byte[] first = handshake.run(origin, Optional.empty());
        nodes.serverSas.remove(first);

        CoapResponse refused = getTemp(origin, first, Optional.empty());
        assertThat(refused.code()).isEqualTo(Code.UNAUTHORIZED);
        assertThat(refused.payloadAsString()).isEqualTo(E2eDiagnostics.NO_ASSOCIATION);

        byte[] second = handshake.run(origin, Optional.empty());
        assertThat(getTemp(origin, second, Optional.empty()).payloadAsString()).isEqualTo("22.5 C for client-hs");
    }
}
