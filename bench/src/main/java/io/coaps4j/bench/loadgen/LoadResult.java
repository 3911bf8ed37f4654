package io.coaps4j.bench.loadgen;

/**
 * What the generator saw in the measured window.
 *
 * @param clients concurrent clients, each with one request outstanding
 * @param windowNanos length of the measured window
 * @param successes 2.xx responses received in the window
 * @param failures other responses and resets received in the window
 * @param retransmissions requests sent again after the resend timeout
 * @param staleDatagrams datagrams matching no outstanding request (late duplicates, garbage)
 * @param sendErrors socket errors on send or receive
 * @param abandoned requests given up after an empty ACK with no separate response
 * @param endpointsMoved clients that moved to a new source port after using all 65536 message IDs
 * @param p50Nanos median latency from first transmission to response
 * @param p99Nanos 99th percentile latency
 * @param maxNanos largest latency
 */
public record LoadResult(int clients, long windowNanos, long successes, long failures, long retransmissions,
                         long staleDatagrams, long sendErrors, long abandoned, long endpointsMoved,
                         long p50Nanos, long p99Nanos, long maxNanos) {

    /** Successful requests per second over the window. */
    public double requestsPerSecond() {
        return successes * 1e9 / windowNanos;
    }
}
