package io.coaps4j.dtls.alert;

import java.util.Objects;

/**
 * An alert message (RFC 5246 section 7.2): two bytes, level then description. The wire codec
 * lives here too because the message is that small.
 */
public record Alert(AlertLevel level, AlertDescription description) {
    /** The encoded size of every alert. */
    public static final int LENGTH = 2;

    public Alert {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(description, "description");
    }

    /** A fatal alert with {@code description}. */
    public static Alert fatal(AlertDescription description) {
        return new Alert(AlertLevel.FATAL, description);
    }

    /** A warning alert with {@code description}. */
    public static Alert warning(AlertDescription description) {
        return new Alert(AlertLevel.WARNING, description);
    }

    /** The close_notify warning alert (RFC 5246 section 7.2.1). */
    public static Alert closeNotify() {
        return warning(AlertDescription.CLOSE_NOTIFY);
    }

    public boolean isFatal() {
        return level == AlertLevel.FATAL;
    }

    public boolean isCloseNotify() {
        return description.equals(AlertDescription.CLOSE_NOTIFY);
    }

    /** The two wire bytes. */
    public byte[] encode() {
        return new byte[] {(byte) level.code(), (byte) description.code()};
    }

    /** Decodes an alert record's fragment; exactly two bytes are allowed. */
    public static Alert decode(byte[] data, int offset, int length) throws DecodeException {
        if (length != LENGTH) {
            throw new DecodeException("alert must be 2 bytes, was " + length);
        }
        return new Alert(AlertLevel.of(data[offset] & 0xff), new AlertDescription(data[offset + 1] & 0xff));
    }

    @Override
    public String toString() {
        return level.name().toLowerCase(java.util.Locale.ROOT) + " " + description;
    }
}
