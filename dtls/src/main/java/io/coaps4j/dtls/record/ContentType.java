package io.coaps4j.dtls.record;

/** The record content types (RFC 5246 section 6.2.1, RFC 6520 section 2 for heartbeat). */
public enum ContentType {
    CHANGE_CIPHER_SPEC(20),
    ALERT(21),
    HANDSHAKE(22),
    APPLICATION_DATA(23),
    HEARTBEAT(24);

    private static final ContentType[] BY_CODE = new ContentType[256];

    static {
        for (ContentType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    /** The one-byte wire value. */
    public int code() {
        return code;
    }

    /** The type with wire value {@code code}, or {@code null} when the value is not a known type. */
    public static ContentType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
