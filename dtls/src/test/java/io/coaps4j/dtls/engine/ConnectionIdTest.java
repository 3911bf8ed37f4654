package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.record.RecordCodec;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static io.coaps4j.dtls.engine.Fixture.ms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection IDs (RFC 9146) and the return routability check (RFC 9853) in the engine, in virtual time:
 * negotiation in both roles, sessions found by CID, the peer address moved only by a newer authentic record and
 * only after a path_challenge to the new address was answered; forged, replayed, stale and unknown-CID datagrams
 * move nothing.
 */
class ConnectionIdTest {
    private static final InMemoryPskStore STORE = InMemoryPskStore.builder().add("c", KEY).build();
    /** Where the client's NAT maps it after a rebinding. */
    private static final InetSocketAddress REBOUND = VirtualNetwork.address("10.0.0.2", 41234);
    private static final InetSocketAddress ATTACKER = VirtualNetwork.address("10.6.6.6", 666);

    private static DtlsConfig config(Consumer<DtlsConfig.Builder> tweak) {
        return Fixture.config(STORE, tweak);
    }

    private static DtlsConfig config(ConnectionIdPolicy policy) {
        return config(b -> b.connectionIds(policy));
    }

    private record Pair(VirtualNetwork network, DtlsConnection client, DtlsConnection served) {
        DtlsServer server() {
            return network.server;
        }

        /** The client's next datagram of application data, sent from {@code from} (not delivered yet). */
        byte[] clientData(String text) {
            List<byte[]> datagrams = client.send(text.getBytes(StandardCharsets.US_ASCII), network.now).datagrams();
            assertThat(datagrams).hasSize(1);
            return datagrams.get(0);
        }

        List<String> serverReceived() {
            return Fixture.eventsOfType(network.serverEvents.stream().map(DtlsServer.PeerEvent::event).toList(),
                    DtlsEvent.ApplicationData.class).stream()
                    .map(data -> new String(data.data(), StandardCharsets.US_ASCII)).toList();
        }
    }

    private static Pair established(DtlsConfig clientConfig, DtlsConfig serverConfig) {
        VirtualNetwork network = new VirtualNetwork(Fixture.server(serverConfig), 1, 0, 5);
        DtlsConnection client = Fixture.client(clientConfig, 70);
        network.start(CLIENT, client);
        network.run();
        assertThat(client.isEstablished()).isTrue();
        DtlsConnection served = network.server.established(CLIENT);
        // The client's first data releases the server's last flight.
        network.clientOutput(CLIENT, client.send(new byte[] {0}, network.now));
        network.run();
        return new Pair(network, client, served);
    }

    private static Pair established() {
        return established(config(ConnectionIdPolicy.DEFAULT), config(ConnectionIdPolicy.DEFAULT));
    }

    /** The NAT now maps the client to {@code address}: the old mapping is gone. */
    private static void rebind(Pair pair, InetSocketAddress address) {
        pair.network().clients.remove(CLIENT);
        pair.network().clients.put(address, pair.client());
    }

    @Test
    void byDefaultTheServerAsksForASixByteCidAndTheClientForNone() {
        Pair pair = established();

        byte[] serverCid = pair.served().session().orElseThrow().connectionId().orElseThrow();
        assertThat(serverCid).hasSize(6);
        assertThat(serverCid[0]).as("the node id byte").isEqualTo((byte) 0);
        assertThat(pair.client().session().orElseThrow().peerConnectionId()).hasValueSatisfying(
                cid -> assertThat(cid).isEqualTo(serverCid));
        assertThat(pair.client().session().orElseThrow().connectionId()).as("the client is found by address").isEmpty();
        assertThat(pair.served().session().orElseThrow().peerConnectionId()).isEmpty();
        assertThat(pair.client().returnRoutabilityNegotiated()).isTrue();
        assertThat(pair.served().returnRoutabilityNegotiated()).isTrue();

        byte[] datagram = pair.clientData("hello");
        assertThat(datagram[0] & 0xFF).as("a tls12_cid record").isEqualTo(RecordCodec.TLS12_CID);
        assertThat(Arrays.copyOfRange(datagram, 11, 17)).isEqualTo(serverCid);
    }

    @Test
    void aClientCidAndANodeIdAreUsedBothWays() {
        Pair pair = established(config(ConnectionIdPolicy.DEFAULT.withLength(4)),
                config(ConnectionIdPolicy.DEFAULT.withLength(8).withNodeId(0x2A)));

        byte[] serverCid = pair.served().session().orElseThrow().connectionId().orElseThrow();
        assertThat(serverCid).hasSize(8);
        assertThat(serverCid[0]).isEqualTo((byte) 0x2A);
        assertThat(pair.client().session().orElseThrow().connectionId()).hasValueSatisfying(cid -> assertThat(cid).hasSize(4));
        assertThat(pair.served().session().orElseThrow().peerConnectionId().orElseThrow())
                .isEqualTo(pair.client().session().orElseThrow().connectionId().orElseThrow());

        pair.network().serverOutput(pair.server().send(CLIENT, "down".getBytes(StandardCharsets.US_ASCII),
                pair.network().now));
        pair.network().run();
        assertThat(Fixture.eventsOfType(pair.network().eventsOf(CLIENT), DtlsEvent.ApplicationData.class))
                .extracting(data -> new String(data.data(), StandardCharsets.US_ASCII)).contains("down");
        VirtualNetwork.Packet last = pair.network().delivered.get(pair.network().delivered.size() - 1);
        assertThat(last.bytes()[0] & 0xFF).as("the server writes tls12_cid records too").isEqualTo(RecordCodec.TLS12_CID);
    }

