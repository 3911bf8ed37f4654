package io.coaps4j.cli.server;

import io.coaps4j.coap.message.Code;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/** What a demo resource answers: a response code, an optional Content-Format and a payload. Immutable. */
final class Reply {
    private static final byte[] NONE = new byte[0];
    static final int TEXT_PLAIN = 0;

    private final Code code;
    private final OptionalInt contentFormat;
    private final byte[] payload;

    private Reply(Code code, OptionalInt contentFormat, byte[] payload) {
        this.code = Objects.requireNonNull(code, "code");
        this.contentFormat = contentFormat;
        this.payload = payload;
    }

    /** A reply without payload. */
    static Reply of(Code code) {
        return new Reply(code, OptionalInt.empty(), NONE);
    }

    /** A text/plain reply (Content-Format 0). */
    static Reply text(Code code, String text) {
        return new Reply(code, OptionalInt.of(TEXT_PLAIN), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An error with a diagnostic payload (RFC 7252 section 5.5.2: human-readable, without a
     * Content-Format option).
     */
    static Reply diagnostic(Code code, String message) {
        return new Reply(code, OptionalInt.empty(), message.getBytes(StandardCharsets.UTF_8));
    }

    static Reply representation(Code code, OptionalInt contentFormat, byte[] payload) {
        return new Reply(code, contentFormat, payload.clone());
    }

    Code code() {
        return code;
    }

    OptionalInt contentFormat() {
        return contentFormat;
    }

    byte[] payload() {
        return payload.clone();
    }

    String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reply && ((Reply) o).code.equals(code) && ((Reply) o).contentFormat.equals(contentFormat)
                && Arrays.equals(((Reply) o).payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, contentFormat) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return code + " " + contentFormat + " " + payloadText();
    }
}
