package io.coaps4j.dtls.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesTheRfc6347Header() {
        Record record = new Record(ContentType.HANDSHAKE, ProtocolVersion.DTLS_1_2, 1, 0x0102030405L,
                new byte[] {(byte) 0xAA, (byte) 0xBB});
        assertThat(HEX.formatHex(RecordCodec.encode(record))).isEqualTo("16" + "fefd" + "0001" + "000102030405"
                + "0002" + "aabb");
    }

    @Test
    void aConnectionIdRecordIsFramedByTheCidLengthOfItsReceiver() {
        // RFC 9146 section 4: type 25, version, epoch, sequence number, a 4-byte CID, length, fragment.
        byte[] withCid = HEX.parseHex("19" + "fefd" + "0001" + "000000000007" + "c1d2e3f4" + "0003" + "aabbcc"
                + "17fefd0001000000000008" + "0001" + "dd");
        assertThat(RecordCodec.headerLength(withCid, 0, 4)).isEqualTo(17);
        assertThat(RecordCodec.recordEnd(withCid, 0, withCid.length, 4)).isEqualTo(20);
        assertThat(RecordCodec.recordEnd(withCid, 20, withCid.length, 4)).as("an ordinary record after it")
                .isEqualTo(withCid.length);
        // A receiver without CIDs frames the 13-byte header; type 25 is then unknown and dropped.
        assertThat(RecordCodec.headerLength(withCid, 0, 0)).isEqualTo(Record.HEADER_LENGTH);
        assertThat(RecordCodec.decode(withCid, 0, 20)).isEmpty();
    }

    @Test
    void decodesSeveralRecordsOfOneDatagram() {
        Record first = new Record(ContentType.HANDSHAKE, ProtocolVersion.DTLS_1_0, 0, 7, new byte[] {1, 2, 3});
        Record second = new Record(ContentType.CHANGE_CIPHER_SPEC, ProtocolVersion.DTLS_1_2, 0, 8, new byte[] {1});
        Record third = new Record(ContentType.APPLICATION_DATA, ProtocolVersion.DTLS_1_2, 1, 0, new byte[0]);
        byte[] datagram = concat(RecordCodec.encode(first), RecordCodec.encode(second), RecordCodec.encode(third));

        assertThat(RecordCodec.decode(datagram, 0, datagram.length)).containsExactly(first, second, third);
    }

    @Test
    void aTruncatedRecordDropsTheRestOfTheDatagram() {
        byte[] good = RecordCodec.encode(new Record(ContentType.ALERT, ProtocolVersion.DTLS_1_2, 0, 1, new byte[2]));
        byte[] truncated = RecordCodec.encode(new Record(ContentType.ALERT, ProtocolVersion.DTLS_1_2, 0, 2, new byte[9]));
        byte[] datagram = concat(good, good, java.util.Arrays.copyOf(truncated, truncated.length - 1));
        Collected collected = decode(datagram);
        assertThat(collected.records).hasSize(2);
        assertThat(collected.drops).containsExactly(DropReason.MALFORMED);
    }

    @Test
    void aPartialHeaderIsMalformed() {
        byte[] good = RecordCodec.encode(new Record(ContentType.ALERT, ProtocolVersion.DTLS_1_2, 0, 1, new byte[2]));
        Collected collected = decode(concat(good, new byte[] {22, (byte) 254, (byte) 253, 0}));
        assertThat(collected.records).hasSize(1);
        assertThat(collected.drops).containsExactly(DropReason.MALFORMED);
    }

    @Test
    void anOversizedOrUnknownRecordIsSkippedAndTheNextOneRead() {
        byte[] oversized = RecordCodec.encode(new Record(ContentType.APPLICATION_DATA, ProtocolVersion.DTLS_1_2, 1, 1,
                new byte[RecordCodec.MAX_FRAGMENT_LENGTH + 1]));
        byte[] unknown = RecordCodec.encode(new Record(ContentType.ALERT, ProtocolVersion.DTLS_1_2, 0, 2, new byte[3]));
        unknown[0] = 99;
        Record good = new Record(ContentType.ALERT, ProtocolVersion.DTLS_1_2, 0, 3, new byte[] {2, 40});
        Collected collected = decode(concat(oversized, unknown, RecordCodec.encode(good)));
        assertThat(collected.records).containsExactly(good);
        assertThat(collected.drops).containsExactly(DropReason.OVERSIZED, DropReason.MALFORMED);
    }

    @Test
    void decodesWithinTheGivenRangeOnly() {
        Record record = new Record(ContentType.HANDSHAKE, ProtocolVersion.DTLS_1_2, 0, 0, new byte[] {5});
        byte[] encoded = RecordCodec.encode(record);
        byte[] buffer = concat(new byte[] {9, 9}, encoded, new byte[] {9, 9, 9});
        assertThat(RecordCodec.decode(buffer, 2, encoded.length)).containsExactly(record);
    }

    @Property(tries = 500)
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 120) byte[] datagram) {
        Collected collected = decode(datagram);
        int consumed = 0;
        for (Record r : collected.records) {
            consumed += r.encodedLength();
        }
        assertThat(consumed).isLessThanOrEqualTo(datagram.length);
    }

    @Property(tries = 200)
    void roundTrips(@ForAll @Size(max = 300) byte[] fragment) {
        Record record = new Record(ContentType.HEARTBEAT, ProtocolVersion.DTLS_1_2, 65535, Record.MAX_SEQUENCE_NUMBER,
                fragment);
        byte[] encoded = RecordCodec.encode(record);
        assertThat(RecordCodec.decode(encoded, 0, encoded.length)).containsExactly(record);
    }

    @Test
    void recordCopiesItsFragment() {
        byte[] fragment = {1, 2};
        Record record = new Record(ContentType.HANDSHAKE, ProtocolVersion.DTLS_1_2, 0, 0, fragment);
        fragment[0] = 9;
        record.fragment()[1] = 9;
        assertThat(record.fragment()).containsExactly(1, 2);
    }

    private static Collected decode(byte[] datagram) {
        Collected collected = new Collected();
        RecordCodec.decode(datagram, 0, datagram.length, collected);
        return collected;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int pos = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, pos, p.length);
            pos += p.length;
        }
        return out;
    }

    private static final class Collected implements RecordCodec.Sink {
        final List<Record> records = new ArrayList<>();
        final List<DropReason> drops = new ArrayList<>();

        @Override
        public void record(Record record) {
            records.add(record);
        }

        @Override
        public void dropped(DropReason reason) {
            drops.add(reason);
        }
    }
}
