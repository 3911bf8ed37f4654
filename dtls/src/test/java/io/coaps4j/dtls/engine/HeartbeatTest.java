package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.config.HeartbeatMode;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static io.coaps4j.dtls.engine.Fixture.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 6520 heartbeats in the engine, in virtual time: negotiation, request and response, retransmission, dead peers. */
class HeartbeatTest {
    private static final InMemoryPskStore STORE = InMemoryPskStore.builder().add("c", KEY).build();

    private static DtlsConfig config(Optional<HeartbeatMode> mode) {
        // Plain records, so that the tests can read the heartbeats' wire form (CID records: ConnectionIdTest).
        return Fixture.config(STORE, builder -> {
            builder.connectionIds(ConnectionIdPolicy.DISABLED);
            if (mode.isPresent()) {
                builder.heartbeat(mode.get());
            } else {
                builder.noHeartbeat();
            }
        });
    }

    private static DtlsConfig config(Consumer<DtlsConfig.Builder> tweak) {
        // Plain records, so that the tests can read the heartbeats' wire form (CID records: ConnectionIdTest).
        return Fixture.config(STORE, builder -> {
            builder.connectionIds(ConnectionIdPolicy.DISABLED);
            tweak.accept(builder);
        });
    }

    /** A client and server that completed their handshake over a network with 5 ms latency. */
    private record Pair(VirtualNetwork network, DtlsConnection client, DtlsConnection served) {
        DtlsServer server() {
            return network.server;
        }
    }

    private static Pair established(DtlsConfig clientConfig, DtlsConfig serverConfig) {
        VirtualNetwork network = new VirtualNetwork(Fixture.server(serverConfig), 1, 0, 5);
        DtlsConnection client = Fixture.client(clientConfig, 70);
        network.start(CLIENT, client);
        network.run();
        assertThat(client.isEstablished()).isTrue();
        return new Pair(network, client, network.server.established(CLIENT));
    }

    private static Pair established() {
        return established(config(b -> { }), config(b -> { }));
    }

    /** The heartbeat records among the datagrams delivered so far, from {@code from}. */
    private static List<Record> heartbeats(VirtualNetwork network, java.net.InetSocketAddress from) {
        List<Record> found = new ArrayList<>();
        for (VirtualNetwork.Packet packet : network.delivered) {
            if (packet.from().equals(from)) {
                Wire.records(packet.bytes()).stream().filter(r -> r.type() == ContentType.HEARTBEAT).forEach(found::add);
            }
        }
        return found;
    }

    static Stream<Arguments> modes() {
        List<Optional<HeartbeatMode>> modes = List.of(Optional.empty(), Optional.of(HeartbeatMode.PEER_ALLOWED_TO_SEND),
                Optional.of(HeartbeatMode.PEER_NOT_ALLOWED_TO_SEND));
        List<Arguments> matrix = new ArrayList<>();
        for (Optional<HeartbeatMode> client : modes) {
            for (Optional<HeartbeatMode> server : modes) {
                matrix.add(Arguments.of(client, server));
            }
        }
        return matrix.stream();
    }

    @ParameterizedTest(name = "client {0}, server {1}")
    @MethodSource("modes")
    void negotiationMatrix(Optional<HeartbeatMode> clientMode, Optional<HeartbeatMode> serverMode) {
        Pair pair = established(config(clientMode), config(serverMode));

        boolean negotiated = clientMode.isPresent() && serverMode.isPresent();
        assertThat(pair.client().heartbeatNegotiated()).isEqualTo(negotiated);
        assertThat(pair.served().heartbeatNegotiated()).isEqualTo(negotiated);
        assertThat(pair.client().canSendHeartbeat())
                .as("the client may send when the server said peer_allowed_to_send")
                .isEqualTo(negotiated && serverMode.get() == HeartbeatMode.PEER_ALLOWED_TO_SEND);
        assertThat(pair.served().canSendHeartbeat())
                .as("the server may send when the client said peer_allowed_to_send")
                .isEqualTo(negotiated && clientMode.get() == HeartbeatMode.PEER_ALLOWED_TO_SEND);
    }

