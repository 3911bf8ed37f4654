package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.connector;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import io.coaps4j.transport.EventLoop;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connector on its own, with recording sinks in place of CoAP engines: what reaches the CoAP
 * side carries the session's peer, and nothing leaves in a session other than its peer's.
 */
class DtlsConnectorBindingTest {
    private EventLoop serverLoop;
    private EventLoop clientLoop;
    private final DtlsConnector server = connector("device-1", KEY).build();
    private final DtlsConnector client = connector("device-1", KEY).build();
    private final RecordingSink serverSink = new RecordingSink();
    private final RecordingSink clientSink = new RecordingSink();

    @BeforeEach
    void start() throws Exception {
        serverLoop = EventLoop.start("binding-server");
        clientLoop = EventLoop.start("binding-client");
        server.start(serverLoop, serverSink);
        client.start(clientLoop, clientSink);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        clientLoop.close();
        serverLoop.close();
    }

    private static void sendOn(EventLoop loop, DtlsConnector connector, Peer peer, String text) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            connector.send(peer, text.getBytes(StandardCharsets.UTF_8));
            done.complete(null);
        });
        done.get(5, TimeUnit.SECONDS);
    }

    private SecurePeer resolve() throws Exception {
        return (SecurePeer) client.resolve("coaps", "127.0.0.1", server.localAddress()).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void messagesTravelWithTheirSessionsPeerBothWays() throws Exception {
        CompletableFuture<Peer> first = client.resolve("coaps", "127.0.0.1", server.localAddress()).toCompletableFuture();
        CompletableFuture<Peer> second = client.resolve("coaps", "127.0.0.1", server.localAddress()).toCompletableFuture();
        SecurePeer toServer = (SecurePeer) first.get(5, TimeUnit.SECONDS);
        assertThat(second.get(5, TimeUnit.SECONDS)).as("concurrent resolves share the session").isSameAs(toServer);
        assertThat(toServer.address()).isEqualTo(server.localAddress());

        sendOn(clientLoop, client, toServer, "request");
        assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> serverSink.received.size() == 1)).isTrue();
        RecordingSink.Received request = serverSink.received.get(0);
        assertThat(new String(request.data(), StandardCharsets.UTF_8)).isEqualTo("request");
        SecurePeer toClient = (SecurePeer) request.from();
        assertThat(toClient.address()).isEqualTo(client.localAddress());
        assertThat(toClient.principal()).get().extracting(p -> p.getName()).isEqualTo("device-1");

        sendOn(serverLoop, server, toClient, "response");
        assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> clientSink.received.size() == 1)).isTrue();
        assertThat(clientSink.received.get(0).from()).as("the very peer the request went to, so the engine matches")
                .isEqualTo(toServer);
    }

    @Test
    void nothingLeavesInAnotherSessionOrEpoch() throws Exception {
        SecurePeer toServer = resolve();
        sendOn(clientLoop, client, toServer, "hello");
        assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> serverSink.received.size() == 1)).isTrue();
        SecurePeer toClient = (SecurePeer) serverSink.received.get(0).from();

        SecurePeer otherSession = SecurePeer.of(Fixtures.session(client.localAddress()));
        sendOn(serverLoop, server, otherSession, "other session");
        sendOn(serverLoop, server, new SecurePeer(toClient.session(), 2), "other epoch");
        sendOn(serverLoop, server, new PlainPeer(client.localAddress()), "plain");
        sendOn(serverLoop, server, SecurePeer.of(Fixtures.session(new InetSocketAddress(Fixtures.LOOPBACK, 9))), "nobody");
        sendOn(serverLoop, server, toClient, "genuine");

        assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> clientSink.received.size() == 1)).isTrue();
        Thread.sleep(100);
        assertThat(clientSink.received).singleElement()
                .satisfies(r -> assertThat(new String(r.data(), StandardCharsets.UTF_8)).isEqualTo("genuine"));
        CoapsMetrics metrics = server.metrics();
        assertThat(metrics.bindingDrops(BindingDropReason.OTHER_SESSION_OR_EPOCH)).isEqualTo(2);
        assertThat(metrics.bindingDrops(BindingDropReason.NOT_A_SECURE_PEER)).isEqualTo(1);
        assertThat(metrics.bindingDrops(BindingDropReason.NO_SESSION)).isEqualTo(1);
    }

    @Test
    void closingASessionLosesItsPeerOnBothSidesAndTheNextResolveHandshakesAgain() throws Exception {
        SecurePeer first = resolve();
        sendOn(clientLoop, client, first, "hello");
        assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> serverSink.received.size() == 1)).isTrue();
        Peer serverSide = serverSink.received.get(0).from();

        assertThat(client.closeSession(server.localAddress()).get(5, TimeUnit.SECONDS)).isTrue();

        assertThat(clientSink.lost).containsExactly(first);
        assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> serverSink.lost.contains(serverSide)))
                .as("close_notify reached the server").isTrue();
        SecurePeer second = resolve();
        assertThat(second).isNotEqualTo(first);
        assertThat(second.address()).isEqualTo(first.address());
        sendOn(clientLoop, client, first, "stale");
        assertThat(client.metrics().bindingDrops(BindingDropReason.OTHER_SESSION_OR_EPOCH)).isEqualTo(1);
        assertThat(client.closeSession(new InetSocketAddress(Fixtures.LOOPBACK, 9)).get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aClientOnlyConnectorRefusesHandshakesButServesItsOwnSessions() throws Exception {
        DtlsConnector clientOnly = DtlsConnector.builder().bind(Fixtures.anyLoopbackPort())
                .psk(Fixtures.store("device-1", KEY)).acceptHandshakes(false).build();
        DtlsConnector caller = DtlsConnector.builder().bind(Fixtures.anyLoopbackPort())
                .psk(Fixtures.store("device-1", KEY)).retransmission(Fixtures.QUICK_GIVE_UP).build();
        RecordingSink clientOnlySink = new RecordingSink();
        clientOnly.start(clientLoop, clientOnlySink);
        caller.start(serverLoop, new RecordingSink());
        try {
            assertThat(caller.resolve("coaps", "127.0.0.1", clientOnly.localAddress()).toCompletableFuture())
                    .failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withCauseInstanceOf(DtlsHandshakeException.class).withMessageContaining("no answer");
            assertThat(clientOnly.metrics().datagramsRefused()).isPositive();
            assertThat(clientOnly.metrics().serverSessions()).isZero();

            // Its own session to the server carries the server's requests back to it.
            SecurePeer toServer = (SecurePeer) clientOnly.resolve("coaps", "127.0.0.1", server.localAddress())
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            sendOn(clientLoop, clientOnly, toServer, "hello");
            assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> serverSink.received.size() == 1)).isTrue();
            sendOn(serverLoop, server, serverSink.received.get(0).from(), "a request from the server");
            assertThat(Fixtures.eventually(Duration.ofSeconds(3), () -> clientOnlySink.received.size() == 1)).isTrue();
            assertThat(clientOnlySink.received.get(0).from()).isEqualTo(toServer);
        } finally {
            clientOnly.close();
            caller.close();
        }
    }

    @Test
    void theUriHostTravelsAsServerNameAndAnAddressLiteralDoesNot() throws Exception {
        SecurePeer named = (SecurePeer) client.resolve("coaps", "device.example", server.localAddress())
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(named.session().serverName()).contains("device.example");
        assertThat(server.sessions()).singleElement()
                .satisfies(peer -> assertThat(peer.session().serverName()).contains("device.example"));

        assertThat(client.closeSession(server.localAddress()).get(5, TimeUnit.SECONDS)).isTrue();
        SecurePeer literal = resolve();
        assertThat(literal.session().serverName()).isEmpty();
    }

    @Test
    void resolveRefusesOtherSchemes() {
        assertThat(client.supports("coaps")).isTrue();
        assertThat(client.supports("coap")).isFalse();
        assertThat(client.resolve("coap", "127.0.0.1", server.localAddress()).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(1)).withThrowableThat().withMessageContaining("only coaps");
    }
}
