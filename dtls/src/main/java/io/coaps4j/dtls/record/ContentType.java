package io.coaps4j.dtls.record;

/**
 * The record content types (RFC 5246 section 6.2.1, RFC 6520 section 2 for heartbeat, RFC 9146 section 4 for
 * tls12_cid, RFC 9853 section 4 for return_routability_check).
 */
public enum ContentType {
    CHANGE_CIPHER_SPEC(20),
    ALERT(21),
    HANDSHAKE(22),
    APPLICATION_DATA(23),
    HEARTBEAT(24),
    /** The outer type of a record whose header carries a connection ID; its real type is inside (RFC 9146). */
    TLS12_CID(25),
    /** path_challenge / path_response / path_drop of the return routability check (RFC 9853 section 4). */
    RETURN_ROUTABILITY_CHECK(27);

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
