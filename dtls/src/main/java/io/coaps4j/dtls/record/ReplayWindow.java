package io.coaps4j.dtls.record;

/**
 * The anti-replay sliding window of RFC 6347 section 4.1.2.6 (after RFC 4303 section 3.4.3), 64 records
 * wide: the highest sequence number received and a bitmap of the 64 numbers up to it. Checking and
 * updating are separate steps because the window may only move once the record's tag has verified.
 * Two longs; not thread-safe. Associations keep the same two longs inline through the static forms.
 */
public final class ReplayWindow {
    /** Records the window remembers to the left of (and including) the highest one. */
    public static final int SIZE = 64;

    /** Highest sequence number received, -1 before the first. */
    private long highest = -1;
    /** Bit i set: sequence number {@code highest - i} was received. */
    private long received;

    /** Whether {@code sequenceNumber} may be accepted: right of the window, or inside it and not yet seen. */
    public boolean mayAccept(long sequenceNumber) {
        return mayAccept(highest, received, sequenceNumber);
    }

    /** Records {@code sequenceNumber} as received; call only after its record authenticated. */
    public void markReceived(long sequenceNumber) {
        received = marked(highest, received, sequenceNumber);
        highest = Math.max(highest, sequenceNumber);
    }

    /**
     * {@link #mayAccept} on a window kept as two longs by its owner ({@code highest}, {@code received}
     * as in this class), so that an association carries its window without a separate object.
     */
    static boolean mayAccept(long highest, long received, long sequenceNumber) {
        if (sequenceNumber > highest) {
            return true;
        }
        long distance = highest - sequenceNumber;
        return distance < SIZE && (received & (1L << distance)) == 0;
    }

    /** The {@code received} bitmap after marking {@code sequenceNumber}; the new highest is the larger of the two. */
    static long marked(long highest, long received, long sequenceNumber) {
        if (sequenceNumber > highest) {
            long shift = sequenceNumber - highest;
            return shift >= SIZE ? 1L : (received << shift) | 1L;
        }
        long distance = highest - sequenceNumber;
        return distance < SIZE ? received | (1L << distance) : received;
    }

    /** The highest sequence number received, or -1 before the first. */
    public long highestReceived() {
        return highest;
    }
}
