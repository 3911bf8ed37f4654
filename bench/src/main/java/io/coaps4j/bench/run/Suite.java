package io.coaps4j.bench.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The parts of a side-by-side run, selectable with {@code --suite}; they run in this order. */
enum Suite {
    /** CoAP over plain UDP: requests per second, latency and server CPU per request at each client count. */
    NOSEC,
    /** CoAP over DTLS 1.2 PSK (TLS_PSK_WITH_AES_128_CCM_8), the same measurements over established sessions. */
    PSK,
    /** Full PSK handshakes per second from new source ports, with server CPU per handshake. */
    HANDSHAKES,
    /** Heap (or, for native servers, resident memory) per idle PSK session. */
    SESSIONS,
    /** CoAP over DTLS 1.2 RawPublicKey (TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, client authentication needed). */
    RPK,
    /** Full ECDHE_ECDSA RawPublicKey handshakes per second from new source ports, with server CPU per handshake. */
    RPK_HANDSHAKES,
    /** Heap (or, for native servers, resident memory) per idle RawPublicKey session. */
    RPK_SESSIONS,
    /** RFC 7641 notifications per second from one resource to many PSK observers, CPU per notification, heap per observer. */
    OBSERVE,
    /** One 1 MB body fetched block-wise (RFC 7959 Block2) over a PSK session: time and server CPU. */
    BLOCK2;

    /** The name used on the command line. */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The suite called {@code label} on the command line. */
    static Suite of(String label) {
        for (Suite suite : values()) {
            if (suite.label().equals(label.trim())) {
                return suite;
            }
        }
        throw new IllegalArgumentException("--suite: unknown suite '" + label.trim() + "', known: "
                + Arrays.stream(values()).map(Suite::label).collect(Collectors.joining(", ")));
    }
}
