package io.coaps4j.dtls.engine;

import org.slf4j.Logger;

import java.util.Objects;

/**
 * A WARN line for something that may happen thousands of times a second under attack (handshakes refused,
 * sessions evicted, messages dropped): occurrences are counted, and at most one line per {@code period}
 * reports how many there were since the last line, so an operator sees an attack without the log
 * becoming one. The time is the caller's clock, in the unit of {@code period}. Not thread-safe.
 */
public final class RateLimitedWarning {
    private final Logger log;
    private final String what;
    private final long period;
    private long lastLine;
    private boolean logged;
    private long unreported;

    /** Reports occurrences of {@code what} (e.g. "handshakes refused: all places taken") to {@code log}. */
    public RateLimitedWarning(Logger log, String what, long period) {
        this.log = Objects.requireNonNull(log, "log");
        this.what = Objects.requireNonNull(what, "what");
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        this.period = period;
    }

    /** Counts one occurrence at {@code now}; writes the line when the last one is at least a period old. */
    public void occurred(long now) {
        unreported++;
        if (!logged || now - lastLine >= period) {
            log.warn("{}: {} since the last report", what, unreported);
            logged = true;
            lastLine = now;
            unreported = 0;
        }
    }
}
