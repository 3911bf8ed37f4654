package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionDefinition;
import io.coaps4j.coap.message.OptionFormat;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our client's requests through Californium's proxy2 ({@link CaliforniumProxy2}) to our server, Proxy-Uri over
 * coap:// legs and over coaps:// (PSK) legs, each leg with its own key.
 */
class CaliforniumProxy2ForwardsOurTrafficTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String CLIENT_ID = "client-of-proxy2";
    private static final byte[] CLIENT_KEY = "client-to-californium-proxy".getBytes(StandardCharsets.US_ASCII);
    private static final String ORIGIN_ID = "californium-proxy2";
    private static final byte[] ORIGIN_KEY = "californium-proxy-to-origin".getBytes(StandardCharsets.US_ASCII);
    /** Experimental, elective and Safe-to-Forward: how an end-to-end indicator would travel. */
    private static final int EXPERIMENTAL_SAFE = 65000;

    private CoapServer origin;
    private CaliforniumProxy2 proxy;
    private final AtomicReference<Message> received = new AtomicReference<>();

    @BeforeEach
    void start() {
        EngineConfig config = EngineConfig.DEFAULT.toBuilder().recognizedOptions(EngineConfig.DEFAULT_OPTIONS.toBuilder()
                .add(new OptionDefinition(EXPERIMENTAL_SAFE, "Experimental", OptionFormat.OPAQUE, 0, 64, true,
                        OptionDefinition.Usage.BOTH)).build()).build();
        origin = CoapServer.builder().config(config)
                .bind(new InetSocketAddress(LOOPBACK, 0))
                .connector(DtlsConnector.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                        .psk(InMemoryPskStore.builder().add(ORIGIN_ID, ORIGIN_KEY).build()).build())
                .resource(Resource.builder("hello").get(request -> {
                    received.set(request.message());
                    return CoapResponse.content("hello " + request.principal().map(p -> p.getName()).orElse("nosec"));
                }).post(request -> {
                    received.set(request.message());
                    return CoapResponse.builder(Code.CHANGED).payload(request.payload()).build();
                }).build())
                .build().start();
        proxy = CaliforniumProxy2.start(Optional.of(new CaliforniumProxy2.Psk(CLIENT_ID, CLIENT_KEY)),
                Optional.of(new CaliforniumProxy2.Psk(ORIGIN_ID, ORIGIN_KEY)));
    }

    @AfterEach
    void stop() {
        proxy.close();
        origin.close();
    }

    private Message send(boolean secure, Message request) throws Exception {
        CoapClient.Builder builder = CoapClient.builder().timeout(Duration.ofSeconds(10));
        if (secure) {
            builder.connector(DtlsConnector.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                    .psk(InMemoryPskStore.builder().add(CLIENT_ID, CLIENT_KEY).build()).acceptHandshakes(false)
                    .build());
        } else {
            builder.bind(new InetSocketAddress(LOOPBACK, 0));
        }
        try (CoapClient client = builder.build()) {
            return client.endpoint().request(secure ? "coaps" : "coap",
                    secure ? proxy.coapsAddress() : proxy.coapAddress(), request, Duration.ofSeconds(10)).get();
        }
    }

    private String originUri(boolean secure) {
        return (secure ? "coaps" : "coap") + "://127.0.0.1:" + origin.localAddresses().get(secure ? 1 : 0).getPort()
                + "/hello";
    }

    private static Message get(String proxyUri) {
        return Message.builder().type(MessageType.CON).code(Code.GET)
                .option(Option.ofString(OptionNumber.PROXY_URI, proxyUri)).build();
    }

    @Test
    void coapLegsBothWays() throws Exception {
        Message response = send(false, get(originUri(false)));

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).isEqualTo("hello nosec");
    }

    @Test
    void coapsLegsEachWithItsOwnPsk() throws Exception {
        Message response = send(true, get(originUri(true)));

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).isEqualTo("hello " + ORIGIN_ID);
    }

    @Test
    void anExperimentalSafeToForwardOptionAndThePayloadReachTheOriginUnchanged() throws Exception {
        byte[] body = {0x01, (byte) 0xFF, 0x00, 0x42};
        Message request = Message.builder().type(MessageType.CON).code(Code.POST)
                .option(Option.ofString(OptionNumber.PROXY_URI, originUri(false)))
                .option(Option.of(EXPERIMENTAL_SAFE, new byte[] {7, 7})).payload(body).build();

        Message response = send(false, request);

        assertThat(response.code()).isEqualTo(Code.CHANGED);
        assertThat(response.payload()).isEqualTo(body);
        assertThat(received.get().options(EXPERIMENTAL_SAFE)).containsExactly(Option.of(EXPERIMENTAL_SAFE, new byte[] {7, 7}));
    }
}
