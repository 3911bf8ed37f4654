package io.coaps4j.bench.run;

import java.util.Locale;

/**
 * How the throughput suites load a server. {@code batching}: the clients share a few selector threads, so one
 * wake-up of the server may find several clients' datagrams. {@code device}: every client has its own thread
 * and socket, sends one confirmable GET, waits for its answer and sends the next, as independent devices do;
 * the server then sees one datagram per client per round trip, with no batching on the generator side.
 */
enum Generator {
    BATCHING,
    DEVICE;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Generator threads for {@code clients} clients: one per client in the device mode. */
    int threads(int clients, int configuredThreads) {
        return this == DEVICE ? clients : configuredThreads;
    }

    static Generator parse(String text) {
        for (Generator g : values()) {
            if (g.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("--generator must be batching or device, was '" + text + "'");
    }
}
