package io.coaps4j.coaps;

import static io.coaps4j.coaps.CoapsNetwork.address;
import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.peer.Peer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The binding's hardest rules on the sans-IO {@link CoapsBinding} in virtual time: session replacement
 * (RFC 6347 section 4.2.8), the dead-peer check, matching within one session and epoch (oneM2M TS-0008
 * clause 7) and the independence of DTLS and CoAP roles. No sockets, no sleeps.
 */
class BindingSimulationTest {
    private static final InetSocketAddress SERVER = address("10.0.0.1", 5684);
    private static final InetSocketAddress DEVICE = address("10.0.0.2", 40000);
    /** Ping after 200 ms of silence, wait 100 ms then 200 ms: a dead peer is found within about 0.5 s. */
    private static final KeepAlive QUICK = KeepAlive.of(Duration.ofMillis(200), Duration.ofMillis(100), 1);

    private final CoapsNetwork network = new CoapsNetwork();

    private static CoapsConfig.Builder config() {
        return CoapsConfig.builder().bind(new InetSocketAddress(0)).psk(store("device-1", KEY));
    }

    private static CoapsConfig clientOnly() {
        return config().acceptHandshakes(false).build();
    }

    /** A device without RFC 6520 heartbeats (as Californium or libcoap): the keep-alive pings it over CoAP. */
    private static CoapsConfig clientOnlyWithoutHeartbeat() {
        return config().acceptHandshakes(false).noHeartbeat().build();
    }

    /** A server at {@link #SERVER} serving "x", from which {@code device} has fetched it: one session. */
    private CoapsNetwork.Node serverConnectedTo(CoapsNetwork.Node device) {
        CoapsNetwork.Node server = network.node(SERVER, config().build(), 1)
                .resource("x", exchange -> CoapResponse.content("x"));
        get(device, SERVER, "x");
        return server;
    }

    private Message get(CoapsNetwork.Node client, InetSocketAddress server, String path) {
        return network.await(client.get(server, path), Duration.ofSeconds(30)).join();
    }

    @Test
    void aNewHandshakeFromTheSameAddressReplacesTheSessionAndEndsOnlyTheOldSessionsExchanges() {
        CompletableFuture<CoapResponse> lateAnswer = new CompletableFuture<>();
        CoapsNetwork.Node server = network.node(SERVER, config().build(), 1)
                .resource("fast", exchange -> CoapResponse.content("fast"))
                .resource("slow", exchange -> null);
        CoapsNetwork.Node firstDevice = network.node(DEVICE, config().build(), 2).resource("hold", exchange -> null);

        assertThat(get(firstDevice, SERVER, "fast").payloadAsString()).isEqualTo("fast");
        SecurePeer oldSession = server.binding.sessions().get(0);
        assertThat(oldSession.address()).isEqualTo(DEVICE);
        // Pending on both sides of the old session: the device waits for /slow, the server for /hold.
        CompletableFuture<Message> deviceWaits = firstDevice.get(SERVER, "slow");
        CompletableFuture<Message> serverWaits = server.get(DEVICE, "hold");
        network.runFor(Duration.ofSeconds(2)); // both acknowledged with empty ACKs: nothing retransmits any more
        assertThat(serverWaits).isNotDone();
        ServerExchange slow = server.held.get(0);

        // The device loses its state; a new one comes from the same address with a new handshake.
        network.moveTo(firstDevice, address("10.0.0.99", 40000));
        CoapsNetwork.Node secondDevice = network.node(DEVICE, clientOnly(), 3);
        assertThat(get(secondDevice, SERVER, "fast").payloadAsString()).isEqualTo("fast");

        network.await(serverWaits, Duration.ofSeconds(1));
        assertThat(serverWaits).isCompletedExceptionally();
        assertThat(server.binding.sessions()).singleElement().satisfies(current -> {
            assertThat(current.address()).isEqualTo(DEVICE);
            assertThat(current).isNotEqualTo(oldSession);
        });
        assertThat(server.binding.metrics().sessionsReplaced()).isEqualTo(1);

        // The old session's late response is dropped, never sent in the new session.
        server.answer(slow, CoapResponse.content("late"));
        network.runFor(Duration.ofSeconds(1));
        assertThat(server.binding.metrics().bindingDrops(BindingDropReason.OTHER_SESSION_OR_EPOCH)).isPositive();
        assertThat(secondDevice.served).isEmpty();
        assertThat(deviceWaits).isNotDone();

        assertThat(get(secondDevice, SERVER, "fast").payloadAsString()).isEqualTo("fast");
    }

