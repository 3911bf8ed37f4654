package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.OTHER_KEY;
import static io.coaps4j.coaps.Fixtures.anyLoopbackPort;
import static io.coaps4j.coaps.Fixtures.connector;
import static io.coaps4j.coaps.Fixtures.store;
import static io.coaps4j.coaps.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CoAP over DTLS in the PreSharedKey mode, end to end over real UDP on loopback. */
class PskEndToEndTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ConcurrentHashMap<String, String> stored = new ConcurrentHashMap<>();
    private final List<String> principals = new CopyOnWriteArrayList<>();

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

    private CoapServer server(DtlsConnector connector) {
        return closing(CoapServer.builder().connector(connector)
                .resource(Resource.builder("item")
                        .get(request -> {
                            principals.add(request.principal().orElseThrow().getName());
                            String value = stored.get("item");
                            return value == null ? CoapResponse.of(Code.NOT_FOUND) : CoapResponse.content(value);
                        })
                        .put(request -> {
                            stored.put("item", request.payloadAsString());
                            return CoapResponse.of(Code.CHANGED);
                        })
                        .post(request -> {
                            stored.merge("item", request.payloadAsString(), String::concat);
                            return CoapResponse.builder(Code.CREATED).locationPath("item").build();
                        })
                        .delete(request -> {
                            stored.remove("item");
                            return CoapResponse.of(Code.DELETED);
                        })
                        .build())
                .resource(Resource.builder("admin").authorize(principal -> principal.getName().equals("admin"))
                        .get(request -> CoapResponse.content("welcome " + request.principal().orElseThrow().getName()))
                        .build())
                .build().start());
    }

    private CoapServer server() {
        return server(connector("device-1", KEY).build());
    }

    private CoapClient client(DtlsConnector connector) {
        return closing(CoapClient.builder().connector(connector).timeout(TIMEOUT).build());
    }

    private static DtlsConnector connectorOf(CoapClient client) {
        return (DtlsConnector) client.endpoint().connector();
    }

    private static DtlsConnector connectorOf(CoapServer server) {
        return (DtlsConnector) server.endpoint().connector();
    }

    @Test
    void getPutPostDeleteWithThePskIdentityReachingTheHandler() {
        CoapServer server = server();
        CoapClient client = client(DtlsConnector.client(store("device-1", KEY)));
        String item = uri(server.localAddress(), "/item");
        byte[] on = "on".getBytes(StandardCharsets.UTF_8);

        assertThat(client.get(item).code()).isEqualTo(Code.NOT_FOUND);
        assertThat(client.put(item, on, ContentFormat.TEXT_PLAIN.number()).code()).isEqualTo(Code.CHANGED);
        assertThat(client.get(item).payloadAsString()).isEqualTo("on");
        CoapResponse created = client.post(item, "+more".getBytes(StandardCharsets.UTF_8), ContentFormat.TEXT_PLAIN.number());
        assertThat(created.code()).isEqualTo(Code.CREATED);
        assertThat(client.get(item).payloadAsString()).isEqualTo("on+more");
        assertThat(client.delete(item).code()).isEqualTo(Code.DELETED);
        assertThat(client.get(item).code()).isEqualTo(Code.NOT_FOUND);

        assertThat(principals).hasSize(4).containsOnly("device-1");
        CoapsMetrics serverMetrics = connectorOf(server).metrics();
        assertThat(serverMetrics.serverSessions()).isEqualTo(1);
        assertThat(serverMetrics.handshakesSucceeded()).as("one session for every request").isEqualTo(1);
        CoapsMetrics clientMetrics = connectorOf(client).metrics();
        assertThat(clientMetrics.clientSessions()).isEqualTo(1);
        assertThat(clientMetrics.bindingDrops().values()).allMatch(count -> count == 0);
    }

    @Test
    void authorizationSeesThePrincipal() {
        InMemoryPskStore keys = InMemoryPskStore.builder().add("device-1", KEY).add("admin", OTHER_KEY).build();
        CoapServer server = server(DtlsConnector.builder().bind(anyLoopbackPort()).psk(keys).build());
        CoapClient device = client(DtlsConnector.client(store("device-1", KEY)));
        CoapClient admin = client(DtlsConnector.client(store("admin", OTHER_KEY)));
        String uri = uri(server.localAddress(), "/admin");

        assertThat(device.get(uri).code()).isEqualTo(Code.FORBIDDEN);
        CoapResponse welcome = admin.get(uri);
        assertThat(welcome.code()).isEqualTo(Code.CONTENT);
        assertThat(welcome.payloadAsString()).isEqualTo("welcome admin");
    }

    @Test
    void concurrentRequestsShareOneHandshake() throws Exception {
        CoapServer server = server();
        stored.put("item", "x");
        CoapClient client = client(DtlsConnector.client(store("device-1", KEY)));
        List<CompletableFuture<CoapResponse>> responses = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            responses.add(client.getAsync(uri(server.localAddress(), "/item")));
        }
        for (CompletableFuture<CoapResponse> response : responses) {
            assertThat(response.get(10, TimeUnit.SECONDS).payloadAsString()).isEqualTo("x");
        }
        assertThat(connectorOf(client).metrics().handshakesSucceeded()).isEqualTo(1);
        assertThat(connectorOf(server).metrics().handshakesSucceeded()).isEqualTo(1);
    }

    @Test
    void aRequestWaitsForAHandshakeWhoseFirstHelloWasLost() throws Exception {
        InetSocketAddress later;
        try (DatagramSocket probe = new DatagramSocket(anyLoopbackPort())) {
            later = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        stored.put("item", "patience");
        CoapClient client = client(DtlsConnector.client(store("device-1", KEY)));
        long start = System.nanoTime();
        CompletableFuture<CoapResponse> response = client.getAsync(uri(later, "/item"));
        Thread.sleep(300); // nobody listens yet: the first ClientHello is lost
        assertThat(response).isNotDone();
        server(DtlsConnector.builder().bind(later).psk(store("device-1", KEY)).build());

        assertThat(response.get(10, TimeUnit.SECONDS).payloadAsString()).isEqualTo("patience");
        assertThat(System.nanoTime() - start).as("answered after the ClientHello's retransmission")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
    }

    @Test
    void aWrongKeyFailsTheRequestAtOnceNamingTheAlert() {
        CoapServer server = server();
        CoapClient client = client(DtlsConnector.client(store("device-1", OTHER_KEY)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.get(uri(server.localAddress(), "/item")))
                .isInstanceOf(CoapClientException.class)
                .hasMessageContaining("decrypt_error")
                .hasMessageContaining("PSK")
                .hasCauseInstanceOf(DtlsHandshakeException.class)
                .cause().satisfies(cause -> {
                    DtlsHandshakeException failure = (DtlsHandshakeException) cause;
                    assertThat(failure.reason()).isEqualTo(DtlsHandshakeException.Reason.REJECTED_BY_PEER);
                    assertThat(failure.alert()).contains(AlertDescription.DECRYPT_ERROR);
                    assertThat(failure.server()).isEqualTo(server.localAddress());
                });
        assertThat(System.nanoTime() - start).as("not a timeout").isLessThan(TimeUnit.SECONDS.toNanos(3));
        assertThat(connectorOf(server).metrics().handshakesFailed(AlertDescription.DECRYPT_ERROR)).isEqualTo(1);
        assertThat(connectorOf(server).metrics().serverSessions()).isZero();
        assertThat(principals).isEmpty();
    }

    @Test
    void aSilentServerFailsTheRequestWhenTheHandshakeGivesUp() throws Exception {
        InetSocketAddress silent;
        try (DatagramSocket probe = new DatagramSocket(anyLoopbackPort())) {
            silent = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        CoapClient client = client(DtlsConnector.builder().bind(anyLoopbackPort()).psk(store("device-1", KEY))
                .retransmission(Fixtures.QUICK_GIVE_UP).build());
        InetSocketAddress target = silent;
        assertThatThrownBy(() -> client.get(uri(target, "/item")))
                .hasMessageContaining("no answer")
                .cause().isInstanceOfSatisfying(DtlsHandshakeException.class,
                        failure -> assertThat(failure.reason()).isEqualTo(DtlsHandshakeException.Reason.TIMEOUT));
        assertThat(connectorOf(client).metrics().handshakesTimedOut()).isEqualTo(1);
    }

    @Test
    void noKeyForTheServerFailsWithoutAHandshake() {
        CoapServer server = server();
        InMemoryPskStore elsewhere = InMemoryPskStore.builder()
                .add("device-1", KEY, io.coaps4j.dtls.credentials.PskPeer.hostName("other.example")).build();
        CoapClient client = client(DtlsConnector.client(elsewhere));
        assertThatThrownBy(() -> client.get(uri(server.localAddress(), "/item")))
                .hasMessageContaining("no credentials")
                .cause().isInstanceOfSatisfying(DtlsHandshakeException.class,
                        failure -> assertThat(failure.reason()).isEqualTo(DtlsHandshakeException.Reason.NOT_STARTED));
    }

    @Test
    void closingTheClientSendsCloseNotify() throws Exception {
        CoapServer server = server();
        CoapClient client = client(DtlsConnector.client(store("device-1", KEY)));
        client.get(uri(server.localAddress(), "/item"));
        DtlsConnector serverConnector = connectorOf(server);
        assertThat(serverConnector.metrics().serverSessions()).isEqualTo(1);

        client.close();

        assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> serverConnector.metrics().serverSessions() == 0))
                .as("the server learnt of the close at once, not by any timeout").isTrue();
    }

    @Test
    void closingTheServerSendsCloseNotifyAndFailsTheClientsPendingRequest() throws Exception {
        CompletableFuture<CoapResponse> never = new CompletableFuture<>();
        CoapServer server = closing(CoapServer.builder().connector(connector("device-1", KEY).build())
                .resource(Resource.builder("hold").getAsync(request -> never).build())
                .resource(Resource.builder("ping").get(request -> CoapResponse.content("pong")).build())
                .build().start());
        CoapClient client = client(DtlsConnector.client(store("device-1", KEY)));
        client.get(uri(server.localAddress(), "/ping"));
        CompletableFuture<CoapResponse> pending = client.getAsync(uri(server.localAddress(), "/hold"));
        Thread.sleep(200);

        server.close();

        assertThatThrownBy(() -> pending.get(3, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CoapClientException.class)
                .cause().satisfies(cause -> assertThat(((CoapClientException) cause).failure())
                        .isEqualTo(io.coaps4j.coap.exchange.ExchangeFailure.PEER_LOST));
        assertThat(connectorOf(client).metrics().clientSessions()).isZero();
    }

    @Test
    void theLeastRecentlyUsedClientSessionMakesRoom() throws Exception {
        CoapServer first = server();
        CoapServer second = server();
        stored.put("item", "v");
        CoapClient client = client(DtlsConnector.builder().bind(anyLoopbackPort()).psk(store("device-1", KEY))
                .maxClientSessions(1).build());

        client.get(uri(first.localAddress(), "/item"));
        client.get(uri(second.localAddress(), "/item"));

        CoapsMetrics metrics = connectorOf(client).metrics();
        assertThat(metrics.clientSessionsEvicted()).isEqualTo(1);
        assertThat(metrics.clientSessions()).isEqualTo(1);
        assertThat(connectorOf(client).sessions()).singleElement()
                .extracting(SecurePeer::address).isEqualTo(second.localAddress());
        assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> connectorOf(first).metrics().serverSessions() == 0))
                .as("the evicted session was closed with close_notify").isTrue();
        assertThat(client.get(uri(first.localAddress(), "/item")).payloadAsString()).isEqualTo("v");
    }
}
