package io.coaps4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventLoopTest {

    @Test
    void runsTasksOnItsOwnThread() throws Exception {
        try (EventLoop loop = EventLoop.start("test-loop")) {
            CompletableFuture<String> name = new CompletableFuture<>();
            CompletableFuture<Boolean> inLoop = new CompletableFuture<>();
            loop.execute(() -> {
                name.complete(Thread.currentThread().getName());
                inLoop.complete(loop.inEventLoop());
            });
            assertThat(name.get(5, TimeUnit.SECONDS)).isEqualTo("test-loop");
            assertThat(inLoop.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(loop.inEventLoop()).isFalse();
        }
    }

    @Test
    void scheduledTasksRunInDeadlineOrderAndNotBefore() throws Exception {
        try (EventLoop loop = EventLoop.start("sched")) {
            List<Integer> order = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(2);
            long start = loop.nanoTime();
            AtomicLong ranAt = new AtomicLong();
            loop.schedule(start + 60_000_000L, () -> {
                order.add(2);
                ranAt.set(loop.nanoTime());
                done.countDown();
            });
            loop.schedule(start + 20_000_000L, () -> {
                order.add(1);
                done.countDown();
            });
            Cancellable cancelled = loop.schedule(start + 10_000_000L, () -> order.add(99));
            cancelled.cancel();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(order).containsExactly(1, 2);
            assertThat(ranAt.get() - start).isGreaterThanOrEqualTo(60_000_000L);
        }
    }

    @Test
    void deadlineHandlerIsCalledOnceItsDeadlinePasses() throws Exception {
        try (EventLoop loop = EventLoop.start("deadlines")) {
            CountDownLatch fired = new CountDownLatch(3);
            long start = loop.nanoTime();
            AtomicLong next = new AtomicLong(start + 30_000_000L);
            List<Long> firedAt = new ArrayList<>();
            loop.addDeadlineHandler(new DeadlineHandler() {
                @Override
                public long nextDeadline() {
                    return next.get();
                }

                @Override
                public void deadlineReached(long nowNanos) {
                    firedAt.add(nowNanos);
                    next.set(fired.getCount() > 1 ? nowNanos + 10_000_000L : Long.MAX_VALUE);
                    fired.countDown();
                }
            });
            assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50);
            CompletableFuture<Integer> count = new CompletableFuture<>();
            loop.execute(() -> count.complete(firedAt.size()));
            assertThat(count.get(5, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(firedAt.get(0) - start).isGreaterThanOrEqualTo(30_000_000L);
        }
    }

    @Test
    void closeEndsTheThreadAndRejectsNewTasks() throws Exception {
        EventLoop loop = EventLoop.start("closing");
        loop.close();
        assertThat(loop.awaitTermination(Duration.ofSeconds(5))).isTrue();
        assertThat(loop.isClosed()).isTrue();
        assertThatThrownBy(() -> loop.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("closing");
        loop.close();
    }

    @Test
    void aFailingTaskDoesNotStopTheLoop() throws Exception {
        try (EventLoop loop = EventLoop.start("resilient")) {
            loop.execute(() -> {
                throw new IllegalStateException("boom (expected by the test)");
            });
            CompletableFuture<Boolean> after = new CompletableFuture<>();
            loop.execute(() -> after.complete(true));
            assertThat(after.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