    @Test
    void aResponseLeavesOnlyInTheSessionAndEpochOfItsRequest() {
        CoapsNetwork.Node device = network.node(DEVICE, clientOnly(), 2);
        CoapsNetwork.Node server = serverConnectedTo(device);
        SecurePeer current = server.binding.established(DEVICE);
        SecurePeer otherEpoch = new SecurePeer(current.session(), current.epoch() + 1);
        SecurePeer otherSession = new SecurePeer(Fixtures.session(SERVER), 1);

        server.binding.send(otherEpoch, new byte[] {0x50, 0x45, 0, 1}, network.now);
        server.binding.send(otherSession, new byte[] {0x50, 0x45, 0, 2}, network.now);
        server.binding.send(current, new byte[] {0x50, 0x45, 0, 3}, network.now);
        network.runFor(Duration.ofMillis(100));

        CoapsMetrics metrics = server.binding.metrics();
        assertThat(metrics.bindingDrops(BindingDropReason.OTHER_SESSION_OR_EPOCH)).isEqualTo(1);
        assertThat(metrics.bindingDrops(BindingDropReason.NO_SESSION)).as("a session of another endpoint").isEqualTo(1);
        assertThat(device.binding.metrics().recordsDropped(io.coaps4j.dtls.record.DropReason.BAD_TAG)).isZero();
    }

    @Test
    void aMessageTooLargeForOneRecordIsCountedNotSent() {
        CoapsNetwork.Node server = serverConnectedTo(network.node(DEVICE, clientOnly(), 2));
        SecurePeer peer = server.binding.established(DEVICE);

        server.binding.send(peer, new byte[CoapsBinding.maxMessageSize() + 1], network.now);
        server.binding.send(peer, new byte[CoapsBinding.maxMessageSize() + 1], network.now);

        assertThat(server.binding.metrics().bindingDrops(BindingDropReason.TOO_LARGE)).isEqualTo(2);
    }

    @Test
    void theServerPingsIdleSessionsAndClosesThoseOfDeadPeers() {
        CoapsNetwork.Node server = network.node(SERVER, config().keepAlive(QUICK).build(), 1)
                .resource("x", exchange -> CoapResponse.content("x"));
        CoapsNetwork.Node device = network.node(DEVICE, clientOnlyWithoutHeartbeat(), 2);
        get(device, SERVER, "x");

        network.runFor(Duration.ofSeconds(2));
        CoapsMetrics alive = server.binding.metrics();
        assertThat(alive.pingsSent()).isGreaterThanOrEqualTo(2);
        assertThat(alive.deadPeersClosed()).as("the device's CoAP engine answers each ping with an RST").isZero();
        assertThat(alive.serverSessions()).isEqualTo(1);
        assertThat(device.served).as("pings never reach a handler").isEmpty();

        network.cut(DEVICE, true);
        network.runFor(Duration.ofSeconds(1));
        assertThat(server.binding.metrics().serverSessions()).isZero();
        assertThat(server.binding.metrics().deadPeersClosed()).isEqualTo(1);
    }

    @Test
    void aPeerThatKeepsTalkingIsNotPingedUntilItFallsSilent() {
        CoapsNetwork.Node server = network.node(SERVER, config().keepAlive(QUICK).build(), 1)
                .resource("x", exchange -> CoapResponse.content("x"));
        CoapsNetwork.Node device = network.node(DEVICE, clientOnlyWithoutHeartbeat(), 2);
        for (int i = 0; i < 10; i++) {
            get(device, SERVER, "x");
            network.runFor(Duration.ofMillis(100)); // a request every ~110 ms: never idle for 200 ms
        }
        assertThat(server.binding.metrics().pingsSent()).as("the device's requests prove it alive").isZero();

        network.runFor(Duration.ofSeconds(1));
        assertThat(server.binding.metrics().pingsSent()).isPositive();
        assertThat(server.binding.metrics().deadPeersClosed()).isZero();
        assertThat(get(device, SERVER, "x").payloadAsString()).as("pings and requests share the session").isEqualTo("x");
    }

    @Test
    void aSweepAfterTheCoapEngineShutDownNeitherFailsNorClosesSessions() {
        CoapsNetwork.Node server = network.node(SERVER, config().keepAlive(QUICK).build(), 1)
                .resource("x", exchange -> CoapResponse.content("x"));
        CoapsNetwork.Node device = network.node(DEVICE, clientOnlyWithoutHeartbeat(), 2);
        get(device, SERVER, "x");
        server.engine.shutdown(network.now);

        network.runFor(Duration.ofSeconds(1));

        assertThat(server.binding.metrics().pingsSent()).as("the engine refused them").isZero();
        assertThat(server.binding.metrics().deadPeersClosed()).isZero();
        assertThat(server.binding.metrics().serverSessions()).isEqualTo(1);
    }

