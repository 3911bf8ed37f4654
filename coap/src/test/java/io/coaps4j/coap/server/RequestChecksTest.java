package io.coaps4j.coap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.linkformat.Link;
import io.coaps4j.coap.linkformat.LinkFormat;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the server answers before (or for) a handler: 5.05 to a proxy request (RFC 7252 section
 * 5.7.2), 4.06 to an Accept the resource cannot produce (5.10.4), 4.12 from the preconditions
 * helper (5.10.8), no {@code obs} in discovery, and resources whose options conflict refused.
 */
class RequestChecksTest {
    private final PlainPeer peer = new PlainPeer(new InetSocketAddress("127.0.0.1", 9999));
    private final AtomicInteger handlerRuns = new AtomicInteger();
    private final ServedResources served = new ServedResources(
            Resource.builder("temp").contentFormat(ContentFormat.TEXT_PLAIN.number())
                    .get(r -> {
                        handlerRuns.incrementAndGet();
                        return CoapResponse.content("21.5");
                    }).build(),
            Resource.builder("any").get(r -> {
                handlerRuns.incrementAndGet();
                return CoapResponse.content("x");
            }).build());

    private Message call(String path, Option... options) {
        return served.callWith(peer, Code.GET, List.of(path), List.of(options));
    }

    @Test
    void aProxyRequestToAServerThatIsNoProxyGets505AndNoHandlerRuns() {
        Message proxyUri = call("temp", Option.ofString(OptionNumber.PROXY_URI, "coap://elsewhere/temp"));
        assertThat(proxyUri.code()).isEqualTo(Code.PROXYING_NOT_SUPPORTED);
        assertThat(proxyUri.payloadAsString()).contains("not a proxy");
        assertThat(call("temp", Option.ofString(OptionNumber.PROXY_SCHEME, "coap")).code())
                .isEqualTo(Code.PROXYING_NOT_SUPPORTED);
        assertThat(handlerRuns).hasValue(0);
        assertThat(call("temp").code()).isEqualTo(Code.CONTENT);
    }

    @Test
    void anAcceptTheResourceCannotProduceGets406BeforeTheHandler() {
        assertThat(call("temp", Option.ofUint(OptionNumber.ACCEPT, ContentFormat.JSON.number())).code())
                .isEqualTo(Code.NOT_ACCEPTABLE);
        assertThat(handlerRuns).hasValue(0);
        assertThat(call("temp", Option.ofUint(OptionNumber.ACCEPT, ContentFormat.TEXT_PLAIN.number())).code())
                .isEqualTo(Code.CONTENT);
        assertThat(call("any", Option.ofUint(OptionNumber.ACCEPT, ContentFormat.JSON.number())).code())
                .as("a resource that declares no formats leaves Accept to its handler").isEqualTo(Code.CONTENT);
        assertThat(served.callWith(peer, Code.GET, List.of(".well-known", "core"),
                List.of(Option.ofUint(OptionNumber.ACCEPT, ContentFormat.JSON.number()))).code())
                .as("discovery produces link-format only").isEqualTo(Code.NOT_ACCEPTABLE);
        assertThat(handlerRuns).hasValue(2);
    }

    private static CoapRequest request(Option... options) {
        Message message = Message.of(MessageType.CON, Code.PUT, 1, Token.EMPTY, List.of(options), new byte[0]);
        return CoapRequest.of(new PlainPeer(new InetSocketAddress("127.0.0.1", 1)), message);
    }

    @Test
    void preconditionsFollowIfMatchAndIfNoneMatch() {
        byte[] etag = {1, 2};
        CoapRequest unconditional = request();
        assertThat(unconditional.preconditionsHold(true, etag)).isTrue();
        assertThat(unconditional.preconditionsHold(false, null)).isTrue();

        CoapRequest ifMatch = request(Option.of(OptionNumber.IF_MATCH, new byte[] {9}),
                Option.of(OptionNumber.IF_MATCH, etag));
        assertThat(ifMatch.preconditionsHold(true, etag)).as("one listed ETag is current").isTrue();
        assertThat(ifMatch.preconditionsHold(true, new byte[] {3})).isFalse();
        assertThat(ifMatch.preconditionsHold(true, null)).as("no current ETag matches no listed one").isFalse();
        assertThat(ifMatch.preconditionsHold(false, null)).isFalse();

        CoapRequest ifMatchAny = request(Option.of(OptionNumber.IF_MATCH, new byte[0]));
        assertThat(ifMatchAny.preconditionsHold(true, null)).as("empty If-Match: any current representation").isTrue();
        assertThat(ifMatchAny.preconditionsHold(false, null)).isFalse();

        CoapRequest ifNoneMatch = request(Option.of(OptionNumber.IF_NONE_MATCH, new byte[0]));
        assertThat(ifNoneMatch.preconditionsHold(false, null)).isTrue();
        assertThat(ifNoneMatch.preconditionsHold(true, etag)).isFalse();
        assertThatThrownBy(() -> ifNoneMatch.requirePreconditions(true, etag)).isInstanceOf(CoapException.class)
                .satisfies(e -> assertThat(((CoapException) e).code()).isEqualTo(Code.PRECONDITION_FAILED));
        ifNoneMatch.requirePreconditions(false, null);
    }

    @Test
    void aHandlerUsingThePreconditionsAnswers412AndKeepsTheStoredValue() {
        List<String> stored = new ArrayList<>(List.of("old"));
        ServedResources store = new ServedResources(Resource.builder("item").put(r -> {
            r.requirePreconditions(!stored.isEmpty(), stored.isEmpty() ? null
                    : stored.get(0).getBytes(StandardCharsets.UTF_8));
            stored.set(0, r.payloadAsString());
            return CoapResponse.of(Code.CHANGED);
        }).build());
        Message refused = store.callWith(peer, Code.PUT, List.of("item"),
                List.of(Option.of(OptionNumber.IF_NONE_MATCH, new byte[0])));
        assertThat(refused.code()).isEqualTo(Code.PRECONDITION_FAILED);
        assertThat(stored).containsExactly("old");
        Message accepted = store.callWith(peer, Code.PUT, List.of("item"),
                List.of(Option.of(OptionNumber.IF_MATCH, "old".getBytes(StandardCharsets.UTF_8))));
        assertThat(accepted.code()).isEqualTo(Code.CHANGED);
    }

    @Test
    void discoveryNeverAdvertisesObserve() throws Exception {
        assertThatThrownBy(() -> Resource.builder("a").linkFlag("obs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Observe");
        assertThatThrownBy(() -> Resource.builder("a").linkAttribute("obs", "")).isInstanceOf(IllegalArgumentException.class);
        ServedResources withSuppliedLinks = new ServedResources(Resource.builder("s/{n}")
                .get(r -> CoapResponse.content("x"))
                .links(() -> List.of(Link.builder("/s/a").observable().resourceType("t").build())).build());
        Message discovery = withSuppliedLinks.call(peer, Code.GET, List.of(".well-known", "core"), List.of());
        List<Link> links = LinkFormat.parse(discovery.payloadAsString());
        assertThat(links).hasSize(1);
        assertThat(links.get(0).observable()).isFalse();
        assertThat(links.get(0).resourceTypes()).containsExactly("t");
    }

    @Test
    void conflictingResourceOptionsAreRejected() {
        assertThatThrownBy(() -> Resource.builder("a").get(r -> CoapResponse.content("1"))
                .get(r -> CoapResponse.content("2")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two handlers for 0.01");
        assertThatThrownBy(() -> Resource.builder("a").get(r -> CoapResponse.content("1"))
                .getAsync(r -> null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two handlers");
    }
}
