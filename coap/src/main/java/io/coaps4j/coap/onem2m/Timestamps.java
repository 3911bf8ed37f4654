package io.coaps4j.coap.onem2m;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The 15-character timestamps of oneM2M-OT, RQET, RSET and OET (TS-0008 table 6.2.2.4.0-1): the ISO 8601
 * basic format "20231201T120000" of TS-0004 m2m:timestamp, in UTC, to the second.
 */
final class Timestamps {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    private Timestamps() {
    }

    static String format(Instant instant) {
        return BASIC.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
    }

    /** @throws IllegalArgumentException naming the text when it is not a 15-character basic timestamp */
    static Instant parse(String text) {
        if (text.length() != 15) {
            throw new IllegalArgumentException("timestamp must be 15 characters (yyyyMMddTHHmmss), was '" + text + "'");
        }
        try {
            return LocalDateTime.parse(text, BASIC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp must be yyyyMMddTHHmmss, was '" + text + "'", e);
        }
    }

    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * The instant truncated to seconds: what survives the option's format.
     *
     * @throws IllegalArgumentException when its year does not fit the format's four digits
     */
    static Instant truncate(Instant instant) {
        if (instant != null && (instant.isBefore(FIRST) || instant.isAfter(LAST))) {
            throw new IllegalArgumentException("a oneM2M timestamp must be in the years 0000..9999, was " + instant);
        }
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
