package io.coaps4j.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns a selector, the UDP channels registered with it, a queue of tasks and the
 * deadlines of the sans-IO engines it drives. Everything that runs on the loop runs on this one
 * thread, so the state it touches needs no locks.
 *
 * <p>Each iteration waits until a channel is readable, a task is queued or the earliest deadline
 * passes; then it reads a bounded batch of datagrams per channel, runs the queued tasks and fires
 * due deadlines. Time is {@link System#nanoTime()}; engines get it as a plain {@code long}.
 */
public final class EventLoop implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    /** Datagrams read from one channel before the loop looks at tasks and timers again. */
    private static final int READ_BATCH = 64;
    private static final int MAX_DATAGRAM = 65536;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final PriorityQueue<ScheduledTask> scheduled = new PriorityQueue<>();
    private final List<DeadlineHandler> deadlineHandlers = new ArrayList<>();
    private final List<UdpChannel> channels = new ArrayList<>();
    /** Run after the next selector flush, i.e. once closed sockets have really released their ports. */
    private final List<Runnable> afterFlush = new ArrayList<>();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean closing;
    private long scheduleSequence;

    private EventLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Opens a selector and starts the loop thread named {@code threadName}. */
    public static EventLoop start(String threadName) throws IOException {
        Objects.requireNonNull(threadName, "threadName");
        EventLoop loop = new EventLoop(threadName);
        loop.thread.start();
        return loop;
    }

    /** True when called on this loop's thread. */
    public boolean inEventLoop() {
        return Thread.currentThread() == thread;
    }

    /** The loop's clock in nanoseconds; only differences are meaningful. */
    public long nanoTime() {
        return System.nanoTime();
    }

    /** Queues {@code task} to run on the loop thread; callable from any thread. */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closing) {
            throw new RejectedExecutionException("event loop " + thread.getName() + " is closed");
        }
        tasks.add(task);
        if (!inEventLoop() && !wakeupPending.getAndSet(true)) {
            selector.wakeup();
        }
    }

    /** Runs {@code task} on the loop thread once {@link #nanoTime()} reaches {@code deadlineNanos}. */
    public Cancellable schedule(long deadlineNanos, Runnable task) {
        Objects.requireNonNull(task, "task");
        ScheduledTask entry = new ScheduledTask(deadlineNanos, task);
        if (inEventLoop()) {
            entry.sequence = scheduleSequence++;
            scheduled.add(entry);
        } else {
            execute(() -> {
                entry.sequence = scheduleSequence++;
                scheduled.add(entry);
            });
        }
        return entry;
    }

    /** Runs {@code task} on the loop thread after {@code delay}. */
    public Cancellable schedule(Duration delay, Runnable task) {
        return schedule(nanoTime() + delay.toNanos(), task);
    }

    /** Lets a sans-IO engine's deadlines drive the loop's waits; callable from any thread. */
    public void addDeadlineHandler(DeadlineHandler handler) {
        Objects.requireNonNull(handler, "handler");
        runOnLoop(() -> deadlineHandlers.add(handler));
    }

    /** Stops asking {@code handler} for deadlines; callable from any thread. */
    public void removeDeadlineHandler(DeadlineHandler handler) {
        runOnLoop(() -> deadlineHandlers.remove(handler));
    }

    /**
     * Opens a non-blocking UDP channel bound to {@code bindAddress} (port 0 picks a free port; an IPv6
     * wildcard also receives IPv4) and registers it with this loop. Callable from any thread; the
     * channel is receiving when this returns.
     */
    public UdpChannel openUdp(InetSocketAddress bindAddress, DatagramReceiver receiver) throws IOException {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(receiver, "receiver");
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.configureBlocking(false);
            UdpChannel.tuneBuffers(channel);
            channel.bind(bindAddress);
            UdpChannel udp = new UdpChannel(this, channel, receiver);
            callOnLoop(() -> {
                udp.register(channel.register(selector, SelectionKey.OP_READ, udp));
                channels.add(udp);
                return null;
            });
            return udp;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    void channelClosed(UdpChannel channel) {
        channels.remove(channel);
    }

    /** Loop thread only: runs {@code action} once cancelled keys are flushed and their sockets closed. */
    void afterFlush(Runnable action) {
        afterFlush.add(action);
    }

    /**
     * Closes every channel (their ports are free when this returns), ends the thread and waits
     * for it unless called on the loop thread itself. Idempotent.
     */
    @Override
    public void close() {
        if (!closing) {
            closing = true;
            selector.wakeup();
        }
        if (!inEventLoop()) {
            try {
                terminated.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits up to {@code timeout} for the loop thread to end after {@link #close()}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isClosed() {
        return closing;
    }

    public String name() {
        return thread.getName();
    }

    private void runOnLoop(Runnable action) {
        if (inEventLoop()) {
            action.run();
        } else {
            execute(action);
        }
    }

    private <T> T callOnLoop(java.util.concurrent.Callable<T> action) throws IOException {
        if (inEventLoop()) {
            try {
                return action.call();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Closable task = () -> {
            try {
                result.complete(action.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        };
        execute(task);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the event loop", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IOException(cause);
        }
    }

    private void run() {
        try {
            while (!closing) {
                long now = nanoTime();
                long deadline = earliestDeadline();
                if (!tasks.isEmpty() || deadline - now <= 0) {
                    selector.selectNow(this::onReady);
                } else {
                    wakeupPending.set(false);
                    if (!tasks.isEmpty()) {
                        selector.selectNow(this::onReady);
                    } else if (deadline == Long.MAX_VALUE) {
                        selector.select(this::onReady);
                    } else {
                        long millis = Math.max(1, (deadline - now + 999_999) / 1_000_000);
                        selector.select(this::onReady, millis);
                    }
                }
                runTasks();
                fireDeadlines();
                if (!afterFlush.isEmpty()) {
                    selector.selectNow(this::onReady);
                    runAfterFlush();
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.error("event loop {} stopped: selector failed", thread.getName(), e);
        } catch (Throwable e) {
            LOG.error("event loop {} stopped", thread.getName(), e);
        } finally {
            shutdown();
        }
    }

    private void onReady(SelectionKey key) {
        UdpChannel channel = (UdpChannel) key.attachment();
        if (key.isValid() && key.isReadable()) {
            channel.readBatch(receiveBuffer, READ_BATCH);
        }
    }

    private void runTasks() {
        // Only the tasks present now: a task that queues another cannot starve the selector.
        int pending = tasks.size();
        for (int i = 0; i < pending; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            safely(task);
        }
    }

    private void fireDeadlines() {
        long now = nanoTime();
        ScheduledTask head;
        while ((head = scheduled.peek()) != null && head.deadline - now <= 0) {
            scheduled.poll();
            if (!head.cancelled) {
                safely(head.task);
            }
        }
        for (int i = 0; i < deadlineHandlers.size(); i++) {
            DeadlineHandler handler = deadlineHandlers.get(i);
            try {
                if (handler.nextDeadline() - now <= 0) {
                    handler.deadlineReached(now);
                }
            } catch (Throwable e) {
                LOG.error("deadline handler failed on {}", thread.getName(), e);
            }
        }
    }

    private long earliestDeadline() {
        long earliest = Long.MAX_VALUE;
        ScheduledTask head;
        while ((head = scheduled.peek()) != null && head.cancelled) {
            scheduled.poll();
        }
        if (head != null) {
            earliest = head.deadline;
        }
        for (int i = 0; i < deadlineHandlers.size(); i++) {
            long d = deadlineHandlers.get(i).nextDeadline();
            if (d != Long.MAX_VALUE && (earliest == Long.MAX_VALUE || d - earliest < 0)) {
                earliest = d;
            }
        }
        return earliest;
    }

    private void safely(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            LOG.error("task failed on event loop {}", thread.getName(), e);
        }
    }

    private void shutdown() {
        closing = true;
        for (UdpChannel channel : new ArrayList<>(channels)) {
            channel.closeNow();
        }
        channels.clear();
        try {
            // Flushes the cancelled keys so that the sockets are really closed and their ports free.
            selector.selectNow();
            selector.close();
        } catch (IOException | ClosedSelectorException e) {
            LOG.debug("closing selector of {}", thread.getName(), e);
        }
        runAfterFlush();
        // Tasks queued after close never run; drop them so nothing waits on them silently.
        Runnable task;
        while ((task = tasks.poll()) != null) {
            if (task instanceof Closable) {
                safely(task);
            }
        }
        runAfterFlush();
        scheduled.clear();
        terminated.countDown();
    }

    private void runAfterFlush() {
        List<Runnable> actions = new ArrayList<>(afterFlush);
        afterFlush.clear();
        actions.forEach(this::safely);
    }

    /** A task that must still run while the loop shuts down (it completes a waiter). */
    interface Closable extends Runnable {
    }

    private static final class ScheduledTask implements Cancellable, Comparable<ScheduledTask> {
        final long deadline;
        final Runnable task;
        long sequence;
        volatile boolean cancelled;

        ScheduledTask(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(ScheduledTask other) {
            int byTime = Long.compare(deadline - other.deadline, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

}
