package io.coaps4j.coap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Routing, authorization and error mapping, driven through a sans-IO engine. */
class ResourceDispatcherTest {
    private ServedResources served;

    /** A peer as a secure binding would present it: same address, plus who it proved to be. */
    private record AuthenticatedPeer(InetSocketAddress address, String name) implements Peer {
        @Override
        public Optional<Principal> principal() {
            return Optional.of(() -> name);
        }

        @Override
        public boolean secure() {
            return true;
        }
    }

    private Message call(Peer from, Code method, String path) {
        return served.call(from, method, ResourcePath.parse(path).segments(), List.of());
    }

    private void serve(Resource... resources) {
        served = new ServedResources(resources);
    }

    @Test
    void authorizationAnswers401WithoutPrincipalAnd403WhenNotAdmitted() throws Exception {
        serve(Resource.builder("admin").authorize(p -> p.getName().equals("alice"))
                .get(r -> CoapResponse.content("hello " + r.principal().orElseThrow().getName())).build());
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 9999);
        assertThat(call(new PlainPeer(address), Code.GET, "admin").code()).isEqualTo(Code.UNAUTHORIZED);
        assertThat(call(new AuthenticatedPeer(address, "mallory"), Code.GET, "admin").code()).isEqualTo(Code.FORBIDDEN);
        Message ok = call(new AuthenticatedPeer(address, "alice"), Code.GET, "admin");
        assertThat(ok.code()).isEqualTo(Code.CONTENT);
        assertThat(ok.payloadAsString()).isEqualTo("hello alice");
    }

    @Test
    void routesByPathAndMethod() throws Exception {
        serve(Resource.builder("").get(r -> CoapResponse.content("root")).build(),
                Resource.builder("a/b").put(r -> CoapResponse.of(Code.CHANGED)).build());
        PlainPeer peer = new PlainPeer(new InetSocketAddress("127.0.0.1", 9999));
        assertThat(call(peer, Code.GET, "").payloadAsString()).isEqualTo("root");
        assertThat(call(peer, Code.PUT, "a/b").code()).isEqualTo(Code.CHANGED);
        assertThat(call(peer, Code.GET, "a/b").code()).isEqualTo(Code.METHOD_NOT_ALLOWED);
        assertThat(call(peer, Code.GET, "a").code()).as("an inner node is no resource").isEqualTo(Code.NOT_FOUND);
        assertThat(call(peer, Code.GET, "a/b/c").code()).isEqualTo(Code.NOT_FOUND);
        assertThat(call(peer, Code.of(0, 20), "a/b").code()).as("unknown method code").isEqualTo(Code.METHOD_NOT_ALLOWED);
    }

    @Test
    void handlerFailuresMapInOnePlace() throws Exception {
        serve(Resource.builder("coap").get(r -> {
            throw new CoapException(Code.BAD_REQUEST, "missing q");
        }).build(), Resource.builder("npe").get(r -> null).build(),
                Resource.builder("async").getAsync(r -> java.util.concurrent.CompletableFuture.failedFuture(
                        new CoapException(Code.NOT_ACCEPTABLE))).build());
        PlainPeer peer = new PlainPeer(new InetSocketAddress("127.0.0.1", 9999));
        Message bad = call(peer, Code.GET, "coap");
        assertThat(bad.code()).isEqualTo(Code.BAD_REQUEST);
        assertThat(bad.payloadAsString()).isEqualTo("missing q");
        assertThat(call(peer, Code.GET, "npe").code()).isEqualTo(Code.INTERNAL_SERVER_ERROR);
        assertThat(call(peer, Code.GET, "async").code()).isEqualTo(Code.NOT_ACCEPTABLE);
    }

    @Test
    void duplicatePathsAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ResourceTree(List.of(
                Resource.builder("x").build(), Resource.builder("/x").build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Resource.builder("a//b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty segment");
    }
}
