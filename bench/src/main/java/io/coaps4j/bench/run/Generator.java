package io.coaps4j.bench.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the throughput suites load a server. {@code batching}: the clients share a few selector threads, so one
 * wake-up of the server may find several clients' datagrams. {@code device}: every client has its own thread
 * and socket, sends one confirmable GET, waits for its answer and sends the next, as independent devices do;
 * the server then sees one datagram per client per round trip, with no batching on the generator side. Both run
 * our own DTLS client. {@code scandium}: the clients of {@code batching} on Californium's Scandium DTLS client
 * instead (one Scandium connector per client), so that a DTLS figure does not rest on our DTLS code on both
 * sides; NoSec has no DTLS to replace and runs on the plain UDP datagram channels of the others.
 */
enum Generator {
    BATCHING,
    DEVICE,
    SCANDIUM;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Generator threads for {@code clients} clients: one per client in the device mode. */
    int threads(int clients, int configuredThreads) {
        return this == DEVICE ? clients : configuredThreads;
    }

    /** What the report's first line says about the generator, with {@code --threads}. */
    String describe(int configuredThreads) {
        return switch (this) {
            case BATCHING -> "batching generator, " + configuredThreads + " generator thread(s)";
            case DEVICE -> "device generator (one thread and socket per client)";
            case SCANDIUM -> "scandium generator (DTLS clients: one Californium 3.13.0 Scandium DTLSConnector per client,"
                    + " raw records, no Californium CoAP stack; NoSec: plain UDP channels), " + configuredThreads
                    + " generator thread(s)";
        };
    }

    static Generator parse(String text) {
        for (Generator g : values()) {
            if (g.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("--generator must be one of "
                + Arrays.stream(values()).map(Generator::label).collect(Collectors.joining(", ")) + ", was '" + text + "'");
    }
}
