package io.coaps4j.bench.loadgen;

import java.util.Map;

/**
 * What a handshake run saw in its measured window: new connections that completed (handshake, one GET
 * answered 2.xx, close_notify sent), those that failed, by reason, and the time each completed one took.
 */
public record HandshakeResult(int handshakers, long windowNanos, long completed, long failed, long p50Nanos,
                              long p99Nanos, Map<String, Long> failuresByReason) {

    public HandshakeResult {
        failuresByReason = Map.copyOf(failuresByReason);
    }

    public double completedPerSecond() {
        return completed * 1e9 / windowNanos;
    }
}
