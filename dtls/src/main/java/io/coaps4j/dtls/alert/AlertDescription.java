package io.coaps4j.dtls.alert;

/**
 * An alert description code (RFC 5246 section 7.2 and the registry entries added by RFC 4279 and
 * RFC 6066). A value type rather than an enum so that descriptions this library does not know
 * can still be received, reported and compared.
 */
public record AlertDescription(int code) {
    public static final AlertDescription CLOSE_NOTIFY = new AlertDescription(0);
    public static final AlertDescription UNEXPECTED_MESSAGE = new AlertDescription(10);
    public static final AlertDescription BAD_RECORD_MAC = new AlertDescription(20);
    public static final AlertDescription RECORD_OVERFLOW = new AlertDescription(22);
    public static final AlertDescription DECOMPRESSION_FAILURE = new AlertDescription(30);
    public static final AlertDescription HANDSHAKE_FAILURE = new AlertDescription(40);
    public static final AlertDescription BAD_CERTIFICATE = new AlertDescription(42);
    public static final AlertDescription UNSUPPORTED_CERTIFICATE = new AlertDescription(43);
    public static final AlertDescription CERTIFICATE_REVOKED = new AlertDescription(44);
    public static final AlertDescription CERTIFICATE_EXPIRED = new AlertDescription(45);
    public static final AlertDescription CERTIFICATE_UNKNOWN = new AlertDescription(46);
    public static final AlertDescription ILLEGAL_PARAMETER = new AlertDescription(47);
    public static final AlertDescription UNKNOWN_CA = new AlertDescription(48);
    public static final AlertDescription ACCESS_DENIED = new AlertDescription(49);
    public static final AlertDescription DECODE_ERROR = new AlertDescription(50);
    public static final AlertDescription DECRYPT_ERROR = new AlertDescription(51);
    public static final AlertDescription PROTOCOL_VERSION = new AlertDescription(70);
    public static final AlertDescription INSUFFICIENT_SECURITY = new AlertDescription(71);
    public static final AlertDescription INTERNAL_ERROR = new AlertDescription(80);
    public static final AlertDescription USER_CANCELED = new AlertDescription(90);
    public static final AlertDescription NO_RENEGOTIATION = new AlertDescription(100);
    public static final AlertDescription UNSUPPORTED_EXTENSION = new AlertDescription(110);
    public static final AlertDescription UNRECOGNIZED_NAME = new AlertDescription(112);
    public static final AlertDescription UNKNOWN_PSK_IDENTITY = new AlertDescription(115);

    public AlertDescription {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("alert description must be 0..255, was " + code);
        }
    }

    /** The RFC name of this description, or {@code unknown(<code>)}. */
    public String name() {
        switch (code) {
            case 0: return "close_notify";
            case 10: return "unexpected_message";
            case 20: return "bad_record_mac";
            case 22: return "record_overflow";
            case 30: return "decompression_failure";
            case 40: return "handshake_failure";
            case 42: return "bad_certificate";
            case 43: return "unsupported_certificate";
            case 44: return "certificate_revoked";
            case 45: return "certificate_expired";
            case 46: return "certificate_unknown";
            case 47: return "illegal_parameter";
            case 48: return "unknown_ca";
            case 49: return "access_denied";
            case 50: return "decode_error";
            case 51: return "decrypt_error";
            case 70: return "protocol_version";
            case 71: return "insufficient_security";
            case 80: return "internal_error";
            case 90: return "user_canceled";
            case 100: return "no_renegotiation";
            case 110: return "unsupported_extension";
            case 112: return "unrecognized_name";
            case 115: return "unknown_psk_identity";
            default: return "unknown(" + code + ")";
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
