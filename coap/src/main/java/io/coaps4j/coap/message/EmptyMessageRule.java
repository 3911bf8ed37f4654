package io.coaps4j.coap.message;

import java.util.List;

/**
 * RFC 7252 section 4.1: an Empty message (code 0.00) has no token, options or payload. One place for the
 * rule that every way of making or changing a {@link Message} must keep, with the same words each time.
 */
final class EmptyMessageRule {
    private EmptyMessageRule() {
    }

    /** @throws IllegalArgumentException when {@code code} is Empty but a token, options or a payload are given */
    static void requireBare(Code code, Token token, List<Option> options, byte[] payload) {
        if (code.isEmpty() && (token.length() != 0 || !options.isEmpty() || payload.length != 0)) {
            throw new IllegalArgumentException(
                    "an Empty message (code 0.00) must have no token, options or payload (RFC 7252 section 4.1)");
        }
    }

    /** @throws IllegalArgumentException when {@code code} is Empty and {@code token} is not */
    static void requireNoToken(Code code, Token token) {
        if (code.isEmpty() && token.length() != 0) {
            throw new IllegalArgumentException("an Empty message (code 0.00) has no token (RFC 7252 section 4.1)");
        }
    }

    /** @throws IllegalArgumentException when {@code code} is Empty: options cannot be added */
    static void requireNotEmpty(Code code) {
        if (code.isEmpty()) {
            throw new IllegalArgumentException("an Empty message (code 0.00) has no options (RFC 7252 section 4.1)");
        }
    }
}
