package io.coaps4j.cli.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * What a client stored: the payload bytes and the Content-Format it was sent with, if any
 * (RFC 7252 section 5.10.3: a uint of at most 2 bytes). Immutable.
 */
public final class StoredRepresentation {
    public static final int NO_CONTENT_FORMAT = -1;
    /** ETag length: the option holds 1 to 8 bytes (RFC 7252 section 5.10.6). */
    public static final int ETAG_LENGTH = 8;

    private final int contentFormat;
    private final byte[] payload;

    private StoredRepresentation(int contentFormat, byte[] payload) {
        this.contentFormat = contentFormat;
        this.payload = payload;
    }

    /** A representation with a Content-Format (0..65535). */
    public static StoredRepresentation of(int contentFormat, byte[] payload) {
        if (contentFormat < 0 || contentFormat > 0xFFFF) {
            throw new IllegalArgumentException("content format must be 0..65535, was " + contentFormat);
        }
        return new StoredRepresentation(contentFormat, payload.clone());
    }

    /** A representation sent without a Content-Format option. */
    public static StoredRepresentation withoutContentFormat(byte[] payload) {
        return new StoredRepresentation(NO_CONTENT_FORMAT, payload.clone());
    }

    static StoredRepresentation owned(int contentFormat, byte[] payload) {
        return new StoredRepresentation(contentFormat, payload);
    }

    public OptionalInt contentFormat() {
        return contentFormat == NO_CONTENT_FORMAT ? OptionalInt.empty() : OptionalInt.of(contentFormat);
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * The entity-tag of this representation (RFC 7252 section 5.10.6): the first 8 bytes of SHA-256
     * over the Content-Format and the payload, so equal representations have equal tags, also across
     * restarts, and a changed payload or format changes the tag.
     */
    public byte[] etag() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(contentFormat).array());
            return Arrays.copyOf(sha256.digest(payload), ETAG_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public int payloadLength() {
        return payload.length;
    }

    int rawContentFormat() {
        return contentFormat;
    }

    byte[] payloadUnsafe() {
        return payload;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredRepresentation && ((StoredRepresentation) o).contentFormat == contentFormat
                && Arrays.equals(((StoredRepresentation) o).payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * contentFormat + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "StoredRepresentation[contentFormat=" + (contentFormat == NO_CONTENT_FORMAT ? "none" : contentFormat)
                + ", " + payload.length + " bytes]";
    }
}
