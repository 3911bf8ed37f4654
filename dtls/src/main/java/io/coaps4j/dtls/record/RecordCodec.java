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
    /**
     * The content type of a record carrying a connection ID (RFC 9146 section 4): its header holds the
     * CID between the sequence number and the length, so its length depends on the CID length that the
     * association negotiated.
     */
    public static final int TLS12_CID = 25;
    /** Offset of the connection ID in a {@link #TLS12_CID} record header, after type, version, epoch and sequence. */
    private static final int CID_OFFSET = 11;

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
            int next = recordEnd(datagram, pos, end);
            if (next < 0) {
                sink.dropped(DropReason.MALFORMED);
                return;
            }
            DropReason problem = problem(datagram, pos, next);
            if (problem != null) {
                sink.dropped(problem);
            } else {
                int fragmentStart = pos + headerLength(datagram, pos, 0);
                byte[] fragment = Arrays.copyOfRange(datagram, fragmentStart, next);
                sink.record(new Record(type(datagram, pos), version(datagram, pos), epoch(datagram, pos),
                        sequenceNumber(datagram, pos), fragment, true));
            }
            pos = next;
        }
    }

    /**
     * Where the record starting at {@code pos} ends, or -1 when its header or fragment runs past
     * {@code end}: records may not span datagrams, so nothing after a truncated record can be framed.
     */
    public static int recordEnd(byte[] datagram, int pos, int end) {
        return recordEnd(datagram, pos, end, 0);
    }

    /**
     * {@link #recordEnd(byte[], int, int)} for a receiver whose connection IDs are {@code cidLength} bytes
     * long (RFC 9146; 0 when none was negotiated).
     */
    public static int recordEnd(byte[] datagram, int pos, int end, int cidLength) {
        if (end - pos < Record.HEADER_LENGTH) {
            return -1;
        }
        int header = headerLength(datagram, pos, cidLength);
        if (end - pos < header) {
            return -1;
        }
        int fragmentLength = ((datagram[pos + header - 2] & 0xFF) << 8) | (datagram[pos + header - 1] & 0xFF);
        int next = pos + header + fragmentLength;
        return next > end ? -1 : next;
    }

    /**
     * The header length of the record starting at {@code pos}: 13 bytes (RFC 6347 section 4.1), plus the
     * connection ID of a {@link #TLS12_CID} record (RFC 9146 section 4) when the receiver uses CIDs of
     * {@code cidLength} bytes.
     */
    public static int headerLength(byte[] datagram, int pos, int cidLength) {
        boolean withCid = cidLength > 0 && (datagram[pos] & 0xFF) == TLS12_CID;
        return withCid ? CID_OFFSET + cidLength + 2 : Record.HEADER_LENGTH;
    }

    /** Why the framed record from {@code pos} to {@code next} is skipped (unknown type, oversized), or null. */
    static DropReason problem(byte[] datagram, int pos, int next) {
        return problem(datagram, pos, next, 0);
    }

    /** {@link #problem(byte[], int, int)} for a receiver whose CIDs are {@code cidLength} bytes long. */
    static DropReason problem(byte[] datagram, int pos, int next, int cidLength) {
        if (type(datagram, pos) == null) {
            return DropReason.MALFORMED;
        }
        return next - pos - headerLength(datagram, pos, cidLength) > MAX_FRAGMENT_LENGTH ? DropReason.OVERSIZED : null;
    }

    /**
     * The connection ID of the tls12_cid record starting at {@code pos} for a receiver whose CIDs are
     * {@code cidLength} bytes long, or null when the record is not a tls12_cid record or too short to hold one
     * (RFC 9146 section 4: the receiver knows the length, the header does not say it).
     */
    public static byte[] connectionId(byte[] datagram, int pos, int end, int cidLength) {
        if (cidLength <= 0 || end - pos < CID_OFFSET + cidLength + 2 || (datagram[pos] & 0xFF) != TLS12_CID) {
            return null;
        }
        return Arrays.copyOfRange(datagram, pos + CID_OFFSET, pos + CID_OFFSET + cidLength);
    }

    static ContentType type(byte[] datagram, int pos) {
        return ContentType.fromCode(datagram[pos] & 0xFF);
    }

    static ProtocolVersion version(byte[] datagram, int pos) {
        return ProtocolVersion.of(datagram[pos + 1] & 0xFF, datagram[pos + 2] & 0xFF);
    }

    /** The epoch in the header of the record starting at {@code pos}, which must hold a whole header. */
    public static int epoch(byte[] datagram, int pos) {
        return ((datagram[pos + 3] & 0xFF) << 8) | (datagram[pos + 4] & 0xFF);
    }

    static long sequenceNumber(byte[] datagram, int pos) {
        long sequence = 0;
        for (int i = 5; i < 11; i++) {
            sequence = (sequence << 8) | (datagram[pos + i] & 0xFF);
        }
        return sequence;
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
