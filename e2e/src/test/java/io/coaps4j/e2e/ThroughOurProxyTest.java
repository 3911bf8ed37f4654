package io.coaps4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.proxy.CoapProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end through coaps4j's own forward proxy, on every combination of legs the proxy offers: plain
 * coap:// on both, and DTLS PSK on both (the proxy a DTLS server to the client and a DTLS client to the
 * origin, each leg with its own identity). The proxy terminates both hop-by-hop sessions yet sees only the
 * outer message: fixed outer codes, outer options and ciphertext.
 */
class ThroughOurProxyTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String CLIENT_ID = "client-to-proxy";
    private static final byte[] CLIENT_KEY = "client-to-proxy-key-01".getBytes(StandardCharsets.US_ASCII);
    private static final String PROXY_ID = "proxy-to-origin";
    private static final byte[] PROXY_KEY = "proxy-to-origin-key-02".getBytes(StandardCharsets.US_ASCII);

    private E2eNodes nodes;
    private CoapProxy proxy;
    private CoapEndpoint secureClientEndpoint;
    private CoapClient secureClient;

    @BeforeEach
    void start() throws Exception {
        nodes = new E2eNodes(Optional.of(DtlsConnector.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                .psk(InMemoryPskStore.builder().add(PROXY_ID, PROXY_KEY).build()).build()));
        proxy = CoapProxy.builder()
                .bind(new InetSocketAddress(LOOPBACK, 0))
                .connector(DtlsConnector.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                        .psk(InMemoryPskStore.builder().add(CLIENT_ID, CLIENT_KEY).build()).build())
                .originBind(new InetSocketAddress(LOOPBACK, 0))
                .originConnector(DtlsConnector.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                        .psk(InMemoryPskStore.builder().add(PROXY_ID, PROXY_KEY).build()).acceptHandshakes(false)
                        .build())
                .config(E2eNodes.CONFIG)
                .timeout(Duration.ofSeconds(5))
                .build().start();
        secureClientEndpoint = CoapEndpoint.builder().config(E2eNodes.CONFIG)
                .layers(List.of(new E2eLayer(nodes.clientSas)))
                .connector(DtlsConnector.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                        .psk(InMemoryPskStore.builder().add(CLIENT_ID, CLIENT_KEY).build()).acceptHandshakes(false)
                        .build())
                .name("e2e-secure-client").start();
        secureClient = CoapClient.builder().endpoint(secureClientEndpoint).timeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        secureClient.close();
        secureClientEndpoint.close();
        proxy.close();
        nodes.close();
    }

    private String plainProxy() {
        return "coap://127.0.0.1:" + proxy.localAddresses().get(0).getPort();
    }

    private String secureProxy() {
        return "coaps://127.0.0.1:" + proxy.localAddresses().get(1).getPort();
    }

    private String plainOrigin() {
        return "coap://127.0.0.1:" + nodes.server.localAddresses().get(0).getPort();
    }

    private String secureOrigin() {
        return "coaps://127.0.0.1:" + nodes.server.localAddresses().get(1).getPort();
    }

    private static ClientRequest.Builder via(ClientRequest.Builder request, String targetUri) {
        return request.option(Option.ofString(OptionNumber.PROXY_URI, targetUri));
    }

    @Test
    void aProtectedGetGoesThroughOurProxyOnPlainLegs() {
        CoapResponse response = nodes.client.send(via(ClientRequest.get(plainProxy()), plainOrigin() + "/temp")
                .option(E2eOptions.protectWith(E2eNodes.SA)).build());

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).isEqualTo("22.5 C for psk-client-1");
        assertThat(E2eLayer.isProtected(response)).isTrue();
    }

    @Test
    void aProtectedPostGoesThroughOurProxyWithBothLegsOnPsk() {
        CoapResponse response = secureClient.send(via(ClientRequest.post(secureProxy()), secureOrigin() + "/temp")
                .option(E2eOptions.protectWith(E2eNodes.OTHER_SA)).payload("21.0").build());

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).isEqualTo("posted 21.0 by psk-client-2");
        assertThat(E2eLayer.isProtected(response)).isTrue();
    }

    @Test
    void mixedLegsWorkBothWays() {
        CoapResponse secureToPlain = secureClient.send(via(ClientRequest.get(secureProxy()), plainOrigin() + "/temp")
                .option(E2eOptions.protectWith(E2eNodes.SA)).build());
        CoapResponse plainToSecure = nodes.client.send(via(ClientRequest.get(plainProxy()), secureOrigin() + "/temp")
                .option(E2eOptions.protectWith(E2eNodes.SA)).build());

        assertThat(secureToPlain.payloadAsString()).isEqualTo("22.5 C for psk-client-1");
        assertThat(plainToSecure.payloadAsString()).isEqualTo("22.5 C for psk-client-1");
    }

    @Test
    void repeatedProtectedGetsAreNeverAnsweredFromTheProxysCache() {
        // Each protected request is a fresh record; a cached (old) protected response would fail its binding.
        for (int i = 0; i < 3; i++) {
            CoapResponse response = nodes.client.send(via(ClientRequest.get(plainProxy()), plainOrigin() + "/temp")
                    .option(E2eOptions.protectWith(E2eNodes.SA)).build());
            assertThat(response.payloadAsString()).as("request %d", i).isEqualTo("22.5 C for psk-client-1");
        }
    }

    @Test
    void theProxyForwardsOnlyOuterOptionsAndCiphertext() throws Exception {
        try (TamperingRelay toOrigin = new TamperingRelay(nodes.server.localAddresses().get(0))) {
            String target = "coap://127.0.0.1:" + toOrigin.address().getPort() + "/temp";

            CoapResponse response = nodes.client.send(via(ClientRequest.post(plainProxy()), target)
                    .option(E2eOptions.protectWith(E2eNodes.SA)).payload("secret-body").build());

            assertThat(response.payloadAsString()).isEqualTo("posted secret-body by psk-client-1");
            Message forwarded = MessageCodec.decode(toOrigin.toServer.get(0));
            assertThat(forwarded.code()).isEqualTo(Code.POST);
            assertThat(forwarded.options()).extracting(Option::number).doesNotContain(OptionNumber.URI_PATH)
                    .contains(E2eOptions.E2E);
            for (byte[] datagram : List.of(toOrigin.toServer.get(0), toOrigin.toClient.get(0))) {
                String seen = new String(datagram, StandardCharsets.ISO_8859_1);
                assertThat(seen).doesNotContain("temp").doesNotContain("secret-body").doesNotContain("posted");
            }
        }
    }

    @Test
    void aByteFlippedBehindTheProxyIsRefusedAsNotAuthentic() throws Exception {
        try (TamperingRelay toOrigin = new TamperingRelay(nodes.server.localAddresses().get(0))) {
            toOrigin.requestRewrite = TamperTest::flipLastByte;
            String target = "coap://127.0.0.1:" + toOrigin.address().getPort() + "/temp";

            CoapResponse response = nodes.client.send(via(ClientRequest.get(plainProxy()), target)
                    .option(E2eOptions.protectWith(E2eNodes.SA)).build());

            assertThat(response.code()).isEqualTo(Code.BAD_REQUEST);
            assertThat(response.payloadAsString()).isEqualTo(E2eDiagnostics.NOT_AUTHENTIC);
            assertThat(E2eLayer.isProtected(response)).isFalse();
        }
    }

    @Test
    void anUnknownSaComesBackThroughOurProxyAsTheDistinct401() {
        nodes.serverSas.remove(E2eNodes.SA);

        CoapResponse response = secureClient.send(via(ClientRequest.get(secureProxy()), secureOrigin() + "/temp")
                .option(E2eOptions.protectWith(E2eNodes.SA)).build());

        assertThat(response.code()).isEqualTo(Code.UNAUTHORIZED);
        assertThat(response.payloadAsString()).isEqualTo(E2eDiagnostics.NO_ASSOCIATION);
    }

    @Test
    void theHandshakeOverCoapGoesThroughOurProxyWithBothLegsOnPsk() {
        E2eHandshake handshake = new E2eHandshake(secureClient, E2eNodes.handshakeConfig(), nodes.clientSas,
                Duration.ofMinutes(5));

        byte[] sa = handshake.run(secureOrigin(), Optional.of(secureProxy()));

        assertThat(nodes.serverSas.principal(sa)).map(E2ePrincipal::getName).contains("client-hs");
        CoapResponse response = secureClient.send(via(ClientRequest.get(secureProxy()), secureOrigin() + "/temp")
                .option(E2eOptions.protectWith(sa)).build());
        assertThat(response.payloadAsString()).isEqualTo("22.5 C for client-hs");
    }

    @Test
    void theHandshakeOverCoapCompletesThroughOurProxyAt30PercentLoss() throws Exception {
        E2eHandshake handshake = new E2eHandshake(nodes.client, E2eNodes.handshakeConfig(), nodes.clientSas,
                Duration.ofMinutes(5));
        AtomicInteger dropped = new AtomicInteger();
        int datagrams = 0;
        for (long seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            UnaryOperator<byte[]> lose = datagram -> {
                if (random.nextDouble() < 0.3) {
                    dropped.incrementAndGet();
                    return null;
                }
                return datagram;
            };
            // The lossy path is between the client and the proxy; the proxy's own leg retransmits as CoAP does.
            try (TamperingRelay lossy = new TamperingRelay(proxy.localAddresses().get(0))) {
                lossy.requestRewrite = lose;
                lossy.responseRewrite = lose;

                byte[] sa = handshake.run(plainOrigin(), Optional.of("coap://127.0.0.1:" + lossy.address().getPort()));

                assertThat(nodes.serverSas.contains(sa)).as("seed %d", seed).isTrue();
                datagrams += lossy.toServer.size() + lossy.toClient.size();
            }
        }
        assertThat((double) dropped.get() / datagrams).as("share dropped of %d datagrams", datagrams)
                .isBetween(0.15, 0.45);
    }
}
