package io.coaps4j.coap.messaging;

import java.util.Arrays;

/**
 * The timers of one sans-IO engine: an indexed binary min-heap on virtual time. Each {@link Timer}
 * knows its slot, so cancelling is O(log n) and leaves no garbage behind; the earliest deadline is
 * O(1), which is all the event loop asks for. Not thread-safe: it belongs to one engine.
 */
public final class TimerQueue {
    private Timer[] heap = new Timer[64];
    private int size;

    /** A timer that fires at most once per {@link #schedule}. */
    public abstract static class Timer {
        private long deadline;
        private int index = -1;

        /** Called by {@link #fireDue} once its deadline has passed; the timer is no longer scheduled. */
        protected abstract void fire(long nowNanos);

        public final boolean isScheduled() {
            return index >= 0;
        }

        public final long deadline() {
            return deadline;
        }
    }

    /** Schedules (or reschedules) {@code timer} at {@code deadlineNanos}. */
    public void schedule(Timer timer, long deadlineNanos) {
        if (timer.index >= 0) {
            timer.deadline = deadlineNanos;
            siftUp(siftDown(timer.index));
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        timer.deadline = deadlineNanos;
        timer.index = size;
        heap[size++] = timer;
        siftUp(timer.index);
    }

    /** Removes {@code timer} if scheduled. */
    public void cancel(Timer timer) {
        int i = timer.index;
        if (i < 0) {
            return;
        }
        timer.index = -1;
        Timer last = heap[--size];
        heap[size] = null;
        if (i < size) {
            heap[i] = last;
            last.index = i;
            siftUp(siftDown(i));
        }
    }

    /** The earliest deadline, or {@link Long#MAX_VALUE} when nothing is scheduled. */
    public long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadline;
    }

    /** Fires every timer due at {@code nowNanos}, earliest first; a fired timer may reschedule itself. */
    public void fireDue(long nowNanos) {
        while (size > 0 && heap[0].deadline - nowNanos <= 0) {
            Timer due = heap[0];
            cancel(due);
            due.fire(nowNanos);
        }
    }

    public int size() {
        return size;
    }

    /** Unschedules every timer without firing it. */
    public void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].index = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private int siftDown(int i) {
        Timer timer = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].deadline - heap[child].deadline < 0) {
                child = right;
            }
            if (heap[child].deadline - timer.deadline >= 0) {
                break;
            }
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = timer;
        timer.index = i;
        return i;
    }

    private int siftUp(int i) {
        Timer timer = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (timer.deadline - heap[parent].deadline >= 0) {
                break;
            }
            heap[i] = heap[parent];
            heap[i].index = i;
            i = parent;
        }
        heap[i] = timer;
        timer.index = i;
        return i;
    }
}
