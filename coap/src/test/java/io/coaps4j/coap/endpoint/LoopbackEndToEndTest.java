package io.coaps4j.coap.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.client.CoapTimeoutException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.server.CoapException;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server and client APIs over real UDP on loopback, IPv4 and IPv6. */
class LoopbackEndToEndTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ConcurrentHashMap<String, String> store = new ConcurrentHashMap<>();
    private final AtomicInteger handlerRuns = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }

    private CoapServer server(String host, ExecutorService executor) {
        CoapServer.Builder builder = CoapServer.builder()
                .bind(new InetSocketAddress(host, 0))
                .resource(Resource.builder("hello")
                        .resourceType("greeting").interfaceDescription("core.s").contentFormat(0).title("Hello")
                        .get(request -> {
                            handlerRuns.incrementAndGet();
                            return CoapResponse.content("hello " + request.queryParameter("name").orElse("world"));
                        }).build())
                .resource(Resource.builder("store/item")
                        .resourceType("storage").maxSize(1024)
                        .get(request -> {
                            String value = store.get("item");
                            if (value == null) {
                                throw new CoapException(Code.NOT_FOUND, "nothing stored");
                            }
                            return CoapResponse.content(value);
                        })
                        .put(request -> {
                            store.put("item", request.payloadAsString());
                            return CoapResponse.of(Code.CHANGED);
                        })
                        .post(request -> {
                            store.merge("item", request.payloadAsString(), String::concat);
                            return CoapResponse.builder(Code.CREATED).locationPath("store").locationPath("item").build();
                        })
                        .delete(request -> {
                            store.remove("item");
                            return CoapResponse.of(Code.DELETED);
                        }).build())
                .resource(Resource.builder("broken").get(request -> {
                    throw new IllegalStateException("internal detail that must not leak");
                }).build())
                .resource(Resource.builder("slow").getAsync(request -> CompletableFuture.supplyAsync(
                        () -> CoapResponse.content("finally"),
                        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS))).build())
                .resource(Resource.builder("secret").requireAuthentication().get(request -> CoapResponse.content("s")).build())
                .config(EngineConfig.builder().separateResponseAfter(Duration.ofMillis(100)).build());
        if (executor != null) {
            builder.executor(executor);
        }
        return closing(builder.build().start());
    }

    private static String base(CoapServer server) {
        InetSocketAddress a = server.localAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host.replaceAll("%.*", "") + "]";
        }
        return "coap://" + host + ":" + a.getPort();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void getPutPostDeleteOverLoopback(String host) {
        CoapServer server = server(host, null);
        CoapClient client = closing(CoapClient.builder().timeout(Duration.ofSeconds(5)).build());
        String base = base(server);

        CoapResponse hello = client.get(base + "/hello?name=coap");
        assertThat(hello.code()).isEqualTo(Code.CONTENT);
        assertThat(hello.payloadAsString()).isEqualTo("hello coap");
        assertThat(hello.contentFormat()).hasValue(0);

        assertThat(client.get(base + "/store/item").code()).isEqualTo(Code.NOT_FOUND);
        assertThat(client.get(base + "/store/item").payloadAsString()).isEqualTo("nothing stored");
        assertThat(client.put(base + "/store/item", "a".getBytes(StandardCharsets.UTF_8), 0).code()).isEqualTo(Code.CHANGED);
        CoapResponse created = client.post(base + "/store/item", "b".getBytes(StandardCharsets.UTF_8), 0);
        assertThat(created.code()).isEqualTo(Code.CREATED);
        assertThat(created.options()).extracting(Option::stringValue).containsExactly("store", "item");
        assertThat(client.get(base + "/store/item").payloadAsString()).isEqualTo("ab");
        assertThat(client.delete(base + "/store/item").code()).isEqualTo(Code.DELETED);
        assertThat(store).isEmpty();

        CoapResponse non = client.send(ClientRequest.get(base + "/hello").nonConfirmable().build());
        assertThat(non.payloadAsString()).isEqualTo("hello world");
        assertThat(client.ping(base)).isPositive();
    }

    @Test
    void errorsMapToResponseCodes() {
        CoapServer server = server("127.0.0.1", null);
        CoapClient client = closing(CoapClient.builder().timeout(Duration.ofSeconds(5)).build());
        String base = base(server);
        assertThat(client.get(base + "/nope").code()).isEqualTo(Code.NOT_FOUND);
        assertThat(client.delete(base + "/hello").code()).isEqualTo(Code.METHOD_NOT_ALLOWED);
        CoapResponse broken = client.get(base + "/broken");
        assertThat(broken.code()).isEqualTo(Code.INTERNAL_SERVER_ERROR);
        assertThat(broken.payloadAsString()).doesNotContain("internal detail");
        assertThat(client.get(base + "/secret").code()).as("NoSec request to a protected resource").isEqualTo(Code.UNAUTHORIZED);
    }

    @Test
    void slowAsyncHandlerLeadsToSeparateResponse() {
        CoapServer server = server("127.0.0.1", null);
        CoapClient client = closing(CoapClient.builder().timeout(Duration.ofSeconds(5)).build());
        assertThat(client.get(base(server) + "/slow").payloadAsString()).isEqualTo("finally");
    }

    @Test
    void handlersMayRunOnAnExecutor() {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        toClose.add(executor::shutdownNow);
        CoapServer server = server("127.0.0.1", executor);
        CoapClient client = closing(CoapClient.builder().timeout(Duration.ofSeconds(5)).build());
        assertThat(client.get(base(server) + "/hello").payloadAsString()).isEqualTo("hello world");
        assertThat(client.get(base(server) + "/slow").payloadAsString()).isEqualTo("finally");
    }

    @Test
    void wellKnownCoreListsResourcesWithAttributesAndFilters() {
        CoapServer server = server("127.0.0.1", null);
        CoapClient client = closing(CoapClient.builder().timeout(Duration.ofSeconds(5)).build());
        CoapResponse all = client.get(base(server) + "/.well-known/core");
        assertThat(all.contentFormat()).hasValue(40);
        assertThat(all.payloadAsString())
                .contains("</hello>;rt=\"greeting\";if=\"core.s\";ct=0;title=\"Hello\"")
                .contains("</store/item>;rt=\"storage\";sz=1024")
                .contains("</broken>");
        assertThat(client.get(base(server) + "/.well-known/core?rt=stor*").payloadAsString())
                .isEqualTo("</store/item>;rt=\"storage\";sz=1024");
        assertThat(client.get(base(server) + "/.well-known/core?href=/hel*").payloadAsString()).startsWith("</hello>");
        assertThat(client.get(base(server) + "/.well-known/core?rt=none").payloadAsString()).isEmpty();
    }

    @Test
    void manyConcurrentRequestsToManyServers() throws Exception {
        List<CoapServer> servers = List.of(server("127.0.0.1", null), server("127.0.0.1", null), server("::1", null));
        CoapClient client = closing(CoapClient.builder().timeout(Duration.ofSeconds(10))
                .config(EngineConfig.builder().transmission(EngineConfig.DEFAULT.transmission().toBuilder().nstart(8).build())
                        .build()).build());
        List<CompletableFuture<CoapResponse>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            futures.add(client.getAsync(base(servers.get(i % 3)) + "/hello?name=n" + i));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i).get(20, TimeUnit.SECONDS).payloadAsString()).isEqualTo("hello n" + i);
        }
        assertThat(handlerRuns.get()).isEqualTo(300);
    }

    @Test
    void requestToSilentPeerTimesOutNamingUriAndTime() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CoapClient client = closing(CoapClient.create());
            String uri = "coap://127.0.0.1:" + silent.getLocalPort() + "/x";
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.send(ClientRequest.get(uri).timeout(Duration.ofMillis(300)).build()))
                    .isInstanceOf(CoapTimeoutException.class)
                    .hasMessageContaining(uri)
                    .hasMessageContaining("300 ms");
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void unsupportedSchemeFailsClearly() {
        CoapClient client = closing(CoapClient.create());
        assertThatThrownBy(() -> client.get("coaps://127.0.0.1:5684/x"))
                .isInstanceOf(CoapClientException.class)
                .hasMessageContaining("coaps");
    }

    @Test
    void oneEndpointIsServerAndClient() {
        CoapServer a = server("127.0.0.1", null);
        CoapServer b = server("127.0.0.1", null);
        CoapClient fromA = CoapClient.builder().endpoint(a.endpoint()).timeout(Duration.ofSeconds(5)).build();
        assertThat(fromA.get(base(b) + "/hello").payloadAsString()).isEqualTo("hello world");
        assertThat(fromA.get(base(a) + "/hello").payloadAsString()).as("even to itself").isEqualTo("hello world");
        fromA.close();
        assertThat(a.endpoint().loop().isClosed()).as("a shared endpoint stays open").isFalse();
    }

    @Test
    void closeReleasesThePortAndFailsPendingRequests() throws Exception {
        CoapServer server = server("127.0.0.1", null);
        InetSocketAddress bound = server.localAddress();
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CoapClient client = CoapClient.create();
            CompletableFuture<CoapResponse> pending = client.getAsync("coap://127.0.0.1:" + silent.getLocalPort() + "/x");
            client.close();
            assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(CoapClientException.class)
                    .satisfies(e -> assertThat(((CoapClientException) e.getCause()).failure()).isEqualTo(ExchangeFailure.CLOSED));
        }
        server.close();
        try (DatagramSocket again = new DatagramSocket(bound)) {
            assertThat(again.getLocalPort()).isEqualTo(bound.getPort());
        }
    }
}
