package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.util.ArrayList;
import java.util.List;

/**
 * One DTLS handshake fragment (RFC 6347 section 4.2.2): the 12-byte header and the bytes of the
 * range it carries. An unfragmented message is the case offset 0, fragment length = length.
 * The type is kept raw so an unknown type can be reported as unexpected rather than malformed.
 */
public final class HandshakeFragment {
    public static final int HEADER_LENGTH = 12;
    /** The largest value of a uint24 length. */
    public static final int MAX_LENGTH = 0xFFFFFF;

    private final int type;
    private final int length;
    private final int messageSeq;
    private final int fragmentOffset;
    private final byte[] data;
    private final int dataOffset;
    private final int fragmentLength;

    private HandshakeFragment(int type, int length, int messageSeq, int fragmentOffset,
                              byte[] data, int dataOffset, int fragmentLength) {
        this.type = type;
        this.length = length;
        this.messageSeq = messageSeq;
        this.fragmentOffset = fragmentOffset;
        this.data = data;
        this.dataOffset = dataOffset;
        this.fragmentLength = fragmentLength;
    }

    /**
     * A fragment of a message body: bytes {@code [fragmentOffset, fragmentOffset + fragmentLength)}
     * of {@code body}.
     */
    public static HandshakeFragment of(int type, int messageSeq, byte[] body, int fragmentOffset, int fragmentLength) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("handshake type must be 0..255, was " + type);
        }
        if (messageSeq < 0 || messageSeq > 0xFFFF) {
            throw new IllegalArgumentException("message_seq must be 0..65535, was " + messageSeq);
        }
        if (body.length > MAX_LENGTH) {
            throw new IllegalArgumentException("handshake message longer than 2^24-1 bytes");
        }
        if (fragmentOffset < 0 || fragmentLength < 0 || fragmentOffset > body.length - fragmentLength) {
            throw new IllegalArgumentException("fragment " + fragmentOffset + "+" + fragmentLength
                    + " outside a body of " + body.length);
        }
        return new HandshakeFragment(type, body.length, messageSeq, fragmentOffset, body, fragmentOffset, fragmentLength);
    }

    /** The whole message as one fragment: the form hashed into the transcript (RFC 6347 section 4.2.6). */
    public static HandshakeFragment whole(int type, int messageSeq, byte[] body) {
        return of(type, messageSeq, body, 0, body.length);
    }

    public int type() {
        return type;
    }

    /** The length of the whole message body. */
    public int length() {
        return length;
    }

    public int messageSeq() {
        return messageSeq;
    }

    public int fragmentOffset() {
        return fragmentOffset;
    }

    public int fragmentLength() {
        return fragmentLength;
    }

    /** True when this fragment holds the whole message. */
    public boolean isComplete() {
        return fragmentOffset == 0 && fragmentLength == length;
    }

    /** Copies this fragment's bytes into {@code target} at the position they have in the message body. */
    public void copyInto(byte[] target) {
        System.arraycopy(data, dataOffset, target, fragmentOffset, fragmentLength);
    }

    /** A copy of this fragment's bytes. */
    public byte[] fragmentBytes() {
        byte[] out = new byte[fragmentLength];
        System.arraycopy(data, dataOffset, out, 0, fragmentLength);
        return out;
    }

    public int encodedLength() {
        return HEADER_LENGTH + fragmentLength;
    }

    /** Writes header and fragment bytes. */
    public void writeTo(WireWriter out) {
        out.uint8(type).uint24(length).uint16(messageSeq).uint24(fragmentOffset).uint24(fragmentLength);
        out.bytes(data, dataOffset, fragmentLength);
    }

    public byte[] encode() {
        WireWriter out = new WireWriter(encodedLength());
        writeTo(out);
        return out.toByteArray();
    }

    /**
     * Splits the fragment of a handshake record into its handshake fragments: a record may carry
     * several (RFC 6347 section 4.2.3). A header whose range exceeds its message length, or bytes
     * that run past the record, make the whole record malformed. The fragments share {@code data}.
     */
    public static List<HandshakeFragment> decodeAll(byte[] data, int offset, int recordLength) throws DecodeException {
        WireReader in = new WireReader(data, offset, recordLength);
        if (!in.hasRemaining()) {
            throw new DecodeException("empty handshake record");
        }
        List<HandshakeFragment> fragments = new ArrayList<>(4);
        while (in.hasRemaining()) {
            int type = in.uint8("msg_type");
            int length = in.uint24("length");
            int seq = in.uint16("message_seq");
            int fragmentOffset = in.uint24("fragment_offset");
            int fragmentLength = in.uint24("fragment_length");
            if (fragmentOffset > length || fragmentLength > length - fragmentOffset) {
                throw new DecodeException("fragment " + fragmentOffset + "+" + fragmentLength
                        + " exceeds message length " + length);
            }
            if (fragmentLength > in.remaining()) {
                throw new DecodeException("fragment_length " + fragmentLength + " exceeds the record");
            }
            int start = in.position();
            in.slice(fragmentLength, "fragment");
            fragments.add(new HandshakeFragment(type, length, seq, fragmentOffset, data, start, fragmentLength));
        }
        return fragments;
    }

    @Override
    public String toString() {
        return "HandshakeFragment(type " + type + ", seq " + messageSeq + ", " + fragmentOffset + "+"
                + fragmentLength + "/" + length + ")";
    }
}
