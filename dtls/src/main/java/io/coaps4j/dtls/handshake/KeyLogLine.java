package io.coaps4j.dtls.handshake;

import java.util.HexFormat;
import java.util.Objects;

/**
 * The NSS key log line of a session, for {@code DtlsConfig.insecureKeyLog} only: the one place that prints a
 * master secret. The format is that of NSS's SSLKEYLOGFILE for TLS 1.2, which Wireshark applies to DTLS 1.2:
 * {@code CLIENT_RANDOM <32-byte ClientHello.random, hex> <48-byte master secret, hex>}.
 */
public final class KeyLogLine {
    private static final HexFormat HEX = HexFormat.of();

    private KeyLogLine() {
    }

    /** The line of {@code session}, whose handshake's ClientHello carried {@code clientRandom}. */
    public static String of(byte[] clientRandom, EstablishedSession session) {
        Objects.requireNonNull(clientRandom, "clientRandom");
        if (clientRandom.length != 32) {
            throw new IllegalArgumentException("clientRandom must be 32 bytes, was " + clientRandom.length);
        }
        byte[] master = session.masterSecret();
        try {
            return "CLIENT_RANDOM " + HEX.formatHex(clientRandom) + " " + HEX.formatHex(master);
        } finally {
            java.util.Arrays.fill(master, (byte) 0);
        }
    }
}
