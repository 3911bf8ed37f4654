package io.coaps4j.coap.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One option instance: its number and raw value bytes (RFC 7252 section 3.1). Immutable.
 *
 * <p>A decoded option may view a slice of a buffer shared with the other options and the
 * payload of its message, so that decoding allocates one body copy instead of one array per
 * option. The slice is never exposed: every accessor copies or reads.
 */
public final class Option implements Comparable<Option> {
    /** The longest value the option length field can express: 14 means 269 + a 16-bit extension. */
    public static final int MAX_VALUE_LENGTH = 269 + 0xFFFF;

    private static final byte[] NO_BYTES = new byte[0];

    private final int number;
    private final byte[] buffer;
    private final int offset;
    private final int length;

    private Option(int number, byte[] buffer, int offset, int length) {
        if (number < 0 || number > 65535) {
            throw new IllegalArgumentException("option number must be 0..65535, was " + number);
        }
        if (length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("option " + number + " value must be at most " + MAX_VALUE_LENGTH
                    + " bytes, was " + length);
        }
        this.number = number;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** An option holding a copy of {@code value}. */
    public static Option of(int number, byte[] value) {
        return new Option(number, value.length == 0 ? NO_BYTES : value.clone(), 0, value.length);
    }

    /** An option with an empty value, e.g. If-None-Match (section 3.2 "empty"). */
    public static Option empty(int number) {
        return new Option(number, NO_BYTES, 0, 0);
    }

    /** Wraps a value array that the caller gives up; used by the decoder to avoid a copy. */
    static Option wrap(int number, byte[] value) {
        return new Option(number, value, 0, value.length);
    }

    /** Views {@code length} bytes of a buffer that the caller gives up and never changes again. */
    static Option wrap(int number, byte[] buffer, int offset, int length) {
        return new Option(number, length == 0 ? NO_BYTES : buffer, length == 0 ? 0 : offset, length);
    }

    /** A string option, UTF-8 encoded. */
    public static Option ofString(int number, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return new Option(number, bytes, 0, bytes.length);
    }

    /** A uint option in its shortest form: 0 is zero bytes (section 3.2). */
    public static Option ofUint(int number, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uint option value must be 0..2^32-1, was " + value);
        }
        int length = uintLength(value);
        if (length == 0) {
            return new Option(number, NO_BYTES, 0, 0);
        }
        byte[] bytes = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return new Option(number, bytes, 0, length);
    }

    /** The number of bytes of the shortest uint encoding of {@code value} (section 3.2). */
    static int uintLength(long value) {
        return value == 0 ? 0 : (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
    }

    public int number() {
        return number;
    }

    public int length() {
        return length;
    }

    /** A copy of the value bytes. */
    public byte[] value() {
        return length == 0 ? NO_BYTES : Arrays.copyOfRange(buffer, offset, offset + length);
    }

    /** Writes the value into {@code target} at {@code offset}. */
    public void copyValueTo(byte[] target, int targetOffset) {
        System.arraycopy(buffer, offset, target, targetOffset, length);
    }

    /** The value decoded as UTF-8 (section 3.2 "string"). */
    public String stringValue() {
        return new String(buffer, offset, length, StandardCharsets.UTF_8);
    }

    /**
     * The value read as an unsigned integer in network byte order (section 3.2). Leading zero
     * bytes are accepted; values longer than 8 bytes keep only their last 8 bytes.
     */
    public long uintValue() {
        long result = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            result = (result << 8) | (buffer[i] & 0xff);
        }
        return result;
    }

    /** True when the value bytes equal {@code other} exactly, without copying. */
    public boolean valueEquals(byte[] other) {
        return Arrays.equals(buffer, offset, offset + length, other, 0, other.length);
    }

    @Override
    public int compareTo(Option other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Option)) {
            return false;
        }
        Option other = (Option) o;
        return other.number == number
                && Arrays.equals(buffer, offset, offset + length, other.buffer, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = 31 * hash + buffer[i];
        }
        return 31 * number + hash;
    }

    @Override
    public String toString() {
        return number + "=" + HexFormat.of().formatHex(buffer, offset, offset + length);
    }
}
