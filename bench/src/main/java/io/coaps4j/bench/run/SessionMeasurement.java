package io.coaps4j.bench.run;

import java.util.List;

/**
 * Memory one server spent on idle PSK sessions: its heap in use after full collections (Java servers, -1
 * otherwise) and its resident memory, before and after {@code opened} sessions were opened and left idle;
 * {@code answered} of {@code asked} sampled sessions still answered a GET afterwards, without a new
 * handshake. {@code histogram} holds the top of a class histogram of the server's live heap, if one was taken.
 */
record SessionMeasurement(String server, int opened, long failed, long openNanos, long heapBefore, long heapAfter,
                          long residentBefore, long residentAfter, int asked, int answered, List<String> histogram) {

    boolean hasHeap() {
        return heapBefore >= 0 && heapAfter >= 0;
    }

    /** Heap bytes per idle session; NaN without heap figures or sessions. */
    double heapBytesPerSession() {
        return !hasHeap() || opened == 0 ? Double.NaN : (double) (heapAfter - heapBefore) / opened;
    }

    /** Resident bytes per idle session; NaN when unknown. */
    double residentBytesPerSession() {
        return residentBefore < 0 || residentAfter < 0 || opened == 0 ? Double.NaN
                : (double) (residentAfter - residentBefore) / opened;
    }

    double sessionsOpenedPerSecond() {
        return opened * 1e9 / openNanos;
    }
}
