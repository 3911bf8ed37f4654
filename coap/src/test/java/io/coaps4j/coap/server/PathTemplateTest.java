package io.coaps4j.coap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.linkformat.Link;
import io.coaps4j.coap.linkformat.LinkFormat;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Path templates ("store/{name}"): matching, precedence, parameters and discovery. */
class PathTemplateTest {
    private final PlainPeer peer = new PlainPeer(new InetSocketAddress("127.0.0.1", 9999));
    private ServedResources served;

    private void serve(Resource... resources) {
        served = new ServedResources(resources);
    }

    private Message call(Code method, List<String> segments, String... query) {
        return served.call(peer, method, segments, List.of(query));
    }

    private String get(String... segments) {
        Message response = call(Code.GET, List.of(segments));
        return response.code().equals(Code.CONTENT) ? response.payloadAsString() : response.code().toString();
    }

    @Test
    void aParameterMatchesExactlyOneSegmentAndTheHandlerReadsItDecoded() {
        serve(Resource.builder("store/{name}")
                .get(request -> CoapResponse.content("[" + request.pathParameter("name").orElseThrow() + "]"))
                .build());
        assertThat(get("store", "kept")).isEqualTo("[kept]");
        assertThat(get("store", "a b/c")).as("one decoded segment, a '/' inside included").isEqualTo("[a b/c]");
        assertThat(get("store", "")).as("an empty segment is a segment").isEqualTo("[]");
        assertThat(get("store")).isEqualTo(Code.NOT_FOUND.toString());
        assertThat(get("store", "a", "b")).isEqualTo(Code.NOT_FOUND.toString());
        assertThat(get("other", "a")).isEqualTo(Code.NOT_FOUND.toString());
    }

    @Test
    void anExactPathWinsOverATemplateAndTheTemplateServesTheRest() {
        serve(Resource.builder("store/{name}").get(r -> CoapResponse.content("entry " + r.pathParameter("name").get()))
                        .build(),
                Resource.builder("store/index").get(r -> CoapResponse.content("index")).build(),
                Resource.builder("store").get(r -> CoapResponse.content("store")).build());
        assertThat(get("store", "index")).isEqualTo("index");
        assertThat(get("store", "other")).isEqualTo("entry other");
        assertThat(get("store")).isEqualTo("store");
    }

    @Test
    void whenTheExactBranchLeadsNowhereATemplateStillMatches() {
        serve(Resource.builder("a/b/c").get(r -> CoapResponse.content("exact")).build(),
                Resource.builder("a/{x}/d").get(r -> CoapResponse.content("x=" + r.pathParameter("x").get())).build(),
                Resource.builder("{first}/{second}/{third}")
                        .get(r -> CoapResponse.content(r.pathParameter("first").get() + r.pathParameter("second").get()
                                + r.pathParameter("third").get())).build());
        assertThat(get("a", "b", "c")).isEqualTo("exact");
        assertThat(get("a", "b", "d")).as("the exact 'b' has no 'd': back to {x}").isEqualTo("x=b");
        assertThat(get("a", "q", "d")).isEqualTo("x=q");
        assertThat(get("a", "b", "e")).as("only the catch-all fits").isEqualTo("abe");
        assertThat(get("a", "b")).isEqualTo(Code.NOT_FOUND.toString());
    }

    @Test
    void aParameterNotInTheTemplateIsEmpty() {
        serve(Resource.builder("store/{name}").get(r -> CoapResponse.content(
                r.pathParameter("name").isPresent() + " " + r.pathParameter("other").isPresent())).build(),
                Resource.builder("plain").get(r -> CoapResponse.content("" + r.pathParameter("name").isPresent()))
                        .build());
        assertThat(get("store", "x")).isEqualTo("true false");
        assertThat(get("plain")).isEqualTo("false");
        assertThat(CoapRequest.of(peer, call(Code.GET, List.of("plain"))).pathParameter("name")).isEmpty();
    }

