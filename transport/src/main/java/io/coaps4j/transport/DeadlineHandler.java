package io.coaps4j.transport;

/**
 * A sans-IO engine's view of time: before every wait the event loop asks for the next deadline,
 * and calls back once it has passed. No timer object is created per event, so an engine with
 * thousands of retransmission timers still costs the loop one comparison per iteration.
 */
public interface DeadlineHandler {

    /** The earliest {@link EventLoop#nanoTime()} at which {@link #deadlineReached} is due, or {@link Long#MAX_VALUE}. */
    long nextDeadline();

    /** Called on the loop thread once {@code nowNanos >= nextDeadline()}. */
    void deadlineReached(long nowNanos);
}
