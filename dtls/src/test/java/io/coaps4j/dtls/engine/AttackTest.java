package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.WireWriter;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.DropReason;
import io.coaps4j.dtls.record.Record;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Hellos.cookieOf;
import static io.coaps4j.dtls.engine.Hellos.firstHello;
import static io.coaps4j.dtls.engine.Hellos.withCookie;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static io.coaps4j.dtls.engine.Fixture.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** Each attack on the handshake, on the wire, and what the endpoints must (not) do. */
class AttackTest {
    /** Without connection IDs: these tests take the client's flights apart record by record with the plain framing. */
    private static DtlsConfig plainRecords() {
        return Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                builder -> builder.connectionIds(io.coaps4j.dtls.config.ConnectionIdPolicy.DISABLED));
    }

    private static final InetSocketAddress VICTIM = VirtualNetwork.address("192.0.2.99", 5683);

    @Test
    void helloWithoutCookieFromASpoofedAddressAllocatesNothingAndIsNotAmplified() {
        DtlsServer server = Fixture.server(plainRecords());
        byte[] hello = firstHello(20);

        DtlsServer.Result result = server.receive(VICTIM, hello, 0);

        assertThat(server.connectionCount()).isZero();
        assertThat(server.handshakeCount()).isZero();
        assertThat(server.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        assertThat(result.datagrams()).hasSize(1);
        assertThat(result.datagrams().get(0).to()).isEqualTo(VICTIM);
        assertThat(result.datagrams().get(0).datagram().length).isLessThanOrEqualTo(hello.length);
        assertThat(Wire.firstHandshakeType(result.datagrams().get(0).datagram()))
                .isEqualTo(HandshakeType.HELLO_VERIFY_REQUEST.code());
        // RFC 6347 4.2.1: the HelloVerifyRequest reuses the hello's record sequence number.
        assertThat(Wire.records(result.datagrams().get(0).datagram()).get(0).sequenceNumber())
                .isEqualTo(Wire.records(hello).get(0).sequenceNumber());
    }

    @Test
    void aThousandSpoofedHellosStillAllocateNothing() {
        DtlsServer server = Fixture.server(plainRecords());
        for (int i = 0; i < 1000; i++) {
            InetSocketAddress spoofed = VirtualNetwork.address("198.51.100." + (i % 250 + 1), 1000 + i);
            server.receive(spoofed, firstHello(i), i);
        }
        assertThat(server.connectionCount()).isZero();
        assertThat(server.metrics().helloVerifyRequestsSent()).isEqualTo(1000);
    }

    @Test
    void aCookieValidHelloInARecordOfAnotherVersionLeavesNothingBehind() throws Exception {
        DtlsServer server = Fixture.server(plainRecords());
        byte[] hello = firstHello(70);
        byte[] valid = withCookie(hello, cookieOf(server.receive(CLIENT, hello, 0)));
        valid[2] = (byte) 0xFE; // record version {254, 254}: neither DTLS 1.0 nor 1.2; the cookie does not cover it

        server.receive(CLIENT, valid, 1);

        assertThat(server.connectionCount()).isZero();
        assertThat(server.handshakeCount()).isZero();
        assertThat(server.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
    }

    @Test
    void forgedCookieIsAnsweredWithANewHelloVerifyRequest() throws Exception {
        DtlsServer server = Fixture.server(plainRecords());
        byte[] forged = withCookie(firstHello(21), new byte[32]);

        DtlsServer.Result result = server.receive(CLIENT, forged, 0);

        assertThat(server.connectionCount()).isZero();
        assertThat(Wire.firstHandshakeType(result.datagrams().get(0).datagram()))
                .isEqualTo(HandshakeType.HELLO_VERIFY_REQUEST.code());
    }

    @Test
    void cookieIsValidAcrossOneRotationAndExpiresWithTheSecond() throws Exception {
        DtlsConfig config = Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                b -> b.cookieRotationPeriod(java.time.Duration.ofSeconds(10)));
        byte[] hello = firstHello(22);

        DtlsServer once = new DtlsServer(config, Fixture.crypto(1), new DtlsMetrics(), 0);
        byte[] cookie = cookieOf(once.receive(CLIENT, hello, Fixture.ms(1_000)));
        once.receive(CLIENT, withCookie(hello, cookie), Fixture.ms(12_000));
        assertThat(once.connectionCount()).as("after one rotation").isEqualTo(1);

        DtlsServer twice = new DtlsServer(config, Fixture.crypto(1), new DtlsMetrics(), 0);
        byte[] oldCookie = cookieOf(twice.receive(CLIENT, hello, Fixture.ms(1_000)));
        twice.receive(CLIENT, firstHello(23), Fixture.ms(12_000));
        DtlsServer.Result late = twice.receive(CLIENT, withCookie(hello, oldCookie), Fixture.ms(22_000));
        assertThat(twice.connectionCount()).as("after two rotations").isZero();
        assertThat(Wire.firstHandshakeType(late.datagrams().get(0).datagram()))
                .isEqualTo(HandshakeType.HELLO_VERIFY_REQUEST.code());
    }

    @Test
    void cookieOfOneAddressIsWorthlessFromAnother() throws Exception {
        DtlsServer server = Fixture.server(plainRecords());
        byte[] hello = firstHello(24);
        byte[] cookie = cookieOf(server.receive(CLIENT, hello, 0));

        server.receive(VirtualNetwork.address("10.0.0.3", 40000), withCookie(hello, cookie), 10);
        server.receive(VirtualNetwork.address("10.0.0.2", 40001), withCookie(hello, cookie), 10);
        assertThat(server.connectionCount()).isZero();

        server.receive(CLIENT, withCookie(hello, cookie), 10);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void cookieIsBoundToTheHelloItWasMadeFor() throws Exception {
        DtlsServer server = Fixture.server(plainRecords());
        byte[] cookie = cookieOf(server.receive(CLIENT, firstHello(25), 0));

        server.receive(CLIENT, withCookie(firstHello(26), cookie), 10);
        assertThat(server.connectionCount()).isZero();
    }

    /** Runs a handshake whose client flight 5 is held back; returns its records [CKE, CCS, Finished]. */
    private static List<Record> heldBackClientFlight(VirtualNetwork network, DtlsConnection client) {
        List<byte[]> held = new ArrayList<>();
        network.filter = packet -> {
            if (packet.from().equals(CLIENT)
                    && Wire.firstHandshakeType(packet.bytes()) == HandshakeType.CLIENT_KEY_EXCHANGE.code()) {
                held.add(packet.bytes());
                return false;
            }
            return true;
        };
        network.start(CLIENT, client);
        network.runUntil(Fixture.ms(500));
        assertThat(held).hasSize(1);
        List<Record> records = Wire.records(held.get(0));
        assertThat(records).extracting(Record::type)
                .containsExactly(ContentType.HANDSHAKE, ContentType.CHANGE_CIPHER_SPEC, ContentType.HANDSHAKE);
        return records;
    }

    @Test
    void finishedInEpochZeroWithoutChangeCipherSpecIsRejected() throws Exception {
        DtlsServer server = Fixture.server(plainRecords());
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(plainRecords(), 30);
        List<Record> flight = heldBackClientFlight(network, client);
        Record keyExchange = flight.get(0);
        int finishedSeq = Wire.onlyFragment(keyExchange).messageSeq() + 1;

        network.inject(CLIENT, VirtualNetwork.SERVER, Wire.datagram(keyExchange));
        network.runUntil(network.now + Fixture.ms(1));
        byte[] plaintextFinished = HandshakeFragment.whole(HandshakeType.FINISHED.code(), finishedSeq, new byte[12]).encode();
        network.inject(CLIENT, VirtualNetwork.SERVER,
                Wire.datagram(Wire.plaintext(ContentType.HANDSHAKE, keyExchange.sequenceNumber() + 5, plaintextFinished)));
        network.runUntil(network.now + Fixture.ms(100));

        DtlsEvent.Failed failed = Fixture.eventsOfType(network.serverEventsOf(CLIENT), DtlsEvent.Failed.class).get(0);
        assertThat(failed.alert()).contains(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(Fixture.eventsOfType(network.serverEventsOf(CLIENT), DtlsEvent.HandshakeCompleted.class)).isEmpty();
        assertThat(server.connectionCount()).isZero();
        assertThat(client.status()).isEqualTo(DtlsConnection.Status.FAILED);
    }

    @Test
    void aForgedRecordOfTheNewEpochBeforeTheGenuineFinishedDoesNotAbortTheHandshake() {
        DtlsServer server = Fixture.server(plainRecords());
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(plainRecords(), 34);
        List<Record> flight = heldBackClientFlight(network, client);
        Record finished = flight.get(2);
        byte[] tampered = finished.fragment();
        tampered[tampered.length - 1] ^= 1;
        // Same epoch and sequence number as the genuine Finished: it must not take its place either.
        Record forged = new Record(finished.type(), finished.version(), finished.epoch(), finished.sequenceNumber(),
                tampered);

        network.inject(CLIENT, VirtualNetwork.SERVER, Wire.datagram(flight.get(0), flight.get(1), forged));
        network.runUntil(network.now + Fixture.ms(1));
        assertThat(server.metrics().recordsDropped(DropReason.BAD_TAG)).isEqualTo(1);
        assertThat(server.handshakeCount()).isEqualTo(1);
        assertThat(network.serverEventsOf(CLIENT)).isEmpty();

        network.inject(CLIENT, VirtualNetwork.SERVER, Wire.datagram(finished));
        network.runUntil(network.now + Fixture.ms(100));

        assertThat(Fixture.eventsOfType(network.serverEventsOf(CLIENT), DtlsEvent.HandshakeCompleted.class)).hasSize(1);
        assertThat(Fixture.eventsOfType(network.serverEventsOf(CLIENT), DtlsEvent.Failed.class)).isEmpty();
        assertThat(server.session(CLIENT)).isPresent();
        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
    }

    @Test
    void changeCipherSpecBeforeClientKeyExchangeSwitchesNothing() {
        DtlsServer server = Fixture.server(plainRecords());
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(plainRecords(), 31);
        List<Record> flight = heldBackClientFlight(network, client);

        network.inject(CLIENT, VirtualNetwork.SERVER, Wire.datagram(flight.get(1), flight.get(2)));
        network.runUntil(network.now + Fixture.ms(100));

        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.UNEXPECTED_CHANGE_CIPHER_SPEC)).isEqualTo(1);
        assertThat(server.handshakeCount()).isEqualTo(1);
        assertThat(server.session(CLIENT)).isEmpty();
        assertThat(network.serverEventsOf(CLIENT)).isEmpty();

        // The genuine flight, retransmitted by the client's timer, still completes the handshake.
        network.filter = packet -> true;
        network.run();
        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(server.session(CLIENT)).isPresent();
    }

    @Test
    void skippingTheClientKeyExchangeNeverEstablishesASession() {
        DtlsServer server = Fixture.server(plainRecords());
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(plainRecords(), 32);
        List<Record> flight = heldBackClientFlight(network, client);
        network.filter = packet -> {
            if (packet.from().equals(CLIENT)
                    && Wire.firstHandshakeType(packet.bytes()) == HandshakeType.CLIENT_KEY_EXCHANGE.code()) {
                // Forward the flight without its ClientKeyExchange.
                List<Record> records = Wire.records(packet.bytes());
                network.inject(CLIENT, VirtualNetwork.SERVER, Wire.datagram(records.get(1), records.get(2)));
                return false;
            }
            return true;
        };
        network.inject(CLIENT, VirtualNetwork.SERVER, Wire.datagram(flight.get(1), flight.get(2)));
        network.run();

        assertThat(Fixture.eventsOfType(network.serverEventsOf(CLIENT), DtlsEvent.HandshakeCompleted.class)).isEmpty();
        assertThat(server.metrics().handshakesSucceeded()).isZero();
        assertThat(server.connectionCount()).isZero();
        assertThat(server.handshakeCount()).isZero();
        // Nothing the client sent after its hello made progress: the handshake ended as stalled.
        assertThat(server.metrics().handshakesStalled()).isEqualTo(1);
        assertThat(client.status()).isEqualTo(DtlsConnection.Status.FAILED);
    }

    @Test
    void finishedInPlaceOfTheClientKeyExchangeIsUnexpected() throws Exception {
        DtlsServer server = Fixture.server(plainRecords());
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(plainRecords(), 33);
        List<Record> flight = heldBackClientFlight(network, client);
        Record keyExchange = flight.get(0);
        byte[] finished = HandshakeFragment.whole(HandshakeType.FINISHED.code(),
                Wire.onlyFragment(keyExchange).messageSeq(), new byte[12]).encode();

        network.inject(CLIENT, VirtualNetwork.SERVER,
                Wire.datagram(Wire.plaintext(ContentType.HANDSHAKE, keyExchange.sequenceNumber(), finished)));
        network.runUntil(network.now + Fixture.ms(100));

        assertThat(Fixture.eventsOfType(network.serverEventsOf(CLIENT), DtlsEvent.Failed.class).get(0).alert())
                .contains(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void overlappingDuplicatedAndBogusFragmentsStillReassembleTheRightMessage() throws Exception {
        DtlsServer server = Fixture.server(Fixture.config(InMemoryPskStore.builder().add("a-somewhat-longer-identity", KEY).build(),
                builder -> builder.connectionIds(io.coaps4j.dtls.config.ConnectionIdPolicy.DISABLED)));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(Fixture.config(InMemoryPskStore.builder().add("a-somewhat-longer-identity", KEY).build(),
                builder -> builder.connectionIds(io.coaps4j.dtls.config.ConnectionIdPolicy.DISABLED)), 34);
        List<Record> flight = heldBackClientFlight(network, client);
        Record keyExchange = flight.get(0);
        HandshakeFragment whole = Wire.onlyFragment(keyExchange);
        byte[] body = whole.fragmentBytes();
        int seq = whole.messageSeq();
        int type = HandshakeType.CLIENT_KEY_EXCHANGE.code();
        long recordSeq = keyExchange.sequenceNumber();

        List<byte[]> fragments = List.of(
                // A length of 16 MiB: far beyond the bound, must not allocate it.
                rawFragment(type, 0xFFFFFF, seq, 0, new byte[4]),
                HandshakeFragment.of(type, seq, body, 3, 5).encode(),
                HandshakeFragment.of(type, seq, body, 3, 5).encode(),
                // Same message, another length: contradicts the first fragment.
                rawFragment(type, body.length + 1, seq, 0, new byte[2]),
                HandshakeFragment.of(type, seq, body, 6, body.length - 6).encode(),
                // Far ahead of anything expected.
                HandshakeFragment.whole(type, seq + 100, body).encode(),
                HandshakeFragment.of(type, seq, body, 0, 4).encode());
        for (byte[] fragment : fragments) {
            network.inject(CLIENT, VirtualNetwork.SERVER, Wire.datagram(Wire.plaintext(ContentType.HANDSHAKE, ++recordSeq, fragment)));
        }
        // A fragment whose range runs past its message length: the whole record is malformed.
        network.inject(CLIENT, VirtualNetwork.SERVER, Wire.datagram(Wire.plaintext(ContentType.HANDSHAKE, ++recordSeq,
                rawFragment(type, 4, seq, 2, new byte[4]))));
        network.runUntil(network.now + Fixture.ms(1));
        network.inject(CLIENT, VirtualNetwork.SERVER, Wire.datagram(flight.get(1), flight.get(2)));
        network.filter = packet -> true;
        network.runUntil(network.now + Fixture.ms(100));

        assertThat(server.session(CLIENT)).isPresent();
        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.REASSEMBLY_BOUND)).isEqualTo(3);
        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.MALFORMED_FRAGMENT)).isEqualTo(1);
    }

    private static byte[] rawFragment(int type, int length, int seq, int offset, byte[] data) {
        return new WireWriter().uint8(type).uint24(length).uint16(seq).uint24(offset).uint24(data.length).bytes(data)
                .toByteArray();
    }

    @Test
    void unknownIdentityAndWrongKeyEndWithTheSameAlert() {
        List<DtlsEvent> clientFailures = new ArrayList<>();
        List<DtlsEvent> serverFailures = new ArrayList<>();
        List<Integer> alertSizes = new ArrayList<>();
        for (DtlsConfig clientConfig : List.of(Fixture.config("stranger", KEY), Fixture.config("known", OTHER_KEY))) {
            DtlsServer server = Fixture.server(Fixture.config("known", KEY));
            VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
            DtlsConnection client = Fixture.client(clientConfig, 40);
            network.start(CLIENT, client);
            // The server notices when its first timer fires (1 s), not after its retransmissions (15 s).
            network.runUntil(network.now + Fixture.ms(2_000));

            assertThat(client.status()).isEqualTo(DtlsConnection.Status.FAILED);
            assertThat(server.connectionCount()).isZero();
            clientFailures.addAll(Fixture.eventsOfType(network.eventsOf(CLIENT), DtlsEvent.Failed.class));
            serverFailures.addAll(Fixture.eventsOfType(network.serverEventsOf(CLIENT), DtlsEvent.Failed.class));
            VirtualNetwork.Packet last = network.delivered.get(network.delivered.size() - 1);
            alertSizes.add(last.bytes().length);
            assertThat(server.metrics().handshakesFailed(AlertDescription.DECRYPT_ERROR)).isEqualTo(1);
            assertThat(server.metrics().handshakesTimedOut()).isZero();
        }
        assertThat(clientFailures).hasSize(2).allSatisfy(event -> {
            DtlsEvent.Failed failed = (DtlsEvent.Failed) event;
            assertThat(failed.origin()).isEqualTo(DtlsEvent.FailureOrigin.PEER_ALERT);
            assertThat(failed.alert()).contains(AlertDescription.DECRYPT_ERROR);
        });
        assertThat(serverFailures).hasSize(2);
        assertThat(((DtlsEvent.Failed) serverFailures.get(0)).detail())
                .isEqualTo(((DtlsEvent.Failed) serverFailures.get(1)).detail());
        assertThat(alertSizes.get(0)).isEqualTo(alertSizes.get(1));
    }

    @Test
    void handshakeLimitRefusesFurtherClientsWithoutAllocating() throws Exception {
        DtlsServer server = Fixture.server(Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                b -> b.maxConcurrentHandshakes(2).maxConnections(2)));
        for (int i = 0; i < 3; i++) {
            InetSocketAddress address = VirtualNetwork.address("10.0.1." + (i + 1), 40000);
            byte[] hello = firstHello(50 + i);
            byte[] cookie = cookieOf(server.receive(address, hello, 0));
            server.receive(address, withCookie(hello, cookie), 1);
        }
        assertThat(server.connectionCount()).isEqualTo(2);
        assertThat(server.handshakeCount()).isEqualTo(2);
        assertThat(server.metrics().handshakeMessagesDropped(HandshakeDropReason.CONNECTION_LIMIT)).isEqualTo(1);

        // Abandoned handshakes end once stalled (no answer to the server's first flight) and free their places.
        long now = 1;
        while (server.nextDeadline() != DtlsResult.NO_DEADLINE) {
            now = server.nextDeadline();
            server.onTimer(now);
        }
        assertThat(server.connectionCount()).isZero();
        assertThat(server.handshakeCount()).isZero();
        assertThat(server.metrics().handshakesStalled()).isEqualTo(2);
    }

    @Test
    void plaintextAlertAfterTheHandshakeIsNotBelieved() {
        DtlsServer server = Fixture.server(plainRecords());
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(plainRecords(), 60);
        network.start(CLIENT, client);
        network.run();

        byte[] forgedAlert = Wire.datagram(Wire.plaintext(ContentType.ALERT, 1_000,
                io.coaps4j.dtls.alert.Alert.fatal(AlertDescription.HANDSHAKE_FAILURE).encode()));
        network.inject(CLIENT, VirtualNetwork.SERVER, forgedAlert);
        network.inject(VirtualNetwork.SERVER, CLIENT, forgedAlert);
        network.run();

        assertThat(server.session(CLIENT)).isPresent();
        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
    }
}
