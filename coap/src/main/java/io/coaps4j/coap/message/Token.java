package io.coaps4j.coap.message;

import java.util.Arrays;
import java.util.HexFormat;

/** A CoAP token: 0 to 8 opaque bytes that match a response to its request (RFC 7252 section 5.3.1). */
public final class Token {
    public static final int MAX_LENGTH = 8;
    public static final Token EMPTY = new Token(new byte[0]);

    private final byte[] bytes;
    private final int hash;

    private Token(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** A token holding a copy of {@code bytes}; throws when longer than 8 bytes. */
    public static Token of(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("token must be at most 8 bytes, was " + bytes.length);
        }
        return bytes.length == 0 ? EMPTY : new Token(bytes.clone());
    }

    /** A token read from {@code length} bytes of {@code source} at {@code offset}. */
    public static Token of(byte[] source, int offset, int length) {
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("token must be at most 8 bytes, was " + length);
        }
        return length == 0 ? EMPTY : new Token(Arrays.copyOfRange(source, offset, offset + length));
    }

    /** A token from its hexadecimal form. */
    public static Token ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    public int length() {
        return bytes.length;
    }

    /** A copy of the token bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Writes the token into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Token && ((Token) o).hash == hash && Arrays.equals(((Token) o).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return bytes.length == 0 ? "(empty)" : HexFormat.of().formatHex(bytes);
    }
}
