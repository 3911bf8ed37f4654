package io.coaps4j.proxy;

import static io.coaps4j.proxy.ProxyRig.get;
import static io.coaps4j.proxy.ProxyRig.local;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Options by their class (RFC 7252 sections 5.4 and 5.7.1), the errors a proxy answers (5.02, 5.04, 5.05,
 * 4.02, 4.04, 4.00) and the loop guard (Hop-Limit, RFC 8768; a target naming the proxy is local, 5.7.2).
 */
class ProxyOptionsAndErrorsTest {
    private static final byte[] OSCORE_VALUE = {0x09, 0x14, 0x01};
    private static final byte[] BODY = {0x00, (byte) 0xFF, 0x10, 0x7F, (byte) 0x80};

    private static ProxyRig rigWithEcho() {
        ProxyRig[] rig = new ProxyRig[1];
        rig[0] = new ProxyRig(io.coaps4j.coap.server.Resource.builder("e2e").post(request -> {
            rig[0].received.add(request.message());
            // Answers with its own unknown Safe-to-Forward options, as an end-to-end protected response would.
            return CoapResponse.builder(Code.CHANGED)
                    .option(Option.of(ProxyRig.CRITICAL_SAFE, new byte[] {1, 2}))
                    .option(Option.of(ProxyRig.ELECTIVE_SAFE, new byte[] {3}))
                    .option(Option.of(ProxyRig.OSCORE, new byte[0]))
                    .payload(request.payload()).build();
        }).build(), io.coaps4j.coap.server.Resource.builder("unsafe-answer").get(request ->
                CoapResponse.builder(Code.CONTENT).option(Option.of(ProxyRig.ELECTIVE_UNSAFE, new byte[] {1}))
                        .payload("x").build()).build(),
                io.coaps4j.coap.server.Resource.builder("hello").get(request -> CoapResponse.content("hi")).build());
        return rig[0];
    }

    @Test
    void unknownSafeToForwardOptionsOscoreAndThePayloadPassUnchangedBothWays() {
        try (ProxyRig rig = rigWithEcho()) {
            rig.startProxy(proxy -> { });
            Message request = ProxyRig.viaProxyUri(Code.POST, rig.originUri(true, "/e2e"),
                    Option.of(ProxyRig.OSCORE, OSCORE_VALUE),
                    Option.of(ProxyRig.ELECTIVE_SAFE, new byte[] {7}),
                    Option.of(ProxyRig.CRITICAL_SAFE, new byte[] {8, 9}));
            request = Message.builder().type(request.type()).code(request.code()).options(request.options())
                    .payload(BODY).build();

            Message response = rig.send(true, request);

            assertThat(response.code()).isEqualTo(Code.CHANGED);
            assertThat(response.payload()).isEqualTo(BODY);
            assertThat(response.options(ProxyRig.CRITICAL_SAFE)).containsExactly(
                    Option.of(ProxyRig.CRITICAL_SAFE, new byte[] {1, 2}));
            assertThat(response.options(ProxyRig.ELECTIVE_SAFE)).containsExactly(
                    Option.of(ProxyRig.ELECTIVE_SAFE, new byte[] {3}));
            assertThat(response.hasOption(ProxyRig.OSCORE)).isTrue();
            Message atOrigin = rig.received.get(0);
            assertThat(atOrigin.payload()).isEqualTo(BODY);
            assertThat(atOrigin.options(ProxyRig.OSCORE)).containsExactly(Option.of(ProxyRig.OSCORE, OSCORE_VALUE));
            assertThat(atOrigin.options(ProxyRig.ELECTIVE_SAFE)).containsExactly(
                    Option.of(ProxyRig.ELECTIVE_SAFE, new byte[] {7}));
            assertThat(atOrigin.options(ProxyRig.CRITICAL_SAFE)).containsExactly(
                    Option.of(ProxyRig.CRITICAL_SAFE, new byte[] {8, 9}));
            // The proxy's Proxy-Uri is gone; the origin got the URI as Uri-Path and a decremented Hop-Limit.
            assertThat(atOrigin.hasOption(OptionNumber.PROXY_URI)).isFalse();
            assertThat(atOrigin.uriPath()).containsExactly("e2e");
            assertThat(atOrigin.uintOption(ProxyOptions.HOP_LIMIT)).hasValue(ProxyOptions.DEFAULT_HOP_LIMIT - 1);
        }
    }

    @Test
    void unknownUnsafeOptionsOfARequestGet402CriticalOrNot() {
        try (ProxyRig rig = rigWithEcho()) {
            rig.startProxy(proxy -> { });
            for (int unsafe : new int[] {ProxyRig.ELECTIVE_UNSAFE, ProxyRig.CRITICAL_UNSAFE}) {
                Message response = rig.send(false, get(rig.originUri(false, "/hello"), Option.of(unsafe, new byte[1])));
                assertThat(response.code()).as("option %d", unsafe).isEqualTo(Code.BAD_OPTION);
            }
            assertThat(rig.received).isEmpty();
        }
    }

    @Test
    void anOriginResponseWithAnUnknownUnsafeOptionBecomes502() {
        try (ProxyRig rig = rigWithEcho()) {
            rig.startProxy(proxy -> { });
            Message response = rig.send(false, get(rig.originUri(false, "/unsafe-answer")));
            assertThat(response.code()).isEqualTo(Code.BAD_GATEWAY);
            assertThat(response.payloadAsString()).contains("Unsafe option " + ProxyRig.ELECTIVE_UNSAFE);
        }
    }

