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
import io.coaps4j.coap.server.CoapRequest;
import io.coaps4j.coap.uri.CoapScheme;
import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forward and reverse proxying in every combination of coap:// and coaps:// (PSK) legs: each leg has its own
 * identity and key, the origin sees the proxy's identity, and what the client gets is the origin's answer.
 */
class ProxyLegsTest {

    private static ProxyRig rig() {
        ProxyRig[] holder = new ProxyRig[1];
        holder[0] = new ProxyRig(
                Resource("hello", request -> CoapResponse.content("hello " + request.principal()
                        .map(Principal::getName).orElse("nosec")), holder),
                Resource("base/echo", request -> CoapResponse.builder(Code.CHANGED)
                        .payload("echo " + request.payloadAsString() + " at " + request.pathString()
                                + " " + request.query()).build(), holder),
                Resource("port", request -> CoapResponse.content(
                        Integer.toString(request.peer().address().getPort())), holder));
        return holder[0];
    }

    /** A resource that counts through the rig (built before the rig exists, so it reads it late). */
    private static io.coaps4j.coap.server.Resource Resource(String path,
            java.util.function.Function<CoapRequest, CoapResponse> handler, ProxyRig[] rig) {
        return io.coaps4j.coap.server.Resource.builder(path).get(request -> {
            rig[0].originRequests.incrementAndGet();
            return handler.apply(request);
        }).post(request -> {
            rig[0].originRequests.incrementAndGet();
            return handler.apply(request);
        }).build();
    }

    @ParameterizedTest(name = "{0} client leg, {1} origin leg")
    @CsvSource({"coap,coap", "coap,coaps", "coaps,coap", "coaps,coaps"})
    void forwardsWithProxyUriOverEachCombinationOfLegs(String clientLeg, String originLeg) {
        try (ProxyRig rig = rig()) {
            rig.startProxy(proxy -> { });
            boolean originSecure = originLeg.equals("coaps");
            Message response = rig.send(clientLeg.equals("coaps"), get(rig.originUri(originSecure, "/hello")));

            assertThat(response.code()).isEqualTo(Code.CONTENT);
            // The origin saw the proxy's own PSK identity on a coaps leg, no principal on a coap leg.
            assertThat(response.payloadAsString()).isEqualTo("hello " + (originSecure ? ProxyRig.PROXY_ID : "nosec"));
            assertThat(rig.originRequests).hasValue(1);
        }
    }

    @ParameterizedTest(name = "{0} origin leg")
    @ValueSource(strings = {"coap", "coaps"})
    void aBusyOriginsRequestsMoveOnToFurtherOriginEndpointsEachWithItsOwnPortAndSession(String originLeg) {
        try (ProxyRig rig = rig()) {
            // A lap of 3 requests instead of 61,440 message IDs; the clock stands still, so every lap is "busy".
            rig.startProxy(proxy -> proxy.originEndpoints(3).originLap(3).nanoClock(() -> 0L).withoutCache());
            boolean originSecure = originLeg.equals("coaps");
            Set<String> ports = new LinkedHashSet<>();
            for (int i = 0; i < 10; i++) {
                Message response = rig.send(false, get(rig.originUri(originSecure, "/port")));
                assertThat(response.code()).isEqualTo(Code.CONTENT);
                ports.add(response.payloadAsString());
            }
            assertThat(ports).as("the origin saw the proxy from three source ports").hasSize(3);
            assertThat(rig.proxy().originEndpoints(originSecure ? CoapScheme.COAPS : CoapScheme.COAP)).isEqualTo(3);
            assertThat(rig.originRequests).hasValue(10);
        }
    }

    @ParameterizedTest(name = "{0} client leg, {1} origin leg")
    @CsvSource({"coap,coap", "coap,coaps", "coaps,coap", "coaps,coaps"})
    void forwardsWithProxySchemeAndUriOptions(String clientLeg, String originLeg) {
        try (ProxyRig rig = rig()) {
            rig.startProxy(proxy -> { });
            boolean originSecure = originLeg.equals("coaps");
            int port = (originSecure ? rig.originCoaps() : rig.originCoap()).getPort();
            Message request = Message.builder().type(MessageType.CON).code(Code.POST)
                    .option(Option.ofString(OptionNumber.PROXY_SCHEME, originLeg))
                    .option(Option.ofString(OptionNumber.URI_HOST, "127.0.0.1"))
                    .option(Option.ofUint(OptionNumber.URI_PORT, port))
                    .option(Option.ofString(OptionNumber.URI_PATH, "base"))
                    .option(Option.ofString(OptionNumber.URI_PATH, "echo"))
                    .option(Option.ofString(OptionNumber.URI_QUERY, "a=1"))
                    .payload("ping").build();

            Message response = rig.send(clientLeg.equals("coaps"), request);

            assertThat(response.code()).isEqualTo(Code.CHANGED);
            assertThat(response.payloadAsString()).isEqualTo("echo ping at /base/echo [a=1]");
        }
    }

    @ParameterizedTest(name = "{0} client leg, {1} origin leg")
    @CsvSource({"coap,coap", "coap,coaps", "coaps,coap", "coaps,coaps"})
    void reverseProxiesAMappedPrefixToItsOrigin(String clientLeg, String originLeg) {
        try (ProxyRig rig = rig()) {
            boolean originSecure = originLeg.equals("coaps");
            rig.startProxy(proxy -> proxy.reverse("/r", rig.originUri(originSecure, "/base?k=v"))
                    .forwardProxying(false));
            Message request = Message.builder().type(MessageType.CON).code(Code.POST)
                    .options(List.of(Option.ofString(OptionNumber.URI_PATH, "r"),
                            Option.ofString(OptionNumber.URI_PATH, "echo"),
                            Option.ofString(OptionNumber.URI_QUERY, "q")))
                    .payload("x").build();

            Message response = rig.send(clientLeg.equals("coaps"), request);

            assertThat(response.code()).isEqualTo(Code.CHANGED);
            assertThat(response.payloadAsString()).isEqualTo("echo x at /base/echo [k=v, q]");
            assertThat(rig.send(clientLeg.equals("coaps"), local(Code.GET, "elsewhere")).code())
                    .isEqualTo(Code.NOT_FOUND);
        }
    }
}
