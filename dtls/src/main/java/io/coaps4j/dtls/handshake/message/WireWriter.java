package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.record.ProtocolVersion;

import java.util.Arrays;

/** Writes the TLS presentation-language types (RFC 5246 section 4) into a growing buffer. */
public final class WireWriter {
    private byte[] buffer;
    private int size;

    public WireWriter(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public WireWriter() {
        this(64);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    public int size() {
        return size;
    }

    public WireWriter uint8(int value) {
        checkRange(value, 0xff, "uint8");
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter uint16(int value) {
        checkRange(value, 0xffff, "uint16");
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter uint24(int value) {
        checkRange(value, 0xffffff, "uint24");
        ensure(3);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter version(ProtocolVersion version) {
        return uint8(version.major()).uint8(version.minor());
    }

    public WireWriter bytes(byte[] value) {
        return bytes(value, 0, value.length);
    }

    public WireWriter bytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, buffer, size, length);
        size += length;
        return this;
    }

    public WireWriter vector8(byte[] value) {
        return uint8(value.length).bytes(value);
    }

    public WireWriter vector16(byte[] value) {
        return uint16(value.length).bytes(value);
    }

    /** Reserves a two-byte length to be filled in by {@link #endLength16(int)}; returns its position. */
    public int beginLength16() {
        ensure(2);
        int mark = size;
        size += 2;
        return mark;
    }

    /** Writes the number of bytes written since {@code mark} into the reserved length at {@code mark}. */
    public void endLength16(int mark) {
        int length = size - mark - 2;
        checkRange(length, 0xffff, "vector length");
        buffer[mark] = (byte) (length >>> 8);
        buffer[mark + 1] = (byte) length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private static void checkRange(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }
}