    @Test
    void eitherSideCanSwitchConnectionIdsOff() {
        for (boolean clientOn : new boolean[] {false, true}) {
            Pair pair = established(config(clientOn ? ConnectionIdPolicy.DEFAULT : ConnectionIdPolicy.DISABLED),
                    config(clientOn ? ConnectionIdPolicy.DISABLED : ConnectionIdPolicy.DEFAULT));
            assertThat(pair.served().session().orElseThrow().connectionId()).isEmpty();
            assertThat(pair.client().session().orElseThrow().peerConnectionId()).isEmpty();
            assertThat(pair.client().returnRoutabilityNegotiated()).isFalse();
            assertThat(pair.clientData("x")[0]).as("plain application_data").isEqualTo((byte) 23);
        }
    }

    @Test
    void afterANatRebindingTheSessionMovesOnceThePathChallengeIsAnswered() {
        Pair pair = established();
        rebind(pair, REBOUND);
        DtlsMetrics metrics = pair.server().metrics();
        long handshakes = metrics.handshakesSucceeded();

        pair.network().send(REBOUND, VirtualNetwork.SERVER, pair.clientData("from the new port"));
        pair.network().run();

        assertThat(pair.serverReceived()).contains("from the new port");
        assertThat(metrics.pathChallengesSent()).isEqualTo(1);
        assertThat(pair.client().metrics().pathChallengesAnswered()).isEqualTo(1);
        assertThat(metrics.pathChecksSucceeded()).isEqualTo(1);
        assertThat(metrics.cidAddressUpdates()).isEqualTo(1);
        assertThat(pair.served().peer()).isEqualTo(REBOUND);
        assertThat(pair.server().established(REBOUND)).as("the same connection, found at the new address")
                .isSameAs(pair.served());
        assertThat(pair.server().established(CLIENT)).isNull();
        assertThat(pair.served().session().orElseThrow().peerAddress()).isEqualTo(REBOUND);
        assertThat(metrics.handshakesSucceeded()).as("no new handshake").isEqualTo(handshakes);

        pair.network().serverOutput(pair.server().send(REBOUND, "answer".getBytes(StandardCharsets.US_ASCII),
                pair.network().now));
        pair.network().run();
        assertThat(Fixture.eventsOfType(pair.network().eventsOf(REBOUND), DtlsEvent.ApplicationData.class))
                .extracting(data -> new String(data.data(), StandardCharsets.US_ASCII)).contains("answer");
    }

    @Test
    void untilTheCheckSucceedsEverythingGoesToTheOldAddressAndAnUnansweredCheckMovesNothing() {
        Pair pair = established();
        pair.network().clients.put(REBOUND, pair.client());
        pair.network().filter = packet -> !packet.from().equals(REBOUND) || pair.network().now < ms(1); // answers lost
        pair.network().inject(REBOUND, VirtualNetwork.SERVER, pair.clientData("moved?"));
        pair.network().runUntil(pair.network().now + ms(10));
        assertThat(pair.serverReceived()).contains("moved?");
        assertThat(pair.server().metrics().pathChallengesSent()).isEqualTo(1);

        DtlsServer.Result reply = pair.server().send(CLIENT, "still here".getBytes(StandardCharsets.US_ASCII),
                pair.network().now);
        assertThat(reply.datagrams()).extracting(DtlsServer.Outbound::to).containsExactly(CLIENT);

        pair.network().run();
        DtlsMetrics metrics = pair.server().metrics();
        assertThat(metrics.pathChallengesSent()).as("RFC 9853 5.3: retried, fresh cookie each time")
                .isEqualTo(ConnectionIdPolicy.DEFAULT.checkAttempts());
        assertThat(metrics.pathChecksFailed()).isEqualTo(1);
        assertThat(metrics.cidAddressUpdates()).isZero();
        assertThat(pair.served().peer()).isEqualTo(CLIENT);
        assertThat(pair.served().isEstablished()).isTrue();
    }

