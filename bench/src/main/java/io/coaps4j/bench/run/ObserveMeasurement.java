package io.coaps4j.bench.run;

/**
 * One server's observe run: {@code registered} observers of one resource (of {@code observers} sessions
 * asked), {@code rounds} changes measured, {@code delivered} notifications heard in {@code elapsedNanos},
 * the server's CPU meanwhile, and its heap per observer (-1 when not measured): after full collections,
 * with the registrations' exchanges expired, minus the same sessions before they observed.
 */
record ObserveMeasurement(String server, int observers, int registered, long failedSessions, int rounds,
                          long delivered, long elapsedNanos, long serverCpuNanos, double heapBytesPerObserver) {

    /** Notifications heard per second over the measured rounds. */
    double notificationsPerSecond() {
        return elapsedNanos == 0 ? 0 : delivered * 1e9 / elapsedNanos;
    }

    /** Server CPU per notification sent (one per registered observer and round). */
    double serverCpuMicrosPerNotification() {
        long sent = (long) registered * rounds;
        return sent == 0 ? 0 : serverCpuNanos / 1e3 / sent;
    }

    /** Share of the notifications sent that were heard. */
    double deliveredShare() {
        long sent = (long) registered * rounds;
        return sent == 0 ? 0 : (double) delivered / sent;
    }
}
