package io.coaps4j.bench.loadgen;

/**
 * The phase of a run, written by the coordinating thread and read by the generator threads: only
 * responses that arrive while it is {@link #MEASURE} count.
 */
final class RunPhase {
    static final int WARMUP = 0;
    static final int MEASURE = 1;
    static final int DONE = 2;

    private volatile int phase = WARMUP;

    void set(int newPhase) {
        phase = newPhase;
    }

    boolean measuring() {
        return phase == MEASURE;
    }

    boolean done() {
        return phase == DONE;
    }
}
