package io.coaps4j.coap.exchange;

/**
 * The client's reordering rule of RFC 7641 section 3.4: a notification is fresher than the
 * freshest so far when its 24-bit Observe value is later in serial number arithmetic (RFC 1982),
 * or when more than 128 seconds passed since the freshest (the server may have restarted).
 */
final class NotificationOrder {
    static final long REORDER_WINDOW_NANOS = 128L * 1_000_000_000L;
    private static final int HALF = 1 << 23;

    private NotificationOrder() {
    }

    /** Whether (v2 at t2) is fresher than (v1 at t1); values are 24-bit, times on the wrapping nanosecond clock. */
    static boolean fresher(long v1, long t1, long v2, long t2) {
        return (v1 < v2 && v2 - v1 < HALF) || (v1 > v2 && v1 - v2 > HALF) || t2 - t1 > REORDER_WINDOW_NANOS;
    }
}
