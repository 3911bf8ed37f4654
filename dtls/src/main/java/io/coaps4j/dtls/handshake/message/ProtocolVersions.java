package io.coaps4j.dtls.handshake.message;

/**
 * Version numbers as they appear in hello messages: one 16-bit value, major byte first. DTLS
 * counts down (RFC 6347 section 4.1): DTLS 1.0 is {254, 255}, DTLS 1.2 is {254, 253}.
 * Messages keep the raw value so any received value can be reported and checked.
 */
public final class ProtocolVersions {
    /** DTLS 1.0, which RFC 6347 section 4.2.1 recommends for HelloVerifyRequest. */
    public static final int DTLS_1_0 = 0xFEFF;
    /** DTLS 1.2. */
    public static final int DTLS_1_2 = 0xFEFD;

    private ProtocolVersions() {
    }

    /** Human-readable form, e.g. {@code DTLS 1.2} or {@code 0x0303}. */
    public static String describe(int version) {
        if (version == DTLS_1_2) {
            return "DTLS 1.2";
        }
        if (version == DTLS_1_0) {
            return "DTLS 1.0";
        }
        return String.format("0x%04X", version);
    }
}
