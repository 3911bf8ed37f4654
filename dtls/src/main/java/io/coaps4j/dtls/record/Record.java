package io.coaps4j.dtls.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One DTLS record as it travels (RFC 6347 section 4.1): type, version, epoch, 48-bit sequence number and the
 * fragment, which is ciphertext for epochs above 0. Immutable: the fragment is copied in and out.
 */
public final class Record {
    /**
     * Bytes of the DTLS 1.2 record header without a connection ID (RFC 6347 section 4.1). A record's
     * header length is a property of its framing, not this constant: see
     * {@link RecordCodec#headerLength(byte[], int, int)} and {@link SecurityAssociation#headerLength()}.
     */
    public static final int HEADER_LENGTH = 13;
    public static final int MAX_EPOCH = 0xFFFF;
    public static final long MAX_SEQUENCE_NUMBER = (1L << 48) - 1;

    private final ContentType type;
    private final ProtocolVersion version;
    private final int epoch;
    private final long sequenceNumber;
    private final byte[] fragment;

    /** A record holding a copy of {@code fragment}. */
    public Record(ContentType type, ProtocolVersion version, int epoch, long sequenceNumber, byte[] fragment) {
        this(type, version, epoch, sequenceNumber, Objects.requireNonNull(fragment, "fragment").clone(), true);
    }

    /** Takes ownership of {@code fragment}: for the codec, which has just copied it out of a datagram. */
    Record(ContentType type, ProtocolVersion version, int epoch, long sequenceNumber, byte[] fragment,
           boolean owned) {
        this.type = Objects.requireNonNull(type, "type");
        this.version = Objects.requireNonNull(version, "version");
        if (epoch < 0 || epoch > MAX_EPOCH) {
            throw new IllegalArgumentException("epoch must be 0 to 65535, was " + epoch);
        }
        if (sequenceNumber < 0 || sequenceNumber > MAX_SEQUENCE_NUMBER) {
            throw new IllegalArgumentException("sequenceNumber must be 0 to 2^48-1, was " + sequenceNumber);
        }
        if (fragment.length > 0xFFFF) {
            throw new IllegalArgumentException("fragment must be at most 65535 bytes, was " + fragment.length);
        }
        this.epoch = epoch;
        this.sequenceNumber = sequenceNumber;
        this.fragment = fragment;
    }

    public ContentType type() {
        return type;
    }

    public ProtocolVersion version() {
        return version;
    }

    public int epoch() {
        return epoch;
    }

    public long sequenceNumber() {
        return sequenceNumber;
    }

    /** A copy of the fragment. */
    public byte[] fragment() {
        return fragment.clone();
    }

    public int fragmentLength() {
        return fragment.length;
    }

    /** The fragment itself, for the record layer's own read-only use. */
    byte[] fragmentArray() {
        return fragment;
    }

    /** Bytes of the record on the wire. */
    public int encodedLength() {
        return HEADER_LENGTH + fragment.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Record)) {
            return false;
        }
        Record other = (Record) o;
        return type == other.type && version.equals(other.version) && epoch == other.epoch
                && sequenceNumber == other.sequenceNumber && Arrays.equals(fragment, other.fragment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, version, epoch, sequenceNumber, Arrays.hashCode(fragment));
    }

    @Override
    public String toString() {
        return "Record[" + type + ", " + version + ", epoch " + epoch + ", seq " + sequenceNumber + ", "
                + fragment.length + " bytes]";
    }
}