    @Test
    void aPathResponseWithAnotherCookieMovesNothing() {
        Pair pair = established();
        pair.network().clients.put(REBOUND, pair.client());
        pair.network().filter = packet -> !packet.from().equals(REBOUND); // the client's genuine answers are lost
        pair.network().inject(REBOUND, VirtualNetwork.SERVER, pair.clientData("moved?"));
        pair.network().runUntil(pair.network().now + ms(10));
        assertThat(pair.server().metrics().pathChallengesSent()).isEqualTo(1);

        // An authentic record from the client (only it has the keys) echoing the wrong cookie, and an unknown type.
        byte[] wrongCookie = {PathCheck.PATH_RESPONSE, 1, 2, 3, 4, 5, 6, 7, 8};
        byte[] unknownType = {9, 1, 2, 3, 4, 5, 6, 7, 8};
        for (byte[] message : List.of(wrongCookie, unknownType)) {
            byte[] record = pair.client().recordLayer().protect(Fixture.crypto(5),
                    io.coaps4j.dtls.record.ContentType.RETURN_ROUTABILITY_CHECK, message, 0, message.length);
            pair.server().receive(REBOUND, record, pair.network().now);
        }

        assertThat(pair.server().metrics().handshakeMessagesDropped(HandshakeDropReason.RRC_UNEXPECTED_RESPONSE))
                .isEqualTo(1);
        assertThat(pair.server().metrics().pathChecksSucceeded()).isZero();
        assertThat(pair.served().peer()).isEqualTo(CLIENT);
    }

    @Test
    void aForgedDatagramFromANewAddressMovesNothing() {
        Pair pair = established();
        byte[] forged = pair.clientData("forged");
        forged[forged.length - 1] ^= 1; // the tag no longer verifies

        pair.network().inject(ATTACKER, VirtualNetwork.SERVER, forged);
        pair.network().run();

        assertThat(pair.serverReceived()).doesNotContain("forged");
        assertThat(pair.server().metrics().pathChallengesSent()).as("no traffic aimed at the attacker's victim").isZero();
        assertThat(pair.served().peer()).isEqualTo(CLIENT);
        assertThat(pair.network().delivered).noneMatch(packet -> packet.to().equals(ATTACKER));
    }

    @Test
    void aReplayedDatagramFromANewAddressMovesNothing() {
        Pair pair = established();
        byte[] original = pair.clientData("once");
        pair.network().send(CLIENT, VirtualNetwork.SERVER, original);
        pair.network().run();

        pair.network().inject(ATTACKER, VirtualNetwork.SERVER, original);
        pair.network().run();

        assertThat(pair.serverReceived()).containsOnlyOnce("once");
        assertThat(pair.server().metrics().pathChallengesSent()).isZero();
        assertThat(pair.served().peer()).isEqualTo(CLIENT);
    }

    @Test
    void anOlderRecordArrivingLateFromANewAddressMovesNothing() {
        Pair pair = established();
        byte[] older = pair.clientData("older");
        byte[] newer = pair.clientData("newer");
        pair.network().inject(CLIENT, VirtualNetwork.SERVER, newer);
        pair.network().run();

        pair.network().inject(ATTACKER, VirtualNetwork.SERVER, older); // inside the replay window, but not newer
        pair.network().run();

        assertThat(pair.serverReceived()).contains("older", "newer");
        assertThat(pair.server().metrics().pathChallengesSent()).isZero();
        assertThat(pair.served().peer()).isEqualTo(CLIENT);
    }

    @Test
    void unknownCidsAndCidsOfTheWrongLengthAreDroppedSilently() {
        Pair pair = established();
        byte[] datagram = pair.clientData("lost");
        byte[] unknown = datagram.clone();
        unknown[12] ^= 0x55;
        byte[] shorter = new byte[datagram.length - 1]; // a 5-byte CID where the server uses 6
        System.arraycopy(datagram, 0, shorter, 0, 16);
        System.arraycopy(datagram, 17, shorter, 16, datagram.length - 17);

        DtlsServer.Result first = pair.server().receive(CLIENT, unknown, pair.network().now);
        DtlsServer.Result second = pair.server().receive(ATTACKER, shorter, pair.network().now);

        assertThat(first.datagrams()).isEmpty();
        assertThat(second.datagrams()).isEmpty();
        assertThat(first.events()).isEmpty();
        assertThat(second.events()).isEmpty();
        assertThat(pair.server().metrics().handshakeMessagesDropped(HandshakeDropReason.UNKNOWN_CONNECTION_ID)).isEqualTo(2);
        assertThat(pair.served().peer()).isEqualTo(CLIENT);
        assertThat(pair.served().isEstablished()).isTrue();
    }

    @Test
    void withoutTheReturnRoutabilityCheckANewerAuthenticRecordMovesTheSessionAtOnce() {
        Pair pair = established(config(ConnectionIdPolicy.DEFAULT.withReturnRoutabilityCheck(false)),
                config(ConnectionIdPolicy.DEFAULT));
        assertThat(pair.served().returnRoutabilityNegotiated()).isFalse();
        rebind(pair, REBOUND);

        pair.network().send(REBOUND, VirtualNetwork.SERVER, pair.clientData("moved"));
        pair.network().run();

        assertThat(pair.server().metrics().pathChallengesSent()).isZero();
        assertThat(pair.server().metrics().cidAddressUpdates()).isEqualTo(1);
        assertThat(pair.served().peer()).isEqualTo(REBOUND);
    }
}