    @Test
    void methodsAndAuthorizationApplyToTemplatesAsToAnyResource() {
        serve(Resource.builder("store/{name}").get(r -> CoapResponse.content("x")).requireAuthentication().build());
        assertThat(call(Code.GET, List.of("store", "a")).code()).isEqualTo(Code.UNAUTHORIZED);
        serve(Resource.builder("store/{name}").get(r -> CoapResponse.content("x")).build());
        assertThat(call(Code.DELETE, List.of("store", "a")).code()).isEqualTo(Code.METHOD_NOT_ALLOWED);
    }

    @Test
    void badTemplatesAreRejectedByName() {
        assertThatThrownBy(() -> Resource.builder("a/{}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no name");
        assertThatThrownBy(() -> Resource.builder("a/{x}/{x}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{x} is used twice");
        assertThatThrownBy(() -> Resource.builder("a/b{x}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole segment");
        assertThatThrownBy(() -> Resource.builder("a/{x y}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x y'");
        assertThatThrownBy(() -> new ResourceTree(List.of(Resource.builder("a/{x}").build(),
                Resource.builder("a/{y}").build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/a/{y} and /a/{x}");
        Resource template = Resource.builder("/s/{id}/t/{part}").build();
        assertThat(template.isTemplate()).isTrue();
        assertThat(template.parameterNames()).containsExactly("id", "part");
        assertThat(Resource.builder("s/t").build().isTemplate()).isFalse();
    }

    @Test
    void aTemplateIsListedOnlyThroughTheLinksItSupplies() throws Exception {
        List<String> names = new ArrayList<>(List.of("a"));
        serve(Resource.builder("hello").get(r -> CoapResponse.content("hi")).build(),
                Resource.builder("silent/{name}").get(r -> CoapResponse.content("x")).build(),
                Resource.builder("store/{name}").get(r -> CoapResponse.content("x"))
                        .links(() -> names.stream().map(n -> Link.builder("/store/" + n).contentFormat(0).build())
                                .toList())
                        .build());
        assertThatThrownBy(() -> Resource.builder("hidden/{name}").hidden()
                .links(() -> List.of(Link.builder("/hidden/z").build())).build())
                .as("hidden and links conflict").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hidden and a links supplier");
        assertThat(targets(call(Code.GET, List.of(".well-known", "core")))).containsExactly("/hello", "/store/a");
        names.add("b");
        assertThat(targets(call(Code.GET, List.of(".well-known", "core"))))
                .as("asked again at each discovery").containsExactly("/hello", "/store/a", "/store/b");
        assertThat(targets(call(Code.GET, List.of(".well-known", "core"), "href=/store/b"))).containsExactly("/store/b");
    }

    @Test
    void aTemplateThatWouldMatchWellKnownCoreDoesNotReplaceIt() throws Exception {
        serve(Resource.builder("{a}/{b}").get(r -> CoapResponse.content("template")).build());
        Message discovery = call(Code.GET, List.of(".well-known", "core"));
        assertThat(discovery.contentFormat()).hasValue(ContentFormat.LINK_FORMAT.number());
        assertThat(get("x", "y")).isEqualTo("template");
    }

    @Test
    void aRequestPathLongerThanTheTreeIsNotFound() {
        ResourceTree tree = new ResourceTree(List.of(Resource.builder("{a}").build(), Resource.builder("{a}/{b}").build()));
        assertThat(tree.find(Collections.nCopies(100_000, "x"))).isNull();
        assertThat(tree.find(List.of("x", "y")).pathString()).isEqualTo("/{a}/{b}");
    }

    private static List<String> targets(Message discovery) throws Exception {
        assertThat(discovery.code()).isEqualTo(Code.CONTENT);
        return LinkFormat.parse(discovery.payloadAsString()).stream().map(Link::target).toList();
    }
}
