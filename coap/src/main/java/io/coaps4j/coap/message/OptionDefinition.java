package io.coaps4j.coap.message;

import java.util.Objects;

/**
 * What an endpoint knows about one option number (RFC 7252 section 5.4 and the table of section
 * 5.10): its name, value format, permitted value lengths, whether it may repeat, and in which
 * kind of message it is defined. Critical, Unsafe and NoCacheKey are not stored: they follow from
 * the number (section 5.4.6).
 *
 * @param number the option number, 0..65535
 * @param name the registered name, e.g. "Uri-Path"
 * @param format the value format (section 3.2)
 * @param minLength the shortest permitted value in bytes
 * @param maxLength the longest permitted value in bytes
 * @param repeatable whether the option may occur more than once (section 5.4.5)
 * @param usage the kind of message the option is defined for (section 5.4: elsewhere it is
 *     treated as unrecognized)
 */
public record OptionDefinition(int number, String name, OptionFormat format, int minLength, int maxLength,
        boolean repeatable, Usage usage) {

    /** The messages an option is defined for (RFC 7252 sections 5.8, 5.9 and 5.10). */
    public enum Usage {
        /** Only in requests, e.g. Uri-Path, Accept, If-Match. */
        REQUEST,
        /** Only in responses, e.g. Location-Path, Max-Age. */
        RESPONSE,
        /** In requests and responses, e.g. Content-Format, ETag, Block2. */
        BOTH;

        /** True when an option of this usage is defined in {@code message}; empty messages carry no options. */
        public boolean allows(Message message) {
            Code code = message.code();
            if (code.isRequest()) {
                return this != RESPONSE;
            }
            if (code.isResponse()) {
                return this != REQUEST;
            }
            return true;
        }
    }

    /**
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public OptionDefinition {
        if (number < 0 || number > 0xFFFF) {
            throw new IllegalArgumentException("number must be 0..65535, was " + number);
        }
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name of option " + number + " is empty");
        }
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(usage, "usage");
        if (minLength < 0) {
            throw new IllegalArgumentException("minLength of " + name + " must be >= 0, was " + minLength);
        }
        if (maxLength < minLength || maxLength > Option.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("maxLength of " + name + " must be " + minLength + ".."
                    + Option.MAX_VALUE_LENGTH + ", was " + maxLength);
        }
        if (format == OptionFormat.EMPTY && maxLength != 0) {
            throw new IllegalArgumentException("maxLength of empty-format " + name + " must be 0, was " + maxLength);
        }
        if (format == OptionFormat.UINT && maxLength > 8) {
            throw new IllegalArgumentException("maxLength of uint " + name + " must be at most 8, was " + maxLength);
        }
    }

    /** Critical options must be understood by the recipient (section 5.4.1): odd numbers. */
    public boolean critical() {
        return OptionNumber.isCritical(number);
    }

    /** Unsafe-to-forward options must be understood by a proxy (section 5.4.2). */
    public boolean unsafe() {
        return OptionNumber.isUnsafe(number);
    }

    /** Options whose NoCacheKey bits are all set are left out of the cache key (section 5.4.6). */
    public boolean noCacheKey() {
        return OptionNumber.isNoCacheKey(number);
    }

    /** True when a value of {@code length} bytes is within this option's range (section 5.4.3). */
    public boolean acceptsLength(int length) {
        return length >= minLength && length <= maxLength;
    }

    /**
     * Checks an outgoing value's length.
     *
     * @throws IllegalArgumentException naming the option and its permitted range
     */
    public void checkLength(int length) {
        if (!acceptsLength(length)) {
            String range = minLength == maxLength ? String.valueOf(minLength) : minLength + ".." + maxLength;
            throw new IllegalArgumentException(name + " (option " + number + ") value must be " + range
                    + " bytes long, was " + length);
        }
    }

    @Override
    public String toString() {
        return name + " (" + number + ", " + format.name().toLowerCase(java.util.Locale.ROOT) + " " + minLength + "-"
                + maxLength + (repeatable ? ", repeatable" : "") + ")";
    }
}
