package io.coaps4j.dtls.handshake.message;

/** Extension code points this library understands (IANA "TLS ExtensionType Values"). */
public final class ExtensionType {
    /** RFC 6066 section 3. */
    public static final int SERVER_NAME = 0;
    /** RFC 4492 section 5.1.1 ("elliptic_curves", renamed supported_groups by RFC 8422). */
    public static final int SUPPORTED_GROUPS = 10;
    /** RFC 4492 section 5.1.2. */
    public static final int EC_POINT_FORMATS = 11;
    /** RFC 5246 section 7.4.1.4.1. */
    public static final int SIGNATURE_ALGORITHMS = 13;
    /** RFC 7250 section 3. */
    public static final int CLIENT_CERTIFICATE_TYPE = 19;
    /** RFC 7250 section 3. */
    public static final int SERVER_CERTIFICATE_TYPE = 20;
    /** RFC 7627 section 5.1. */
    public static final int EXTENDED_MASTER_SECRET = 23;
    /** RFC 5746 section 3.2. */
    public static final int RENEGOTIATION_INFO = 0xFF01;
    /** RFC 6520 section 2. */
    public static final int HEARTBEAT = 15;
    /** RFC 9146 section 3. */
    public static final int CONNECTION_ID = 54;
    /** RFC 9853 section 3: the return routability check; empty extension_data. */
    public static final int RRC = 61;

    private ExtensionType() {
    }
}
