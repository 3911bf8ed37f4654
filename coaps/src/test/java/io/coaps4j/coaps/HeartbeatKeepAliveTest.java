package io.coaps4j.coaps;

import static io.coaps4j.coaps.CoapsNetwork.address;
import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Message;
import io.coaps4j.dtls.config.HeartbeatMode;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The keep-alive on the sans-IO binding in virtual time: an RFC 6520 heartbeat where the session negotiated it
 * and the peer allows it, CoAP ping otherwise, and the metrics say which found a peer alive or dead.
 */
class HeartbeatKeepAliveTest {
    private static final InetSocketAddress SERVER = address("10.0.0.1", 5684);
    private static final InetSocketAddress DEVICE = address("10.0.0.2", 40000);
    private static final InetSocketAddress OTHER_DEVICE = address("10.0.0.3", 40000);
    /** Ping after 200 ms of silence; CoAP ping waits 100 ms then 200 ms. */
    private static final KeepAlive QUICK = KeepAlive.of(Duration.ofMillis(200), Duration.ofMillis(100), 1);
    /** The DTLS timer a heartbeat retransmits on: 100 ms, then 200 ms, then the peer is dead. */
    private static final RetransmissionPolicy FAST = RetransmissionPolicy.ofMillis(100, 400, 1, 10_000);

    private final CoapsNetwork network = new CoapsNetwork();

    private static CoapsConfig.Builder config() {
        return CoapsConfig.builder().bind(new InetSocketAddress(0)).psk(store("device-1", KEY)).retransmission(FAST);
    }

    private CoapsNetwork.Node server() {
        return network.node(SERVER, config().keepAlive(QUICK).build(), 1).resource("x", exchange -> CoapResponse.content("x"));
    }

    private Message get(CoapsNetwork.Node client, InetSocketAddress server) {
        return network.await(client.get(server, "x"), Duration.ofSeconds(30)).join();
    }

    @Test
    void whereHeartbeatsWereNegotiatedTheServerUsesThemAndClosesADeadPeersSession() {
        CoapsNetwork.Node server = server();
        CoapsNetwork.Node device = network.node(DEVICE, config().acceptHandshakes(false).build(), 2);
        get(device, SERVER);
        assertThat(server.binding.endpoint().established(DEVICE).canSendHeartbeat()).isTrue();

        network.runFor(Duration.ofSeconds(2));
        CoapsMetrics alive = server.binding.metrics();
        assertThat(alive.heartbeatsSent()).isGreaterThanOrEqualTo(2);
        assertThat(alive.heartbeatsAnswered()).isEqualTo(alive.heartbeatsSent());
        assertThat(alive.pingsSent()).as("no CoAP ping where the heartbeat serves").isZero();
        assertThat(alive.serverSessions()).isEqualTo(1);
        assertThat(device.served).as("heartbeats never reach CoAP").isEmpty();
        assertThat(device.binding.metrics().pingsSent()).as("the device has no keep-alive").isZero();

        network.cut(DEVICE, true);
        network.runFor(Duration.ofSeconds(1));
        CoapsMetrics dead = server.binding.metrics();
        assertThat(dead.serverSessions()).isZero();
        assertThat(dead.deadPeersByHeartbeat()).isEqualTo(1);
        assertThat(dead.deadPeersClosed()).as("none by CoAP ping").isZero();
        assertThat(dead.deadPeers()).isEqualTo(1);
    }

    @Test
    void eachSessionGetsTheKeepAliveItsPeerSupports() {
        CoapsNetwork.Node server = server();
        CoapsNetwork.Node withHeartbeat = network.node(DEVICE, config().acceptHandshakes(false).build(), 2);
        CoapsNetwork.Node without = network.node(OTHER_DEVICE, config().acceptHandshakes(false).noHeartbeat().build(), 3);
        get(withHeartbeat, SERVER);
        get(without, SERVER);

        network.runFor(Duration.ofSeconds(2));

        CoapsMetrics metrics = server.binding.metrics();
        assertThat(metrics.heartbeatsSent()).isPositive();
        assertThat(metrics.heartbeatsAnswered()).isPositive();
        assertThat(metrics.pingsSent()).isPositive();
        assertThat(metrics.deadPeers()).isZero();
        assertThat(metrics.serverSessions()).isEqualTo(2);
        assertThat(without.binding.metrics().heartbeatsSent()).isZero();
    }

    @Test
    void aPeerThatForbidsRequestsIsPingedOverCoap() {
        CoapsNetwork.Node server = server();
        CoapsNetwork.Node device = network.node(DEVICE, config().acceptHandshakes(false)
                .heartbeat(HeartbeatMode.PEER_NOT_ALLOWED_TO_SEND).build(), 2);
        get(device, SERVER);

        network.runFor(Duration.ofSeconds(2));

        assertThat(server.binding.endpoint().established(DEVICE).heartbeatNegotiated()).isTrue();
        assertThat(server.binding.metrics().heartbeatsSent()).isZero();
        assertThat(server.binding.metrics().pingsSent()).isPositive();
    }

    @Test
    void theClientFindsADeadServerByHeartbeatAndFailsItsPendingRequest() {
        CoapsNetwork.Node server = network.node(SERVER, config().build(), 1)
                .resource("x", exchange -> CoapResponse.content("x"))
                .resource("hold", exchange -> null);
        CoapsNetwork.Node device = network.node(DEVICE, config().acceptHandshakes(false).keepAlive(QUICK).build(), 2);
        get(device, SERVER);
        CompletableFuture<Message> pending = device.get(SERVER, "hold");
        network.runFor(Duration.ofMillis(1_300)); // acknowledged: from now on the device only waits for the response
        network.cut(SERVER, true);

        network.await(pending, Duration.ofSeconds(5));

        assertThat(pending).isCompletedExceptionally();
        assertThat(pending.handle((r, e) -> e.getMessage()).join()).contains("PEER_LOST");
        CoapsMetrics metrics = device.binding.metrics();
        assertThat(metrics.deadPeersByHeartbeat()).isEqualTo(1);
        assertThat(metrics.pingsSent()).isZero();
        assertThat(metrics.clientSessions()).isZero();
        assertThat(server.binding.metrics().heartbeatsSent()).as("the server has no keep-alive").isZero();
    }
}
