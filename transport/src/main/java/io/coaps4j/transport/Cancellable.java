package io.coaps4j.transport;

/** A scheduled task that has not run yet can be cancelled. */
@FunctionalInterface
public interface Cancellable {

    /** Prevents the task from running if it has not started; has no effect afterwards. */
    void cancel();
}
