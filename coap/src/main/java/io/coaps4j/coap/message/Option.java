package io.coaps4j.coap.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** One option instance: its number and raw value bytes (RFC 7252 section 3.1). Immutable. */
public final class Option implements Comparable<Option> {
    private final int number;
    private final byte[] value;

    private Option(int number, byte[] value) {
        if (number < 0 || number > 65535) {
            throw new IllegalArgumentException("option number must be 0..65535, was " + number);
        }
        this.number = number;
        this.value = value;
    }

    /** An option holding a copy of {@code value}. */
    public static Option of(int number, byte[] value) {
        return new Option(number, value.clone());
    }

    /** Wraps a value array that the caller gives up; used by the decoder to avoid a copy. */
    static Option wrap(int number, byte[] value) {
        return new Option(number, value);
    }

    /** A string option, UTF-8 encoded. */
    public static Option ofString(int number, String value) {
        return new Option(number, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A uint option in its shortest form: 0 is zero bytes (section 3.2). */
    public static Option ofUint(int number, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uint option value must be 0..2^32-1, was " + value);
        }
        int length = value == 0 ? 0 : (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
        byte[] bytes = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return new Option(number, bytes);
    }

    public int number() {
        return number;
    }

    public int length() {
        return value.length;
    }

    /** A copy of the value bytes. */
    public byte[] value() {
        return value.clone();
    }

    /** Writes the value into {@code target} at {@code offset}. */
    public void copyValueTo(byte[] target, int offset) {
        System.arraycopy(value, 0, target, offset, value.length);
    }

    public String stringValue() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The value read as an unsigned integer in network byte order (section 3.2). */
    public long uintValue() {
        long result = 0;
        for (byte b : value) {
            result = (result << 8) | (b & 0xff);
        }
        return result;
    }

    @Override
    public int compareTo(Option other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Option && ((Option) o).number == number && Arrays.equals(((Option) o).value, value);
    }

    @Override
    public int hashCode() {
        return 31 * number + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return number + "=" + HexFormat.of().formatHex(value);
    }
}
