package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.DropReason;
import io.coaps4j.dtls.record.ProtocolVersion;
import io.coaps4j.dtls.record.Record;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and out-of-place records sent to an established session, at the server and at the client
 * (RFC 6347 section 4.1.2.7: invalid records are discarded silently): each is answered with silence,
 * delivers nothing, leaves the session working, and a new client's handshake completes right after. Records
 * with a connection ID (RFC 9146) are mangled in ConnectionIdRecordTest and ConnectionIdTest.
 */
class RecordAttackTest {

    /** What an attacker on the path does to a genuine datagram of one application record. */
    enum Mangling {
        SHORTER_THAN_A_HEADER(DropReason.MALFORMED, d -> Arrays.copyOf(d, 5)),
        LENGTH_PAST_THE_DATAGRAM(DropReason.MALFORMED, d -> withLength(d, d.length)),
        LENGTH_BEYOND_THE_MAXIMUM(DropReason.MALFORMED, d -> withLength(d, 0xFFFF)),
        UNKNOWN_CONTENT_TYPE(DropReason.MALFORMED, d -> set(d, 0, 99)),
        UNKNOWN_VERSION(DropReason.BAD_VERSION, d -> set(set(d, 1, 0xFE), 2, 0xFC)),
        FLIPPED_TAG_BIT(DropReason.BAD_TAG, d -> set(d, d.length - 1, d[d.length - 1] ^ 1)),
        FLIPPED_CIPHERTEXT_BIT(DropReason.BAD_TAG, d -> set(d, Record.HEADER_LENGTH + 9, d[Record.HEADER_LENGTH + 9] ^ 0x80)),
        OTHER_SEQUENCE_NUMBER(DropReason.BAD_TAG, d -> set(d, 10, d[10] ^ 0x40)),
        FUTURE_EPOCH(null, d -> set(d, 4, 2)),
        FAR_FUTURE_EPOCH(null, d -> set(set(d, 3, 0x7F), 4, 0)),
        /** Epoch 0 is retired once the session runs: no keys for it any more. */
        EPOCH_ZERO(DropReason.UNKNOWN_EPOCH, d -> set(d, 4, 0)),
        TRUNCATED_BODY(DropReason.MALFORMED, d -> Arrays.copyOf(d, d.length - 3));

        final DropReason reason;
        final UnaryOperator<byte[]> apply;

        Mangling(DropReason reason, UnaryOperator<byte[]> apply) {
            this.reason = reason;
            this.apply = apply;
        }

        private static byte[] set(byte[] datagram, int index, int value) {
            byte[] copy = datagram.clone();
            copy[index] = (byte) value;
            return copy;
        }

        private static byte[] withLength(byte[] datagram, int length) {
            return set(set(datagram, 11, length >>> 8), 12, length);
        }
    }

    private record Established(DtlsServer server, VirtualNetwork network, DtlsConnection client) {
        /** Plain DTLS 1.2 records (connection IDs off): the manglings know the 13-byte header's fields. */
        static Established handshake(long seed) {
            DtlsConfig config = Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                    b -> b.connectionIds(ConnectionIdPolicy.DISABLED));
            DtlsServer server = Fixture.server(config);
            VirtualNetwork network = new VirtualNetwork(server, seed, 0, 5);
            DtlsConnection client = Fixture.client(config, seed);
            network.start(CLIENT, client);
            network.run();
            assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
            return new Established(server, network, client);
        }

        byte[] clientRecord(String text) {
            List<byte[]> datagrams = client.send(text.getBytes(StandardCharsets.UTF_8), network.now).datagrams();
            assertThat(datagrams).hasSize(1);
            return datagrams.get(0);
        }

        List<String> delivered(DtlsServer.Result result) {
            assertThat(result.events()).allSatisfy(e -> assertThat(e.event()).isInstanceOf(DtlsEvent.ApplicationData.class));
            return result.events().stream()
                    .map(e -> new String(((DtlsEvent.ApplicationData) e.event()).data(), StandardCharsets.UTF_8)).toList();
        }