    @Test
    void theClientFindsADeadServerAndFailsItsPendingRequest() {
        CoapsNetwork.Node server = network.node(SERVER, config().build(), 1)
                .resource("x", exchange -> CoapResponse.content("x"))
                .resource("hold", exchange -> null);
        CoapsNetwork.Node device = network.node(DEVICE, config().acceptHandshakes(false).noHeartbeat().keepAlive(QUICK)
                .build(), 2);
        get(device, SERVER, "x");
        CompletableFuture<Message> pending = device.get(SERVER, "hold");
        network.runFor(Duration.ofMillis(1_300)); // acknowledged: from now on the device only waits for the response
        network.cut(SERVER, true);

        network.await(pending, Duration.ofSeconds(5));
        assertThat(pending).isCompletedExceptionally();
        assertThat(pending.handle((r, e) -> e.getMessage()).join()).contains("PEER_LOST");
        CoapsMetrics metrics = device.binding.metrics();
        assertThat(metrics.deadPeersClosed()).isEqualTo(1);
        assertThat(metrics.clientSessions()).isZero();
    }

    @Test
    void theDtlsServerSendsRequestsOverTheSessionTheDeviceOpened() {
        CoapsNetwork.Node dataCentre = network.node(SERVER, config().build(), 1)
                .resource("data", exchange -> CoapResponse.of(Code.CHANGED));
        CoapsNetwork.Node device = network.node(DEVICE, config().build(), 2)
                .resource("led", exchange -> exchange.peer().secure() ? CoapResponse.of(Code.CHANGED)
                        : CoapResponse.of(Code.UNAUTHORIZED));

        assertThat(get(device, SERVER, "data").code()).isEqualTo(Code.CHANGED);
        // The data centre, DTLS server of that session, is now the CoAP client: no handshake of its own.
        assertThat(get(dataCentre, DEVICE, "led").code()).isEqualTo(Code.CHANGED);

        Peer ledCaller = device.served.get(0).peer();
        assertThat(ledCaller).isEqualTo(device.binding.established(SERVER));
        CoapsMetrics deviceMetrics = device.binding.metrics();
        CoapsMetrics centreMetrics = dataCentre.binding.metrics();
        assertThat(deviceMetrics.clientSessions()).isEqualTo(1);
        assertThat(deviceMetrics.serverSessions()).as("the device never acted as DTLS server").isZero();
        assertThat(deviceMetrics.handshakesSucceeded()).as("one session carried both directions").isEqualTo(1);
        assertThat(centreMetrics.serverSessions()).isEqualTo(1);
        assertThat(centreMetrics.clientSessions()).isZero();
        assertThat(centreMetrics.handshakesSucceeded()).isEqualTo(1);
    }

    @Test
    void aClientOnlyNodeRefusesHandshakesButServesRequestsInItsOwnSessions() {
        CoapsNetwork.Node server = network.node(SERVER, config().build(), 1)
                .resource("x", exchange -> CoapResponse.content("x"));
        CoapsNetwork.Node device = network.node(DEVICE, clientOnly(), 2)
                .resource("led", exchange -> CoapResponse.of(Code.CHANGED));
        CoapsNetwork.Node stranger = network.node(address("10.0.0.3", 5684),
                config().retransmission(Fixtures.QUICK_GIVE_UP).build(), 3);

        CompletableFuture<Message> refused = network.await(stranger.get(DEVICE, "led"), Duration.ofSeconds(5));
        assertThat(refused).isCompletedExceptionally();
        assertThat(device.binding.metrics().datagramsRefused()).isPositive();

        get(device, SERVER, "x");
        assertThat(get(server, DEVICE, "led").code()).isEqualTo(Code.CHANGED);
    }

    @Test
    void whenBothNodesConnectTheNewestAssociationWinsAndTheOldOneIsLost() {
        CoapsNetwork.Node a = network.node(SERVER, config().build(), 1).resource("x", exchange -> CoapResponse.content("a"));
        CoapsNetwork.Node b = network.node(DEVICE, config().build(), 2).resource("x", exchange -> CoapResponse.content("b"));
        assertThat(get(b, SERVER, "x").payloadAsString()).isEqualTo("a");
        SecurePeer first = a.binding.established(DEVICE);

        // a closes the session; b's next request opens a new one, a's request goes over it, and nothing is left of the first.
        a.binding.closeSessionsWith(DEVICE, network.now);
        network.runFor(Duration.ofMillis(100));
        assertThat(get(b, SERVER, "x").payloadAsString()).isEqualTo("a");
        assertThat(get(a, DEVICE, "x").payloadAsString()).isEqualTo("b");
        assertThat(a.binding.sessions()).singleElement().isNotEqualTo(first);
        assertThat(b.binding.sessions()).hasSize(1);
    }
}
