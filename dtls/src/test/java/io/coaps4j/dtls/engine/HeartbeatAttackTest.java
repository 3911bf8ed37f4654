package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.Alert;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.config.HeartbeatMode;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.Extension;
import io.coaps4j.dtls.handshake.message.ExtensionType;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.RecordLayer;
import io.coaps4j.dtls.record.SecurityAssociation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heartbeat input that must be dropped silently (RFC 6520 sections 2 to 4), each checked to leave no trace: no
 * answer, no timer, no state, the session as it was. Records are forged with the peer's own keys, as a peer
 * (or a bug in one) would send them.
 */
class HeartbeatAttackTest {
    private static final InMemoryPskStore STORE = InMemoryPskStore.builder().add("c", KEY).build();
    private static final RandomSource ZEROS = (target, offset, length) -> { };
    private final CryptoContext crypto = CryptoContext.create();

    private static DtlsConfig config(Consumer<DtlsConfig.Builder> tweak) {
        // Plain records, so that the tests can read the heartbeats' wire form (CID records: ConnectionIdTest).
        return Fixture.config(STORE, builder -> {
            builder.connectionIds(ConnectionIdPolicy.DISABLED);
            tweak.accept(builder);
        });
    }

    /** A request whose payload_length is {@code claimed} while it carries {@code payload} bytes and 16 of padding. */
    private static byte[] request(int claimed, int payload) {
        byte[] message = new byte[3 + payload + 16];
        message[0] = 1;
        message[1] = (byte) (claimed >>> 8);
        message[2] = (byte) claimed;
        return message;
    }

    /** A network whose handshake completed a moment ago: the server still keeps its last flight. */
    private VirtualNetwork establishedNetwork(DtlsConfig serverConfig, DtlsConnection client) {
        VirtualNetwork network = new VirtualNetwork(Fixture.server(serverConfig), 1, 0, 5);
        network.start(CLIENT, client);
        network.runUntil(Fixture.ms(500));
        assertThat(client.isEstablished()).isTrue();
        return network;
    }

    /** Delivers {@code datagram} from the client to the server and returns what the server sent in answer. */
    private static DtlsServer.Result toServer(VirtualNetwork network, byte[] datagram) {
        return network.server.receive(CLIENT, datagram, network.now);
    }

    private byte[] fromClient(DtlsConnection client, byte[] heartbeat) {
        return client.recordLayer().protect(crypto, ContentType.HEARTBEAT, heartbeat, 0, heartbeat.length);
    }

    private static void assertLeftNoTrace(DtlsServer.Result answer, DtlsConnection served, long deadlineBefore,
                                          DtlsServer server) {
        assertThat(answer.datagrams()).as("nothing answered").isEmpty();
        assertThat(answer.events()).as("nothing reported").isEmpty();
        assertThat(served.isEstablished()).as("the session goes on").isTrue();
        assertThat(served.heartbeatInFlight()).isFalse();
        // An authentic record is activity: the idle deadline moves later, but no earlier timer appears.
        assertThat(answer.nextDeadline()).as("no timer started").isGreaterThanOrEqualTo(deadlineBefore);
        assertThat(server.metrics().heartbeatRequestsAnswered()).isZero();
    }