    @Test
    void byDefaultBothSidesOfferPeerAllowedToSend() {
        assertThat(DtlsConfig.builder().pskStore(STORE).build().heartbeat()).contains(HeartbeatMode.PEER_ALLOWED_TO_SEND);
        Pair pair = established();
        assertThat(pair.client().canSendHeartbeat()).isTrue();
        assertThat(pair.served().canSendHeartbeat()).isTrue();
    }

    @Test
    void aRequestIsAnsweredWithItsPayloadAndReportedWithItsRoundTrip() {
        Pair pair = established();
        VirtualNetwork network = pair.network();
        long sentAt = network.now;

        network.clientOutput(CLIENT, pair.client().sendHeartbeat(sentAt));
        assertThat(pair.client().heartbeatInFlight()).isTrue();
        network.run();

        assertThat(Fixture.eventsOfType(network.eventsOf(CLIENT), DtlsEvent.HeartbeatAnswered.class))
                .containsExactly(new DtlsEvent.HeartbeatAnswered(ms(10)));
        assertThat(pair.client().heartbeatInFlight()).isFalse();
        assertThat(pair.client().nextDeadline()).as("the timer stopped").isEqualTo(DtlsResult.NO_DEADLINE);
        List<Record> requests = heartbeats(network, CLIENT);
        List<Record> responses = heartbeats(network, VirtualNetwork.SERVER);
        assertThat(requests).hasSize(1);
        assertThat(responses).hasSize(1);
        assertThat(requests.get(0).epoch()).isEqualTo(1);
        // type, payload_length, 16 payload bytes, 16 padding, in an AES-CCM-8 record (8 explicit nonce, 8 tag).
        assertThat(requests.get(0).fragment()).hasSize(3 + 16 + 16 + 16);
        assertThat(server(pair).metrics().heartbeatRequestsAnswered()).isEqualTo(1);
        assertThat(pair.served().session().orElseThrow().connection()).isSameAs(pair.served());
    }

    private static DtlsServer server(Pair pair) {
        return pair.server();
    }

    @Test
    void theServerCanAskTooAndTheClientAnswers() {
        Pair pair = established();
        VirtualNetwork network = pair.network();

        network.serverOutput(pair.server().sendHeartbeat(pair.served(), network.now));
        network.run();

        assertThat(Fixture.eventsOfType(network.serverEventsOf(CLIENT), DtlsEvent.HeartbeatAnswered.class))
                .containsExactly(new DtlsEvent.HeartbeatAnswered(ms(10)));
        assertThat(pair.server().nextDeadline()).as("no heartbeat timer left on the server")
                .isGreaterThan(network.now + ms(60_000));
    }

    @Test
    void atMostOneRequestIsInFlight() {
        Pair pair = established();
        pair.client().sendHeartbeat(pair.network().now);

        assertThatThrownBy(() -> pair.client().sendHeartbeat(pair.network().now))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in flight");
    }

    @Test
    void sendingWhereThePeerForbidsItIsRefusedWithTheReason() {
        Pair pair = established(config(b -> { }), config(Optional.of(HeartbeatMode.PEER_NOT_ALLOWED_TO_SEND)));
        assertThatThrownBy(() -> pair.client().sendHeartbeat(pair.network().now))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("peer_not_allowed_to_send");

        Pair none = established(config(b -> b.noHeartbeat()), config(b -> { }));
        assertThatThrownBy(() -> none.client().sendHeartbeat(none.network().now))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not negotiate");
    }

