package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Reads oneM2M options from a received message in either numbering and checks each against TS-0008 table
 * 6.2.2.4.0-1. A repetition (these options are not repeatable: RFC 7252 section 5.4.5 makes the second
 * occurrence of a critical one unrecognized) or a value of the wrong length or format is an unrecognized
 * critical option: 4.02 Bad Option (section 5.4.1), with RSC 4000 BAD_REQUEST. A uint shorter than the
 * table's length is accepted (RFC 7252 section 3.2: leading zero bytes may be left out).
 */
final class OptionReader {
    private final List<Option> options;

    OptionReader(List<Option> options) {
        this.options = options;
    }

    /** The single occurrence of {@code option}, or null. */
    private Option single(OneM2mOption option) {
        Option found = null;
        for (Option candidate : options) {
            if (option.is(candidate.number())) {
                if (found != null) {
                    throw bad(option + " occurs more than once (it is not repeatable, RFC 7252 section 5.4.5)");
                }
                found = candidate;
            }
        }
        return found;
    }

    String string(OneM2mOption option) {
        Option found = single(option);
        if (found == null) {
            return null;
        }
        if (found.length() < option.minLength() || found.length() > option.maxLength()) {
            throw bad(option + " must be " + range(option) + " bytes long (TS-0008 table 6.2.2.4.0-1), was "
                    + found.length());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(found.value())).toString();
        } catch (CharacterCodingException e) {
            throw bad(option + " is not UTF-8 text");
        }
    }

    Integer uint(OneM2mOption option) {
        Option found = single(option);
        if (found == null) {
            return null;
        }
        if (found.length() > option.maxLength()) {
            throw bad(option + " must be a uint of at most " + option.maxLength() + " bytes (TS-0008 table"
                    + " 6.2.2.4.0-1), was " + found.length());
        }
        return (int) found.uintValue();
    }

    Instant timestamp(OneM2mOption option) {
        String text = string(option);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad(option + ": " + e.getMessage());
        }
    }

    private static String range(OneM2mOption option) {
        return option.minLength() == option.maxLength() ? String.valueOf(option.minLength())
                : option.minLength() + ".." + option.maxLength();
    }

    static OneM2mBindingException bad(String message) {
        return new OneM2mBindingException(Code.BAD_OPTION, ResponseStatusCode.BAD_REQUEST, message);
    }

    /** A uint option of exactly the table's width (a receiver must accept leading zeros, section 3.2). */
    static Option fixedUint(OneM2mOption option, long value) {
        byte[] bytes = new byte[option.maxLength()];
        for (int i = bytes.length - 1; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return Option.of(option.number(), bytes);
    }
}
