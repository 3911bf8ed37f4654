package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.proxy.CoapProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our proxy ({@code io.coaps4j.proxy}) between independent implementations: Californium and Scandium (PSK) as
 * origins, Californium and libcoap's {@code coap-client -P} as clients.
 */
class ThroughOurProxyTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String ORIGIN_ID = "our-proxy";
    private static final byte[] ORIGIN_KEY = "our-proxy-to-scandium-key".getBytes(StandardCharsets.US_ASCII);

    private CoapProxy proxy;

    @BeforeEach
    void startProxy() {
        proxy = CoapProxy.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                .originConnector(DtlsConnector.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                        .psk(InMemoryPskStore.builder().add(ORIGIN_ID, ORIGIN_KEY).build()).acceptHandshakes(false)
                        .build())
                .build().start();
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private String proxyUri() {
        return "coap://127.0.0.1:" + proxy.localAddresses().get(0).getPort();
    }

    private CoapResponse viaProxy(Code method, String target, byte[] payload) {
        try (CoapClient client = CoapClient.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                .timeout(Duration.ofSeconds(10)).build()) {
            return client.send(ClientRequest.method(method, proxyUri())
                    .option(Option.ofString(OptionNumber.PROXY_URI, target)).payload(payload).build());
        }
    }

    @Test
    void ourClientToACaliforniumOrigin() {
        try (CaliforniumTestServer californium = new CaliforniumTestServer()) {
            CoapResponse hello = viaProxy(Code.GET, californium.uri("/hello"), new byte[0]);
            assertThat(hello.code()).isEqualTo(Code.CONTENT);
            assertThat(hello.payloadAsString()).isEqualTo(CaliforniumTestServer.HELLO);

            byte[] json = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
            CoapResponse echo = viaProxy(Code.POST, californium.uri("/echo"), json);
            assertThat(echo.payload()).isEqualTo(json);
        }
    }

    @Test
    void ourClientToAScandiumOriginOverTheProxysOwnPskLeg() {
        try (ScandiumPskServer scandium = new ScandiumPskServer(ORIGIN_ID, ORIGIN_KEY)) {
            CoapResponse hello = viaProxy(Code.GET, scandium.uri("/hello"), new byte[0]);

            assertThat(hello.code()).isEqualTo(Code.CONTENT);
            assertThat(hello.payloadAsString()).startsWith(ScandiumPskServer.HELLO).contains(ORIGIN_ID);
        }
    }

    private static CoapServer ourServer() {
        return CoapServer.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                .resource(Resource.builder("hello").get(request -> CoapResponse.content("Hello, world")).build())
                .build().start();
    }

    @Test
    void aCaliforniumClientToOurServer() throws Exception {
        try (CoapServer server = ourServer()) {
            org.eclipse.californium.core.CoapClient californium = CaliforniumPeers.client(proxyUri());
            try {
                Request request = Request.newGet();
                request.setURI(proxyUri());
                request.getOptions().setProxyUri("coap://127.0.0.1:" + server.localAddress().getPort() + "/hello");
                org.eclipse.californium.core.CoapResponse response = californium.advanced(request);

                assertThat(response).isNotNull();
                assertThat(response.getCode().value).isEqualTo(Code.CONTENT.value());
                assertThat(response.getResponseText()).isEqualTo("Hello, world");
            } finally {
                californium.shutdown();
            }
        }
    }

    @Test
    void libcoapsCoapClientWithItsProxyOption() throws Exception {
        java.nio.file.Path coapClient = Libcoap.client();
        try (CoapServer server = ourServer()) {
            RunningProcess.Result result = RunningProcess.run(Duration.ofSeconds(15), List.of(coapClient.toString(),
                    "-B", "5", "-m", "get", "-P", proxyUri(),
                    "coap://127.0.0.1:" + server.localAddress().getPort() + "/hello"));

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(result.stdout()).isEqualTo("Hello, world\n");
        }
    }
}