        /** The session still carries data both ways, and another client's handshake completes. */
        void stillWorks() {
            assertThat(server.session(CLIENT)).isPresent();
            assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
            assertThat(delivered(server.receive(CLIENT, clientRecord("after"), network.now))).containsExactly("after");
            byte[] reply = server.send(CLIENT, "reply".getBytes(StandardCharsets.UTF_8), network.now).datagrams().get(0)
                    .datagram();
            assertThat(client.receive(reply, network.now).events()).singleElement()
                    .isInstanceOf(DtlsEvent.ApplicationData.class);
            java.net.InetSocketAddress other = VirtualNetwork.address("10.0.0.9", 40009);
            DtlsConnection next = Fixture.client(Fixture.config("c", KEY), 99);
            network.start(other, next);
            network.run();
            assertThat(next.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        }
    }

    @ParameterizedTest
    @EnumSource(Mangling.class)
    void aMangledRecordToTheServerIsDroppedSilently(Mangling mangling) {
        Established session = Established.handshake(11);
        byte[] genuine = session.clientRecord("genuine");

        DtlsServer.Result result = session.server().receive(CLIENT, mangling.apply.apply(genuine), session.network().now);

        assertThat(result.datagrams()).as("silence").isEmpty();
        assertThat(result.events()).isEmpty();
        if (mangling.reason != null) {
            assertThat(session.server().metrics().recordsDropped(mangling.reason)).isEqualTo(1);
        }
        // The genuine record is still accepted once: the mangled copy did not advance the replay window.
        assertThat(session.delivered(session.server().receive(CLIENT, genuine, session.network().now)))
                .containsExactly("genuine");
        session.stillWorks();
    }

    @ParameterizedTest
    @EnumSource(Mangling.class)
    void aMangledRecordToTheClientIsDroppedSilently(Mangling mangling) {
        Established session = Established.handshake(12);
        byte[] genuine = session.server().send(CLIENT, "genuine".getBytes(StandardCharsets.UTF_8), session.network().now)
                .datagrams().get(0).datagram();

        DtlsResult result = session.client().receive(mangling.apply.apply(genuine), session.network().now);

        assertThat(result.datagrams()).isEmpty();
        assertThat(result.events()).isEmpty();
        assertThat(session.client().receive(genuine, session.network().now).events()).singleElement()
                .isInstanceOf(DtlsEvent.ApplicationData.class);
        session.stillWorks();
    }

    @org.junit.jupiter.api.Test
    void aReplayedRecordIsDeliveredOnce() {
        Established session = Established.handshake(13);
        byte[] record = session.clientRecord("once");

        assertThat(session.delivered(session.server().receive(CLIENT, record, 0))).containsExactly("once");
        assertThat(session.delivered(session.server().receive(CLIENT, record, 0))).isEmpty();
        assertThat(session.server().metrics().recordsDropped(DropReason.REPLAY)).isEqualTo(1);
        session.stillWorks();
    }

    @org.junit.jupiter.api.Test
    void oneCorruptRecordAmongSeveralInADatagramCostsOnlyItself() {
        Established session = Established.handshake(14);
        byte[] first = session.clientRecord("first");
        byte[] corrupt = Mangling.FLIPPED_TAG_BIT.apply.apply(session.clientRecord("corrupt"));
        byte[] last = session.clientRecord("last");
        ByteArrayOutputStream datagram = new ByteArrayOutputStream();
        datagram.writeBytes(first);
        datagram.writeBytes(corrupt);
        datagram.writeBytes(last);

        DtlsServer.Result result = session.server().receive(CLIENT, datagram.toByteArray(), 0);

        assertThat(session.delivered(result)).containsExactly("first", "last");
        assertThat(result.datagrams()).isEmpty();
        session.stillWorks();
    }

    @org.junit.jupiter.api.Test
    void epochZeroHandshakeMessagesAfterTheHandshakeChangeNothing() {
        Established session = Established.handshake(15);
        int finished = HandshakeType.FINISHED.code();
        for (int type : new int[] {finished, HandshakeType.CLIENT_KEY_EXCHANGE.code(), HandshakeType.CERTIFICATE.code()}) {
            byte[] forged = Wire.datagram(new Record(ContentType.HANDSHAKE, ProtocolVersion.DTLS_1_2, 0, 50 + type,
                    HandshakeFragment.whole(type, 2, new byte[12]).encode()));
            DtlsServer.Result result = session.server().receive(CLIENT, forged, 0);
            assertThat(result.events()).isEmpty();
        }
        session.stillWorks();
    }
}