    @Test
    void anUnansweredRequestIsRetransmittedOnTheDtlsTimerAndThePeerDeclaredDead() {
        Pair pair = established();
        VirtualNetwork network = pair.network();
        network.filter = packet -> !packet.from().equals(VirtualNetwork.SERVER); // the server's answers are lost
        long start = network.now;

        network.clientOutput(CLIENT, pair.client().sendHeartbeat(start));
        network.run();

        // FAST_GIVE_UP: 1 s doubling, 3 retransmissions, then one more wait (RFC 6347 section 4.2.4.1).
        List<Long> sent = new ArrayList<>();
        for (VirtualNetwork.Packet packet : network.delivered) {
            if (packet.from().equals(CLIENT) && Wire.records(packet.bytes()).get(0).type() == ContentType.HEARTBEAT) {
                sent.add((packet.deliverAt() - ms(5) - start) / ms(1));
            }
        }
        assertThat(sent).containsExactly(0L, 1_000L, 3_000L, 7_000L);
        assertThat(network.eventsOf(CLIENT)).last().isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.HEARTBEAT_TIMEOUT));
        assertThat(pair.client().status()).isEqualTo(DtlsConnection.Status.CLOSED);
        assertThat(pair.client().nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        assertThat(network.now - start).as("declared dead when the last wait ended, at 15 s; its close_notify"
                + " arrived 5 ms later").isEqualTo(ms(15_005));
        // The peer heard the close_notify (only its answers were lost).
        assertThat(network.serverEventsOf(CLIENT)).last().isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.PEER_CLOSED));
    }

    @Test
    void theRetransmissionCountIsConfigurable() {
        Pair pair = established(config(b -> b.heartbeatRetransmissions(1)), config(b -> { }));
        VirtualNetwork network = pair.network();
        network.filter = packet -> !packet.from().equals(VirtualNetwork.SERVER);
        long start = network.now;

        network.clientOutput(CLIENT, pair.client().sendHeartbeat(start));
        network.run();

        assertThat(heartbeats(network, CLIENT)).hasSize(2);
        assertThat(network.now - start).as("dead at 3 s, close_notify delivered").isEqualTo(ms(3_005));
        assertThat(network.eventsOf(CLIENT)).last().isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.HEARTBEAT_TIMEOUT));
    }

    @Test
    void theServerDeclaresADeadClientAndFreesItsSession() {
        Pair pair = established();
        VirtualNetwork network = pair.network();
        network.filter = packet -> !packet.from().equals(CLIENT); // the client is gone
        long start = network.now;

        network.serverOutput(pair.server().sendHeartbeat(pair.served(), start));
        network.run();

        assertThat(network.serverEventsOf(CLIENT)).last()
                .isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.HEARTBEAT_TIMEOUT));
        assertThat(pair.server().sessionCount()).isZero();
        assertThat(pair.server().metrics().heartbeatTimeouts()).isEqualTo(1);
        assertThat(network.now - start).as("dead at 15 s, close_notify delivered").isEqualTo(ms(15_005));
    }

    @Test
    void aLateAnswerToAnEarlierTransmissionStillCounts() {
        Pair pair = established();
        VirtualNetwork network = pair.network();
        boolean[] droppedOne = {false};
        network.filter = packet -> {
            boolean firstAnswer = packet.from().equals(VirtualNetwork.SERVER) && !droppedOne[0]
                    && Wire.records(packet.bytes()).get(0).type() == ContentType.HEARTBEAT;
            droppedOne[0] |= firstAnswer;
            return !firstAnswer;
        };

        network.clientOutput(CLIENT, pair.client().sendHeartbeat(network.now));
        network.run();

        assertThat(Fixture.eventsOfType(network.eventsOf(CLIENT), DtlsEvent.HeartbeatAnswered.class))
                .containsExactly(new DtlsEvent.HeartbeatAnswered(ms(1_010)));
        assertThat(heartbeats(network, CLIENT)).hasSize(2);
        assertThat(pair.client().isEstablished()).isTrue();
    }

    @Test
    void aSessionClosedMeanwhileStopsTheTimer() {
        Pair pair = established();
        pair.client().sendHeartbeat(pair.network().now);
        pair.client().close(pair.network().now);
        assertThat(pair.client().nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        assertThatThrownBy(() -> pair.client().sendHeartbeat(pair.network().now))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOSED");
    }
}
