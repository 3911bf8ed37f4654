package io.coaps4j.bench.loadgen;

/**
 * A log-bucketed histogram of non-negative long values (nanoseconds here). Each power of two is split
 * into 32 linear sub-buckets, so a reported value is within about 3% of the recorded one, with a fixed
 * 15 KiB of counters and no allocation when recording. Not thread-safe: one per generator thread,
 * merged after the run.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB_COUNT = 1 << SUB_BITS;
    /** Values below SUB_COUNT get one bucket each; each magnitude 5..62 then has SUB_COUNT buckets. */
    private static final int BUCKETS = SUB_COUNT + (63 - SUB_BITS) * SUB_COUNT;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;

    /** Records one value; negative values (a clock that went backwards) count as 0. */
    public void record(long value) {
        long v = Math.max(0, value);
        counts[indexOf(v)]++;
        total++;
        if (v > max) {
            max = v;
        }
    }

    /** Adds every count of {@code other} to this histogram. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    /** Forgets every recorded value. */
    public void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        max = 0;
    }

    public long count() {
        return total;
    }

    /** The largest value recorded, exactly. */
    public long max() {
        return max;
    }

    /**
     * The value at {@code percentile} (0 < p <= 100): the middle of the bucket holding the value of that
     * rank, never above the exact maximum; the exact maximum for the last rank. 0 when nothing was recorded.
     */
    public long valueAtPercentile(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(percentile / 100.0 * total);
        if (rank >= total) {
            return max;
        }
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, lowerBound(i) + (width(i) - 1) / 2);
            }
        }
        return max;
    }

    static int indexOf(long v) {
        if (v < SUB_COUNT) {
            return (int) v;
        }
        int magnitude = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (magnitude - SUB_BITS)) & (SUB_COUNT - 1);
        return SUB_COUNT + (magnitude - SUB_BITS) * SUB_COUNT + sub;
    }

    static long lowerBound(int index) {
        if (index < SUB_COUNT) {
            return index;
        }
        int magnitude = (index - SUB_COUNT) / SUB_COUNT + SUB_BITS;
        long sub = (index - SUB_COUNT) % SUB_COUNT;
        return (1L << magnitude) | (sub << (magnitude - SUB_BITS));
    }

    static long width(int index) {
        if (index < SUB_COUNT) {
            return 1;
        }
        int magnitude = (index - SUB_COUNT) / SUB_COUNT + SUB_BITS;
        return 1L << (magnitude - SUB_BITS);
    }
}
