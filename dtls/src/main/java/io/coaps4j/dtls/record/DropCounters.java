package io.coaps4j.dtls.record;

/**
 * Counts dropped records by reason. Meant to live per event loop and be shared by its connections, so a
 * connection carries no counters of its own. Not thread-safe.
 */
public final class DropCounters {
    private final long[] counts = new long[DropReason.values().length];

    public void increment(DropReason reason) {
        counts[reason.ordinal()]++;
    }

    public long count(DropReason reason) {
        return counts[reason.ordinal()];
    }

    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("DropCounters[");
        String separator = "";
        for (DropReason reason : DropReason.values()) {
            if (counts[reason.ordinal()] > 0) {
                text.append(separator).append(reason).append('=').append(counts[reason.ordinal()]);
                separator = ", ";
            }
        }
        return text.append(']').toString();
    }
}
