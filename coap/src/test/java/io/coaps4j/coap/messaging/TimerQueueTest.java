package io.coaps4j.coap.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimerQueueTest {
    private final List<String> fired = new ArrayList<>();

    private final class Named extends TimerQueue.Timer {
        final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        protected void fire(long nowNanos) {
            fired.add(name);
        }
    }

    @Test
    void firesDueTimersInDeadlineOrderOnly() {
        TimerQueue queue = new TimerQueue();
        queue.schedule(new Named("c"), 30);
        queue.schedule(new Named("a"), 10);
        queue.schedule(new Named("b"), 20);
        assertThat(queue.nextDeadline()).isEqualTo(10);
        queue.fireDue(20);
        assertThat(fired).containsExactly("a", "b");
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.nextDeadline()).isEqualTo(30);
    }

    @Test
    void cancelAndRescheduleKeepTheHeapConsistent() {
        TimerQueue queue = new TimerQueue();
        Random random = new Random(7);
        List<Named> timers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Named timer = new Named("t" + i);
            timers.add(timer);
            queue.schedule(timer, random.nextInt(10_000));
        }
        for (int i = 0; i < 500; i += 3) {
            queue.cancel(timers.get(i));
            assertThat(timers.get(i).isScheduled()).isFalse();
        }
        for (int i = 1; i < 500; i += 3) {
            queue.schedule(timers.get(i), random.nextInt(10_000));
        }
        long last = Long.MIN_VALUE;
        int count = 0;
        while (queue.size() > 0) {
            long next = queue.nextDeadline();
            assertThat(next).isGreaterThanOrEqualTo(last);
            last = next;
            int before = fired.size();
            queue.fireDue(next);
            count += fired.size() - before;
        }
        assertThat(count).isEqualTo(500 - 167);
        assertThat(queue.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }
}