    @Test
    void unsupportedSchemesDisabledForwardingAndAMissingLegGet505() {
        try (ProxyRig rig = rigWithEcho()) {
            rig.startProxy(proxy -> { });
            assertThat(rig.send(false, get("http://127.0.0.1/x")).code()).isEqualTo(Code.PROXYING_NOT_SUPPORTED);
            assertThat(rig.send(false, get("coap+tcp://127.0.0.1/x")).code()).isEqualTo(Code.PROXYING_NOT_SUPPORTED);
            assertThat(rig.send(false, get("coap://[bad/x")).code()).isEqualTo(Code.BAD_REQUEST);
        }
        try (ProxyRig rig = rigWithEcho()) {
            rig.startProxy(proxy -> proxy.forwardProxying(false));
            assertThat(rig.send(false, get(rig.originUri(false, "/hello"))).code())
                    .isEqualTo(Code.PROXYING_NOT_SUPPORTED);
        }
        try (ProxyRig rig = rigWithEcho()) {
            CoapProxy proxy = CoapProxy.builder().bind(new InetSocketAddress(ProxyRig.LOOPBACK, 0)).build().start();
            try (proxy) {
                Message response = sendPlain(rig, proxy, get(rig.originUri(true, "/hello")));
                assertThat(response.code()).isEqualTo(Code.PROXYING_NOT_SUPPORTED);
                assertThat(response.payloadAsString()).contains("no coaps leg");
                assertThat(sendPlain(rig, proxy, get(rig.originUri(false, "/hello"))).payloadAsString()).isEqualTo("hi");
            }
        }
    }

    @Test
    void aSilentOriginIs504AndAFailedHandshakeIs502() throws Exception {
        try (ProxyRig rig = rigWithEcho(); DatagramSocket silent = new DatagramSocket(0, ProxyRig.LOOPBACK)) {
            rig.startProxy(proxy -> proxy.timeout(Duration.ofMillis(800)));
            Message timeout = rig.send(false, get("coap://127.0.0.1:" + silent.getLocalPort() + "/x"));
            assertThat(timeout.code()).isEqualTo(Code.GATEWAY_TIMEOUT);
        }
        try (ProxyRig rig = rigWithEcho()) {
            // The origin leg offers a key the origin does not know: no session, so 5.02 (not a timeout).
            rig.startProxy(proxy -> proxy.timeout(Duration.ofSeconds(8)).originConnector(
                    io.coaps4j.coaps.DtlsConnector.builder().bind(new InetSocketAddress(ProxyRig.LOOPBACK, 0))
                            .psk(io.coaps4j.dtls.credentials.InMemoryPskStore.builder()
                                    .add(ProxyRig.PROXY_ID, "wrong-key-wrong-key".getBytes(StandardCharsets.US_ASCII))
                                    .build())
                            .acceptHandshakes(false).build()));
            Message response = rig.send(false, get(rig.originUri(true, "/hello")));
            assertThat(response.code()).isIn(Code.BAD_GATEWAY, Code.GATEWAY_TIMEOUT);
            assertThat(response.code()).isEqualTo(Code.BAD_GATEWAY);
        }
    }

    @Test
    void hopLimitEndsALoopWith508() throws Exception {
        try (ProxyRig rig = rigWithEcho()) {
            int port;
            try (DatagramSocket reserved = new DatagramSocket(0, ProxyRig.LOOPBACK)) {
                port = reserved.getLocalPort();
            }
            // A reverse route that points back at the proxy: each pass decrements Hop-Limit until 5.08. (Each
            // pass waits for the previous one's empty ACK, NSTART 1 on the same pair of endpoints, so the test
            // starts from 4 rather than the default 16.)
            try (CoapProxy loop = CoapProxy.builder().bind(new InetSocketAddress(ProxyRig.LOOPBACK, port))
                    .reverse("/loop", "coap://127.0.0.1:" + port + "/loop").withoutCache().build().start()) {
                Message request = Message.builder().type(MessageType.CON).code(Code.GET)
                        .option(Option.ofString(OptionNumber.URI_PATH, "loop"))
                        .option(Option.ofUint(ProxyOptions.HOP_LIMIT, 4)).build();
                Message response = sendPlain(rig, loop, request);
                assertThat(response.code()).isEqualTo(ProxyHandler.HOP_LIMIT_REACHED);
            }
            rig.startProxy(proxy -> { });
            Message last = rig.send(false, get(rig.originUri(false, "/hello"),
                    Option.ofUint(ProxyOptions.HOP_LIMIT, 1)));
            assertThat(last.code()).isEqualTo(ProxyHandler.HOP_LIMIT_REACHED);
            Message two = rig.send(false, get(rig.originUri(false, "/hello"), Option.ofUint(ProxyOptions.HOP_LIMIT, 2)));
            assertThat(two.payloadAsString()).isEqualTo("hi");
        }
    }

    @Test
    void aProxyUriNamingTheProxyItselfIsALocalRequest() {
        try (ProxyRig rig = rigWithEcho()) {
            rig.startProxy(proxy -> proxy.reverse("/r", rig.originUri(false, "/")));
            int self = rig.proxyAddress(false).getPort();
            assertThat(rig.send(false, get("coap://127.0.0.1:" + self + "/r/hello")).payloadAsString())
                    .isEqualTo("hi");
            assertThat(rig.send(false, get("coap://localhost:" + self + "/elsewhere")).code())
                    .isEqualTo(Code.NOT_FOUND);
        }
    }

    private static Message sendPlain(ProxyRig rig, CoapProxy proxy, Message request) {
        try {
            return rig.plainClient().endpoint().request("coap", proxy.localAddresses().get(0), request,
                    Duration.ofSeconds(10)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