    @Test
    void aPayloadLengthPastTheRecordIsDiscarded() {
        DtlsConnection client = Fixture.client(config(b -> { }), 70);
        VirtualNetwork network = establishedNetwork(config(b -> { }), client);
        DtlsServer server = network.server;
        DtlsConnection served = server.established(CLIENT);
        long deadline = server.nextDeadline();

        // Heartbleed: claims 16 KB while carrying 16 bytes; and one that leaves less than 16 bytes of padding.
        DtlsServer.Result bleed = toServer(network, fromClient(client, request(0x3FEC, 16)));
        assertLeftNoTrace(bleed, served, deadline, server);
        DtlsServer.Result shortPadding = toServer(network, fromClient(client, request(20, 16)));
        assertLeftNoTrace(shortPadding, served, deadline, server);

        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.HEARTBEAT_MALFORMED)).isEqualTo(2);
        // The same record with an honest length is answered: the drops were the length's doing.
        assertThat(toServer(network, fromClient(client, request(16, 16))).datagrams()).hasSize(1);
    }

    @Test
    void aHeartbeatInEpochZeroIsDiscarded() {
        DtlsConnection client = Fixture.client(config(b -> { }), 70);
        VirtualNetwork network = establishedNetwork(config(b -> { }), client);
        DtlsServer server = network.server;
        DtlsConnection served = server.established(CLIENT);
        long deadline = server.nextDeadline();

        // While the server keeps its last flight it still reads epoch 0 (for the client's retransmissions).
        byte[] plaintext = Wire.datagram(Wire.plaintext(ContentType.HEARTBEAT, 50, request(16, 16)));
        assertLeftNoTrace(toServer(network, plaintext), served, deadline, server);
        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.HEARTBEAT_OUT_OF_SESSION)).isEqualTo(1);

        // Afterwards epoch 0 is gone from the record layer altogether.
        network.runUntil(network.now + Fixture.ms(300_000));
        byte[] later = Wire.datagram(Wire.plaintext(ContentType.HEARTBEAT, 51, request(16, 16)));
        assertLeftNoTrace(toServer(network, later), served, server.nextDeadline(), server);
        assertThat(server.metrics().recordsDropped(io.coaps4j.dtls.record.DropReason.UNKNOWN_EPOCH)).isEqualTo(1);
    }

    @Test
    void aHeartbeatBeforeTheHandshakeIsDiscarded() throws Exception {
        DtlsServer server = Fixture.server(config(b -> { }));
        byte[] request = Wire.datagram(Wire.plaintext(ContentType.HEARTBEAT, 0, request(16, 16)));

        DtlsServer.Result stranger = server.receive(CLIENT, request, 0);
        assertThat(stranger.datagrams()).isEmpty();
        assertThat(server.connectionCount()).as("nothing allocated for an address without a connection").isZero();

        byte[] hello = Hellos.verifiedHello(server, CLIENT, 70, 0);
        server.receive(CLIENT, hello, 0);
        assertThat(server.handshakeCount()).isEqualTo(1);
        DtlsServer.Result duringHandshake = server.receive(CLIENT, Wire.datagram(
                Wire.plaintext(ContentType.HEARTBEAT, 5, request(16, 16))), 1);
        assertThat(duringHandshake.datagrams()).isEmpty();
        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.HEARTBEAT_OUT_OF_SESSION)).isEqualTo(1);
        assertThat(server.connection(CLIENT).orElseThrow().isHandshaking()).isTrue();
    }

    @Test
    void aProtectedHeartbeatBeforeThePeersFinishedIsDiscarded() {
        DtlsConnection client = Fixture.client(config(b -> { }), 70);
        VirtualNetwork network = new VirtualNetwork(Fixture.server(config(b -> { })), 1, 0, 5);
        List<byte[]> held = new ArrayList<>();
        network.filter = packet -> {
            boolean flight5 = packet.from().equals(CLIENT)
                    && Wire.records(packet.bytes()).stream().anyMatch(r -> r.epoch() == 1);
            if (flight5 && held.isEmpty()) {
                held.add(packet.bytes());
                return false;
            }
            return true;
        };
        network.start(CLIENT, client);
        network.runUntil(Fixture.ms(500)); // before the client retransmits its flight
        assertThat(network.server.connection(CLIENT).orElseThrow().isHandshaking()).isTrue();
        List<Record> flight = Wire.records(held.get(0));
        Record finished = flight.get(flight.size() - 1);
        assertThat(finished.epoch()).isEqualTo(1);

        // The server reads the key exchange and ChangeCipherSpec: it now reads epoch 1 and waits for the Finished.
        DtlsServer server = network.server;
        server.receive(CLIENT, Wire.datagram(flight.subList(0, flight.size() - 1).toArray(Record[]::new)), network.now);
        DtlsServer.Result early = toServer(network, fromClient(client, request(16, 16)));

        assertThat(early.datagrams()).as("not answered").isEmpty();
        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.HEARTBEAT_OUT_OF_SESSION)).isEqualTo(1);
        DtlsServer.Result completed = server.receive(CLIENT, Wire.datagram(finished), network.now);
        assertThat(server.established(CLIENT)).as("the handshake completes as if nothing happened").isNotNull();
        assertThat(completed.events()).extracting(DtlsServer.PeerEvent::event).hasOnlyElementsOfType(DtlsEvent.HandshakeCompleted.class);
        assertThat(server.established(CLIENT).heartbeatInFlight()).isFalse();
    }

    @Test
    void aRequestFromAPeerNotAllowedToSendIsDiscarded() {
        DtlsConnection client = Fixture.client(config(b -> { }), 70);
        VirtualNetwork network = establishedNetwork(config(b -> b.heartbeat(HeartbeatMode.PEER_NOT_ALLOWED_TO_SEND)), client);
        DtlsServer server = network.server;
        DtlsConnection served = server.established(CLIENT);
        assertThat(client.canSendHeartbeat()).isFalse();

        assertLeftNoTrace(toServer(network, fromClient(client, request(16, 16))), served, server.nextDeadline(), server);
        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.HEARTBEAT_NOT_ALLOWED)).isEqualTo(1);
    }

    @Test
    void aHeartbeatWhereNoneWasNegotiatedIsDiscarded() {
        DtlsConnection client = Fixture.client(config(b -> { }), 70);
        VirtualNetwork network = establishedNetwork(config(DtlsConfig.Builder::noHeartbeat), client);
        DtlsServer server = network.server;
        DtlsConnection served = server.established(CLIENT);
        assertThat(served.heartbeatNegotiated()).isFalse();

        assertLeftNoTrace(toServer(network, fromClient(client, request(16, 16))), served, server.nextDeadline(), server);
        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.HEARTBEAT_NOT_ALLOWED)).isEqualTo(1);
    }

    @Test
    void aResponseThatDoesNotMatchTheRequestIsDiscarded() {
        DtlsConnection client = Fixture.client(config(b -> { }), 70);
        VirtualNetwork network = establishedNetwork(config(b -> { }), client);
        RecordLayer serverRecords = network.server.established(CLIENT).recordLayer();

        // A response with no request in flight.
        byte[] unsolicited = new HeartbeatMessage(HeartbeatMessage.RESPONSE, new byte[16]).encode(ZEROS);
        DtlsResult stray = client.receive(serverRecords.protect(crypto, ContentType.HEARTBEAT, unsolicited, 0,
                unsolicited.length), network.now);
        assertThat(stray.events()).isEmpty();
        assertThat(stray.datagrams()).isEmpty();

        // A response with another payload than the request in flight: dropped, the request stays in flight.
        DtlsResult sent = client.sendHeartbeat(network.now);
        byte[] wrong = new HeartbeatMessage(HeartbeatMessage.RESPONSE, new byte[HeartbeatRequest.PAYLOAD_LENGTH]).encode(ZEROS);
        DtlsResult mismatch = client.receive(serverRecords.protect(crypto, ContentType.HEARTBEAT, wrong, 0, wrong.length),
                network.now + 1);
        assertThat(mismatch.events()).isEmpty();
        assertThat(mismatch.nextDeadline()).as("its timer runs on").isEqualTo(sent.nextDeadline());
        assertThat(client.heartbeatInFlight()).isTrue();
    }

    @Test
    void anUnknownModeInTheClientHelloEndsTheHandshakeWithIllegalParameter() throws Exception {
        DtlsServer server = Fixture.server(config(b -> { }));
        byte[] first = helloWithHeartbeatMode(Hellos.firstHello(70), 3);
        byte[] hello = Hellos.withCookie(first, Hellos.cookieOf(server.receive(CLIENT, first, 0)));

        DtlsServer.Result answer = server.receive(CLIENT, hello, 0);

        List<Record> records = Wire.records(answer.datagrams().get(0).datagram());
        assertThat(records).hasSize(1);
        assertThat(records.get(0).type()).isEqualTo(ContentType.ALERT);
        assertThat(Alert.decode(records.get(0).fragment(), 0, records.get(0).fragment().length))
                .isEqualTo(Alert.fatal(AlertDescription.ILLEGAL_PARAMETER));
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void anUnknownModeInTheServerHelloEndsTheHandshakeWithIllegalParameter() {
        DtlsConnection client = Fixture.client(config(b -> { }), 70);
        VirtualNetwork network = new VirtualNetwork(Fixture.server(config(b -> { })), 1, 0, 5);
        network.filter = packet -> {
            if (packet.from().equals(VirtualNetwork.SERVER)) {
                // The heartbeat extension in the plaintext ServerHello: type 15, length 1, mode 1 becomes mode 3.
                byte[] bytes = packet.bytes();
                for (int i = 0; i + 4 < bytes.length; i++) {
                    if (bytes[i] == 0 && bytes[i + 1] == 15 && bytes[i + 2] == 0 && bytes[i + 3] == 1 && bytes[i + 4] == 1) {
                        bytes[i + 4] = 3;
                    }
                }
            }
            return true;
        };
        network.start(CLIENT, client);
        network.run();

        assertThat(client.status()).isEqualTo(DtlsConnection.Status.FAILED);
        assertThat(Fixture.eventsOfType(network.eventsOf(CLIENT), DtlsEvent.Failed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.alert()).contains(AlertDescription.ILLEGAL_PARAMETER));
    }

    @Test
    void theClientHelloCarriesTheModeOnlyWhenConfigured() {
        DtlsConnection client = Fixture.client(config(DtlsConfig.Builder::noHeartbeat), 70);
        DtlsResult start = client.start(0);
        ClientHello sent = clientHello(start.datagrams().get(0));
        assertThat(sent.extensions().contains(ExtensionType.HEARTBEAT)).isFalse();
        DtlsConnection offering = Fixture.client(config(b -> { }), 71);
        assertThat(clientHello(offering.start(0).datagrams().get(0)).extensions().find(ExtensionType.HEARTBEAT))
                .map(Extension::data).hasValueSatisfying(data -> assertThat(data).containsExactly(1));
    }

    @Test
    void decodingRefusesEveryMalformedShape() {
        assertThat(HeartbeatMessage.decode(request(16, 16))).isNotNull();
        assertThat(HeartbeatMessage.decode(new byte[18])).as("shorter than header and padding").isNull();
        byte[] unknownType = request(16, 16);
        unknownType[0] = 3;
        assertThat(HeartbeatMessage.decode(unknownType)).isNull();
        assertThat(HeartbeatMessage.decode(request(0, SecurityAssociation.MAX_PLAINTEXT_LENGTH)))
                .as("longer than 2^14").isNull();
        assertThat(HeartbeatMessage.decode(request(HeartbeatMessage.MAX_PAYLOAD, HeartbeatMessage.MAX_PAYLOAD)))
                .as("the longest that fits").isNotNull();
    }

    private static ClientHello clientHello(byte[] datagram) {
        try {
            return ClientHello.decode(Wire.onlyFragment(Wire.records(datagram).get(0)).fragmentBytes());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The ClientHello datagram with its heartbeat extension's mode set to {@code mode}. */
    private static byte[] helloWithHeartbeatMode(byte[] datagram, int mode) throws Exception {
        Record record = Wire.records(datagram).get(0);
        ClientHello hello = ClientHello.decode(Wire.onlyFragment(record).fragmentBytes());
        List<Extension> extensions = new ArrayList<>();
        for (Extension extension : hello.extensions().list()) {
            extensions.add(extension.type() == ExtensionType.HEARTBEAT
                    ? new Extension(ExtensionType.HEARTBEAT, new byte[] {(byte) mode}) : extension);
        }
        ClientHello changed = new ClientHello(hello.clientVersion(), hello.random(), hello.sessionId(), hello.cookie(),
                hello.cipherSuites(), hello.compressionMethods(), Extensions.of(extensions));
        return Wire.datagram(Wire.plaintext(ContentType.HANDSHAKE, record.sequenceNumber(),
                HandshakeFragment.whole(HandshakeType.CLIENT_HELLO.code(), 0, changed.encodeBody()).encode()));
    }
}
