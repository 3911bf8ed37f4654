package io.coaps4j.dtls.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Splits a datagram into DTLS records and writes records (RFC 6347 section 4.1.1: one or more whole
 * records per datagram, the first starting at the first byte). Network input never makes it throw:
 * a record whose length runs past the datagram ends the datagram, an oversized or unknown-type record is
 * skipped, each reported to the sink as a drop.
 */
public final class RecordCodec {
    /** RFC 5246 section 6.2.3: a protected fragment is at most 2^14 + 2048 bytes. */
    public static final int MAX_FRAGMENT_LENGTH = (1 << 14) + 2048;

    /** Receives the records of a datagram in order, and the drops. */
    public interface Sink {
        void record(Record record);

        default void dropped(DropReason reason) {
        }
    }

    private RecordCodec() {
    }

    /** Decodes {@code length} bytes of {@code datagram} at {@code offset}, feeding {@code sink}. */
    public static void decode(byte[] datagram, int offset, int length, Sink sink) {
        Objects.checkFromIndexSize(offset, length, datagram.length);
        int end = offset + length;
        int pos = offset;
        while (pos < end) {
            if (end - pos < Record.HEADER_LENGTH) {
                sink.dropped(DropReason.MALFORMED);
                return;
            }
            int fragmentLength = ((datagram[pos + 11] & 0xFF) << 8) | (datagram[pos + 12] & 0xFF);
            int fragmentStart = pos + Record.HEADER_LENGTH;
            if (fragmentLength > end - fragmentStart) {
                // Records may not span datagrams: nothing after a truncated record can be framed.
                sink.dropped(DropReason.MALFORMED);
                return;
            }
            int next = fragmentStart + fragmentLength;
            ContentType type = ContentType.fromCode(datagram[pos] & 0xFF);
            if (type == null) {
                sink.dropped(DropReason.MALFORMED);
            } else if (fragmentLength > MAX_FRAGMENT_LENGTH) {
                sink.dropped(DropReason.OVERSIZED);
            } else {
                ProtocolVersion version = ProtocolVersion.of(datagram[pos + 1] & 0xFF, datagram[pos + 2] & 0xFF);
                int epoch = ((datagram[pos + 3] & 0xFF) << 8) | (datagram[pos + 4] & 0xFF);
                long sequence = 0;
                for (int i = 5; i < 11; i++) {
                    sequence = (sequence << 8) | (datagram[pos + i] & 0xFF);
                }
                byte[] fragment = Arrays.copyOfRange(datagram, fragmentStart, next);
                sink.record(new Record(type, version, epoch, sequence, fragment, true));
            }
            pos = next;
        }
    }

    /** The well-formed records of a datagram; malformed ones are left out silently. */
    public static List<Record> decode(byte[] datagram, int offset, int length) {
        List<Record> records = new ArrayList<>(2);
        decode(datagram, offset, length, records::add);
        return records;
    }

    /** Writes {@code record} into {@code out} at {@code offset}; returns the bytes written. */
    public static int encode(Record record, byte[] out, int offset) {
        Objects.checkFromIndexSize(offset, record.encodedLength(), out.length);
        byte[] fragment = record.fragmentArray();
        out[offset] = (byte) record.type().code();
        out[offset + 1] = (byte) record.version().major();
        out[offset + 2] = (byte) record.version().minor();
        SecurityAssociation.writeEpochAndSequence(out, offset + 3, record.epoch(), record.sequenceNumber());
        out[offset + 11] = (byte) (fragment.length >>> 8);
        out[offset + 12] = (byte) fragment.length;
        System.arraycopy(fragment, 0, out, offset + Record.HEADER_LENGTH, fragment.length);
        return record.encodedLength();
    }

    public static byte[] encode(Record record) {
        byte[] out = new byte[record.encodedLength()];
        encode(record, out, 0);
        return out;
    }
}
