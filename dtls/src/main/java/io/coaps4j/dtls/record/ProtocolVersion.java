package io.coaps4j.dtls.record;

/**
 * A record or hello version as the two wire bytes (RFC 6347 section 4.1: DTLS versions are the one's
 * complement of the TLS ones, so they decrease as the protocol advances).
 */
public record ProtocolVersion(int major, int minor) {
    /** DTLS 1.2, {254, 253}: the only version this implementation speaks. */
    public static final ProtocolVersion DTLS_1_2 = new ProtocolVersion(254, 253);
    /**
     * DTLS 1.0, {254, 255}: accepted in epoch-0 records, where peers use it for ClientHello and
     * HelloVerifyRequest before the version is agreed (RFC 6347 section 4.2.1).
     */
    public static final ProtocolVersion DTLS_1_0 = new ProtocolVersion(254, 255);

    public ProtocolVersion {
        if (major < 0 || major > 255) {
            throw new IllegalArgumentException("major must be 0 to 255, was " + major);
        }
        if (minor < 0 || minor > 255) {
            throw new IllegalArgumentException("minor must be 0 to 255, was " + minor);
        }
    }

    /** The version with these wire bytes, sharing the constants for the DTLS versions. */
    public static ProtocolVersion of(int major, int minor) {
        if (major == 254 && minor == 253) {
            return DTLS_1_2;
        }
        if (major == 254 && minor == 255) {
            return DTLS_1_0;
        }
        return new ProtocolVersion(major, minor);
    }

    @Override
    public String toString() {
        if (this.equals(DTLS_1_2)) {
            return "DTLS 1.2";
        }
        if (this.equals(DTLS_1_0)) {
            return "DTLS 1.0";
        }
        return "{" + major + ", " + minor + "}";
    }
}
