package io.coaps4j.dtls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.dtls.crypto.BcReference;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.KeyBlock;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecurityAssociationTest {
    private static final HexFormat HEX = HexFormat.of();
    private final CryptoContext crypto = CryptoContext.create();
    private final KeyBlock keys = Associations.keyBlock(42);
    private final SecurityAssociation client = Associations.client(1, keys);
    private final SecurityAssociation server = Associations.server(1, keys);

    @Test
    void recordFollowsRfc5246AeadAndRfc6655NonceLayout() {
        byte[] plaintext = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] record = client.protect(crypto, ContentType.APPLICATION_DATA, plaintext);

        String seq = "0001" + "000000000000";
        byte[] nonce = BcReference.concat(keys.clientWriteIv(), HEX.parseHex(seq));
        byte[] aad = HEX.parseHex(seq + "17" + "fefd" + "0005");
        byte[] sealed = BcReference.ccmSeal(keys.clientWriteKey(), nonce, aad, plaintext, 8);
        assertThat(HEX.formatHex(record)).isEqualTo("17" + "fefd" + seq + "0015" + seq + HEX.formatHex(sealed));
        assertThat(record).hasSize(client.protectedLength(5)).hasSize(13 + 8 + 5 + 8);
        assertThat(client.nextWriteSequence()).isEqualTo(1);
    }

    @Test
    void roundTripsBothWays() {
        for (int i = 0; i < 5; i++) {
            byte[] message = ("request " + i).getBytes(StandardCharsets.UTF_8);
            DecryptedRecord atServer = open(server, client.protect(crypto, ContentType.APPLICATION_DATA, message));
            assertThat(atServer.plaintext()).isEqualTo(message);
            assertThat(atServer.sequenceNumber()).isEqualTo(i);
            assertThat(atServer.epoch()).isEqualTo(1);
            assertThat(atServer.type()).isEqualTo(ContentType.APPLICATION_DATA);

            byte[] reply = new byte[i * 300];
            DecryptedRecord atClient = open(client, server.protect(crypto, ContentType.APPLICATION_DATA, reply));
            assertThat(atClient.plaintext()).isEqualTo(reply);
        }
    }

    @Test
    void protectsIntoACallersBufferAtAnOffset() {
        byte[] message = {1, 2, 3, 4};
        byte[] buffer = new byte[7 + client.protectedLength(4)];
        int written = client.protect(crypto, ContentType.HANDSHAKE, message, 0, 4, buffer, 7);
        assertThat(written).isEqualTo(client.protectedLength(4));
        Record record = RecordCodec.decode(buffer, 7, written).get(0);
        assertThat(((DecryptedRecord) server.unprotect(crypto, record)).plaintext()).isEqualTo(message);
    }

    @Test
    void aBadTagDropsTheRecordAndLeavesTheWindowForTheGenuineOne() {
        byte[] genuine = client.protect(crypto, ContentType.APPLICATION_DATA, "genuine".getBytes());
        byte[] forged = genuine.clone();
        forged[forged.length - 3] ^= 0x40;

        assertThat(server.unprotect(crypto, decode(forged))).isEqualTo(DroppedRecord.of(DropReason.BAD_TAG));
        assertThat(new String(open(server, genuine).plaintext())).isEqualTo("genuine");
    }

    @Test
    void aForgedHeaderFailsTheTag() {
        byte[] genuine = client.protect(crypto, ContentType.APPLICATION_DATA, "x".getBytes());
        byte[] otherType = genuine.clone();
        otherType[0] = (byte) ContentType.HANDSHAKE.code();
        byte[] otherSequence = genuine.clone();
        otherSequence[10] = 9;
        assertThat(server.unprotect(crypto, decode(otherType))).isEqualTo(DroppedRecord.of(DropReason.BAD_TAG));
        assertThat(server.unprotect(crypto, decode(otherSequence))).isEqualTo(DroppedRecord.of(DropReason.BAD_TAG));
        assertThat(open(server, genuine).plaintext()).containsExactly('x');
    }

    @Test
    void aReplayedRecordIsDropped() {
        byte[] record = client.protect(crypto, ContentType.APPLICATION_DATA, "once".getBytes());
        open(server, record);
        assertThat(server.unprotect(crypto, decode(record))).isEqualTo(DroppedRecord.of(DropReason.REPLAY));
    }

    @Test
    void reorderedRecordsInsideTheWindowAreAccepted() {
        byte[] first = client.protect(crypto, ContentType.APPLICATION_DATA, "1".getBytes());
        byte[] second = client.protect(crypto, ContentType.APPLICATION_DATA, "2".getBytes());
        open(server, second);
        assertThat(new String(open(server, first).plaintext())).isEqualTo("1");
    }

    @Test
    void aRecordOfAnotherEpochOrTooShortIsDropped() {
        SecurityAssociation epoch2 = Associations.client(2, keys);
        byte[] record = epoch2.protect(crypto, ContentType.APPLICATION_DATA, "x".getBytes());
        assertThat(server.unprotect(crypto, decode(record))).isEqualTo(DroppedRecord.of(DropReason.UNKNOWN_EPOCH));

        Record tiny = new Record(ContentType.APPLICATION_DATA, ProtocolVersion.DTLS_1_2, 1, 0, new byte[15]);
        assertThat(server.unprotect(crypto, tiny)).isEqualTo(DroppedRecord.of(DropReason.MALFORMED));
    }

    @Test
    void refusesToWrapTheSequenceNumber() {
        SecurityAssociation nearEnd = SecurityAssociation.builder()
                .epoch(1).cipherSuite(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
                .readKey(keys.serverWriteKey()).readIv(keys.serverWriteIv())
                .writeKey(keys.clientWriteKey()).writeIv(keys.clientWriteIv())
                .nextWriteSequence(Record.MAX_SEQUENCE_NUMBER)
                .build();
        byte[] last = nearEnd.protect(crypto, ContentType.APPLICATION_DATA, "last".getBytes());
        assertThat(decode(last).sequenceNumber()).isEqualTo(Record.MAX_SEQUENCE_NUMBER);
        assertThat(new String(open(server, last).plaintext())).isEqualTo("last");

        assertThatThrownBy(() -> nearEnd.protect(crypto, ContentType.APPLICATION_DATA, "more".getBytes()))
                .isInstanceOf(SequenceNumberExhaustedException.class);
        assertThat(nearEnd.nextWriteSequence()).isEqualTo(Record.MAX_SEQUENCE_NUMBER + 1);
    }

    @Test
    void theBuilderNamesTheWrongField() {
        SecurityAssociation.Builder builder = SecurityAssociation.builder()
                .cipherSuite(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
                .readKey(new byte[16]).readIv(new byte[4]).writeKey(new byte[16]).writeIv(new byte[4]);
        assertThatThrownBy(builder::build).hasMessageContaining("epoch must be 1 to 65535").hasMessageContaining("not set");
        builder.epoch(1).writeIv(new byte[3]);
        assertThatThrownBy(builder::build).hasMessageContaining("writeIv must be 4 bytes, was 3");
        builder.writeIv(new byte[4]).readKey(null);
        assertThatThrownBy(builder::build).hasMessageContaining("readKey must be set");
        builder.readKey(new byte[16]).nextWriteSequence(-1);
        assertThatThrownBy(builder::build).hasMessageContaining("nextWriteSequence");
        builder.nextWriteSequence(0).epoch(65536);
        assertThatThrownBy(builder::build).hasMessageContaining("epoch");
        builder.epoch(65535).cipherSuite(null);
        assertThatThrownBy(builder::build).hasMessageContaining("cipherSuite must be set");
    }

    @Test
    void theBuilderCopiesTheKeys() {
        byte[] key = keys.clientWriteKey();
        SecurityAssociation installed = SecurityAssociation.builder().epoch(1)
                .cipherSuite(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
                .readKey(keys.serverWriteKey()).readIv(keys.serverWriteIv())
                .writeKey(key).writeIv(keys.clientWriteIv()).build();
        Arrays.fill(key, (byte) 0);
        byte[] record = installed.protect(crypto, ContentType.APPLICATION_DATA, "k".getBytes());
        assertThat(open(server, record).plaintext()).containsExactly('k');
        assertThat(installed.toString()).doesNotContain(HEX.formatHex(keys.clientWriteKey()));
    }

    @Test
    void refusesOverlongPlaintext() {
        assertThatThrownBy(() -> client.protect(crypto, ContentType.APPLICATION_DATA, new byte[(1 << 14) + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 16384 bytes");
        assertThat(client.nextWriteSequence()).isZero();
    }

    @Test
    void plaintextAssociationCarriesHandshakeButNeverApplicationData() {
        SecurityAssociation plain = SecurityAssociation.plaintext(5);
        assertThat(plain.isProtected()).isFalse();
        assertThat(plain.cipherSuite()).isEmpty();
        byte[] hello = plain.protect(crypto, ContentType.HANDSHAKE, new byte[] {1, 0, 0, 0});
        assertThat(HEX.formatHex(hello)).isEqualTo("16fefd" + "0000" + "000000000005" + "0004" + "01000000");

        SecurityAssociation peer = SecurityAssociation.plaintext();
        DecryptedRecord received = (DecryptedRecord) peer.unprotect(crypto, decode(hello));
        assertThat(received.plaintext()).containsExactly(1, 0, 0, 0);
        assertThat(received.sequenceNumber()).isEqualTo(5);

        byte[] data = plain.protect(crypto, ContentType.APPLICATION_DATA, "leak".getBytes());
        assertThat(peer.unprotect(crypto, decode(data)))
                .isEqualTo(DroppedRecord.of(DropReason.EPOCH0_APPLICATION_DATA));
        assertThat(peer.unprotect(crypto, decode(client.protect(crypto, ContentType.HANDSHAKE, new byte[1]))))
                .isEqualTo(DroppedRecord.of(DropReason.UNKNOWN_EPOCH));
    }

    private DecryptedRecord open(SecurityAssociation association, byte[] record) {
        UnprotectResult result = association.unprotect(crypto, decode(record));
        assertThat(result).isInstanceOf(DecryptedRecord.class);
        return (DecryptedRecord) result;
    }

    private static Record decode(byte[] datagram) {
        return RecordCodec.decode(datagram, 0, datagram.length).get(0);
    }
}
