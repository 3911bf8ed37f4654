package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.WebLink;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Californium 3.13 client against our server, built with the library API. */
class CaliforniumClientToOurServerTest {
    private static final Duration SEPARATE_AFTER = Duration.ofMillis(100);
    private static final long SLOW_MILLIS = 600;

    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<byte[]> value = new AtomicReference<>();
    private CoapServer server;
    private CoapClient client;

    @BeforeEach
    void start() {
        server = CoapServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .config(EngineConfig.DEFAULT.toBuilder().separateResponseAfter(SEPARATE_AFTER).build())
                .resource(Resource.builder("hello").title("Hello").contentFormat(0)
                        .get(request -> CoapResponse.content("Hello from coaps4j")).build())
                .resource(Resource.builder("echo")
                        .post(request -> CoapResponse.builder(Code.CHANGED)
                                .contentFormat((int) request.contentFormat().orElse(0))
                                .payload(request.payload()).build())
                        .build())
                .resource(Resource.builder("value")
                        .put(request -> CoapResponse.of(value.getAndSet(request.payload()) == null
                                ? Code.CREATED : Code.CHANGED))
                        .get(request -> value.get() == null ? CoapResponse.of(Code.NOT_FOUND)
                                : CoapResponse.content(value.get(), 0))
                        .delete(request -> CoapResponse.of(value.getAndSet(null) == null ? Code.NOT_FOUND : Code.DELETED))
                        .build())
                .resource(Resource.builder("slow").title("Answers late")
                        .getAsync(request -> {
                            CompletableFuture<CoapResponse> answer = new CompletableFuture<>();
                            later.schedule(() -> answer.complete(CoapResponse.content("late but here")),
                                    SLOW_MILLIS, TimeUnit.MILLISECONDS);
                            return answer;
                        })
                        .build())
                .build()
                .start();
        client = CaliforniumPeers.client(uri(""));
    }

    @AfterEach
    void stop() {
        client.shutdown();
        server.close();
        later.shutdownNow();
    }

    private String uri(String path) {
        return "coap://127.0.0.1:" + server.localAddress().getPort() + path;
    }

    private org.eclipse.californium.core.CoapResponse send(Request request, String path) throws Exception {
        client.setURI(uri(path));
        return client.advanced(request);
    }

    @Test
    void get() throws Exception {
        org.eclipse.californium.core.CoapResponse response = send(Request.newGet(), "/hello");

        assertThat(response.getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
        assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.TEXT_PLAIN);
        assertThat(response.getResponseText()).isEqualTo("Hello from coaps4j");
        assertThat(response.advanced().getType()).as("piggybacked in the ACK").isEqualTo(CoAP.Type.ACK);
    }

    @Test
    void nonConfirmableGet() throws Exception {
        Request request = Request.newGet();
        request.setConfirmable(false);

        org.eclipse.californium.core.CoapResponse response = send(request, "/hello");

        assertThat(response.getResponseText()).isEqualTo("Hello from coaps4j");
        assertThat(response.advanced().getType()).isEqualTo(CoAP.Type.NON);
    }

    @Test
    void post() throws Exception {
        Request request = Request.newPost();
        request.setPayload("{\"on\":true}");
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);

        org.eclipse.californium.core.CoapResponse response = send(request, "/echo");

        assertThat(response.getCode()).isEqualTo(CoAP.ResponseCode.CHANGED);
        assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
        assertThat(response.getResponseText()).isEqualTo("{\"on\":true}");
    }

    @Test
    void putGetDelete() throws Exception {
        client.setURI(uri("/value"));

        assertThat(client.put("v1", MediaTypeRegistry.TEXT_PLAIN).getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
        assertThat(client.put("v2", MediaTypeRegistry.TEXT_PLAIN).getCode()).isEqualTo(CoAP.ResponseCode.CHANGED);
        assertThat(client.get().getResponseText()).isEqualTo("v2");
        assertThat(client.delete().getCode()).isEqualTo(CoAP.ResponseCode.DELETED);
        assertThat(client.get().getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
    }

    @Test
    void anAsyncHandlerAnswersInASeparateResponse() throws Exception {
        long start = System.nanoTime();

        org.eclipse.californium.core.CoapResponse response = send(Request.newGet(), "/slow");

        assertThat(response.getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
        assertThat(response.getResponseText()).isEqualTo("late but here");
        assertThat(response.advanced().getType()).as("a separate response travels in its own CON")
                .isEqualTo(CoAP.Type.CON);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(SLOW_MILLIS));
    }

    @Test
    void discovery() throws Exception {
        Set<WebLink> links = client.discover();

        assertThat(links).isNotNull();
        Set<String> uris = links.stream().map(WebLink::getURI).collect(Collectors.toSet());
        assertThat(uris).contains("/hello", "/echo", "/value", "/slow");
        WebLink hello = links.stream().filter(l -> l.getURI().equals("/hello")).findFirst().orElseThrow();
        assertThat(hello.getAttributes().getTitle()).isEqualTo("Hello");
        assertThat(hello.getAttributes().getContentTypes()).containsExactly(String.valueOf(ContentFormat.TEXT_PLAIN.number()));
    }

    @Test
    void unknownPathAndMethod() throws Exception {
        assertThat(send(Request.newGet(), "/nowhere").getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
        assertThat(send(Request.newDelete(), "/hello").getCode()).isEqualTo(CoAP.ResponseCode.METHOD_NOT_ALLOWED);
    }
}
