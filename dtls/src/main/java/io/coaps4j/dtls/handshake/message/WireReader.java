package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.record.ProtocolVersion;

import java.util.Arrays;

/**
 * Reads the TLS presentation-language types (RFC 5246 section 4) from a byte range. Every read is
 * bounds-checked and fails with {@link DecodeException}, never with a runtime exception, so the
 * parsers built on it can take any bytes from the network.
 */
public final class WireReader {
    private final byte[] data;
    private final int limit;
    private int position;

    public WireReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside array of " + data.length);
        }
        this.data = data;
        this.position = offset;
        this.limit = offset + length;
    }

    public WireReader(byte[] data) {
        this(data, 0, data.length);
    }

    public int remaining() {
        return limit - position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    public int position() {
        return position;
    }

    private void require(int count, String what) throws DecodeException {
        if (count > limit - position) {
            throw new DecodeException(what + " needs " + count + " bytes, " + (limit - position) + " left");
        }
    }

    public int uint8(String what) throws DecodeException {
        require(1, what);
        return data[position++] & 0xff;
    }

    public int uint16(String what) throws DecodeException {
        require(2, what);
        int value = (data[position] & 0xff) << 8 | data[position + 1] & 0xff;
        position += 2;
        return value;
    }

    public int uint24(String what) throws DecodeException {
        require(3, what);
        int value = (data[position] & 0xff) << 16 | (data[position + 1] & 0xff) << 8 | data[position + 2] & 0xff;
        position += 3;
        return value;
    }

    /** A two-byte protocol version. */
    public ProtocolVersion version(String what) throws DecodeException {
        require(2, what);
        ProtocolVersion version = ProtocolVersion.of(data[position] & 0xff, data[position + 1] & 0xff);
        position += 2;
        return version;
    }

    /** {@code count} raw bytes, copied. */
    public byte[] bytes(int count, String what) throws DecodeException {
        require(count, what);
        byte[] out = Arrays.copyOfRange(data, position, position + count);
        position += count;
        return out;
    }

    /** An {@code opaque x<min..max>} vector with a one-byte length. */
    public byte[] vector8(int min, int max, String what) throws DecodeException {
        return vectorBody(uint8(what + " length"), min, max, what);
    }

    /** An {@code opaque x<min..max>} vector with a two-byte length. */
    public byte[] vector16(int min, int max, String what) throws DecodeException {
        return vectorBody(uint16(what + " length"), min, max, what);
    }

    private byte[] vectorBody(int length, int min, int max, String what) throws DecodeException {
        if (length < min || length > max) {
            throw new DecodeException(what + " length " + length + " outside " + min + ".." + max);
        }
        return bytes(length, what);
    }

    /** A reader over the next {@code count} bytes; this reader skips past them. */
    public WireReader slice(int count, String what) throws DecodeException {
        require(count, what);
        WireReader slice = new WireReader(data, position, count);
        position += count;
        return slice;
    }

    /** Fails unless every byte has been read: trailing bytes are a decode error (RFC 5246 section 7.4.1.2). */
    public void expectEnd(String what) throws DecodeException {
        if (position != limit) {
            throw new DecodeException(what + " has " + (limit - position) + " trailing bytes");
        }
    }
}
