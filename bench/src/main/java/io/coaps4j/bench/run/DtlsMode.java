package io.coaps4j.bench.run;

import java.util.List;

/** A DTLS security mode of the side-by-side run and its three suites: throughput, handshakes, idle sessions. */
enum DtlsMode {
    PSK("PSK", "DTLS 1.2 PSK servers (TLS_PSK_WITH_AES_128_CCM_8)", Suite.PSK, Suite.HANDSHAKES, Suite.SESSIONS),
    RPK("RPK", "DTLS 1.2 RawPublicKey servers (TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 on secp256r1, client authentication needed)",
            Suite.RPK, Suite.RPK_HANDSHAKES, Suite.RPK_SESSIONS);

    private final String shortName;
    private final String heading;
    private final Suite throughput;
    private final Suite handshakes;
    private final Suite sessions;

    DtlsMode(String shortName, String heading, Suite throughput, Suite handshakes, Suite sessions) {
        this.shortName = shortName;
        this.heading = heading;
        this.throughput = throughput;
        this.handshakes = handshakes;
        this.sessions = sessions;
    }

    /** "PSK" or "RPK", as the report's headings and charts name the mode. */
    String shortName() {
        return shortName;
    }

    /** The report section's heading. */
    String heading() {
        return heading;
    }

    Suite throughput() {
        return throughput;
    }

    Suite handshakes() {
        return handshakes;
    }

    Suite sessions() {
        return sessions;
    }

    /** Whether any of this mode's suites is among {@code suites}. */
    boolean anyOf(List<Suite> suites) {
        return suites.contains(throughput) || suites.contains(handshakes) || suites.contains(sessions)
                || (this == PSK && suites.contains(Suite.RESUMED_HANDSHAKES));
    }
}
