package io.coaps4j.bench.run;

import java.util.List;

/**
 * Memory one server spent on idle PSK sessions. Java servers: heap in use after full collections before
 * {@code opened} sessions were opened, right after ({@code heapFresh}, still holding the deduplication
 * state of each session's one request) and once EXCHANGE_LIFETIME had passed ({@code heapIdle}); -1 for
 * native servers. Resident memory before and at the end, for all. {@code answered} of {@code asked}
 * sampled sessions still answered a GET afterwards, without a new handshake. {@code histogram} holds the
 * top of a class histogram of the server's live heap with the idle sessions, if one was taken.
 */
record SessionMeasurement(String server, int opened, long failed, long openNanos, long heapBefore, long heapFresh,
                          long heapIdle, long residentBefore, long residentAfter, int asked, int answered,
                          List<String> histogram) {

    boolean hasHeap() {
        return heapBefore >= 0 && heapFresh >= 0 && heapIdle >= 0;
    }

    /** Heap bytes per idle session once its request state expired; NaN without heap figures or sessions. */
    double heapBytesPerSession() {
        return !hasHeap() || opened == 0 ? Double.NaN : (double) (heapIdle - heapBefore) / opened;
    }

    /** Heap bytes per session right after its request, deduplication state included. */
    double freshHeapBytesPerSession() {
        return !hasHeap() || opened == 0 ? Double.NaN : (double) (heapFresh - heapBefore) / opened;
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
