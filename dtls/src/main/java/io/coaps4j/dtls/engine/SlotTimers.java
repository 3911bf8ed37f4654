package io.coaps4j.dtls.engine;

import java.util.PriorityQueue;

/**
 * The server's connection timers: one entry per deadline a slot asked for, in a priority queue.
 * Rescheduling adds an entry and leaves the old one to be skipped as stale when it comes up, so no
 * entry is ever searched for. Only handshakes and retained last flights have timers; idle sessions are
 * timed by the {@link SessionTable}'s activity order instead. Not thread-safe.
 */
final class SlotTimers {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();

    /** Makes {@code slot}'s timer due at its connections' earliest deadline. */
    void reschedule(PeerSlot slot) {
        long deadline = slot.deadline();
        if (deadline != slot.scheduled) {
            slot.scheduled = deadline;
            if (deadline != DtlsResult.NO_DEADLINE) {
                queue.add(new Entry(deadline, slot));
            }
        }
    }

    /** The next slot whose timer is due at {@code now}, its timer cleared; null when none is due. */
    PeerSlot pollDue(long now) {
        while (!queue.isEmpty() && queue.peek().deadline <= now) {
            Entry entry = queue.poll();
            if (entry.isCurrent()) {
                entry.slot.scheduled = DtlsResult.NO_DEADLINE;
                return entry.slot;
            }
        }
        return null;
    }

    /** The earliest current deadline, or {@link DtlsResult#NO_DEADLINE}. */
    long next() {
        while (!queue.isEmpty() && !queue.peek().isCurrent()) {
            queue.poll();
        }
        return queue.isEmpty() ? DtlsResult.NO_DEADLINE : queue.peek().deadline;
    }

    /** A timer entry; stale when its slot was removed or rescheduled since. */
    private record Entry(long deadline, PeerSlot slot) implements Comparable<Entry> {
        boolean isCurrent() {
            return !slot.removed && slot.scheduled == deadline;
        }

        @Override
        public int compareTo(Entry other) {
            return Long.compare(deadline, other.deadline);
        }
    }
}
