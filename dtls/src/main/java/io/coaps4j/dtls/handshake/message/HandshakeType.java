package io.coaps4j.dtls.handshake.message;

import java.util.Optional;

/** Handshake message types (RFC 5246 section 7.4, RFC 6347 section 4.2.2 for hello_verify_request). */
public enum HandshakeType {
    HELLO_REQUEST(0),
    CLIENT_HELLO(1),
    SERVER_HELLO(2),
    HELLO_VERIFY_REQUEST(3),
    /** RFC 5077 section 3.3; sent by servers that issue session tickets. */
    NEW_SESSION_TICKET(4),
    CERTIFICATE(11),
    SERVER_KEY_EXCHANGE(12),
    CERTIFICATE_REQUEST(13),
    SERVER_HELLO_DONE(14),
    CERTIFICATE_VERIFY(15),
    CLIENT_KEY_EXCHANGE(16),
    FINISHED(20);

    private static final HandshakeType[] BY_CODE = new HandshakeType[256];

    static {
        for (HandshakeType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    HandshakeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with wire value {@code code}, or empty for a value this library does not know. */
    public static Optional<HandshakeType> of(int code) {
        return code >= 0 && code < 256 ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }
}
