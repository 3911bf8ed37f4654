package io.coaps4j.cli.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Makes silent drops visible to an operator: reads a connector's counters of things it drops without
 * answering (handshakes refused at a limit, sessions evicted, messages it could not send) whenever
 * {@link #check()} is called, and reports their growth in one line, at most one line per interval, so
 * that an attack is seen without flooding the log. Increments held back by the interval go into the
 * next line. Not thread-safe: call it from one thread (the server's watch timer, then the shutdown).
 */
final class DropWatch {
    private final Supplier<Map<String, Long>> counters;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Consumer<String> report;
    private Map<String, Long> reported = Map.of();
    private long lastReportNanos;
    private boolean hasReported;

    /**
     * @param counters  the counters by name, in the order they are to be reported (monotonic)
     * @param interval  the shortest time between two lines
     * @param nanoClock {@link System#nanoTime()} or a test's clock
     * @param report    receives each line
     */
    DropWatch(Supplier<Map<String, Long>> counters, Duration interval, LongSupplier nanoClock, Consumer<String> report) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.intervalNanos = Objects.requireNonNull(interval, "interval").toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.report = Objects.requireNonNull(report, "report");
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
    }

    /** Reports the counters that grew since the last line, unless that line is more recent than the interval. */
    void check() {
        long now = nanoClock.getAsLong();
        if (hasReported && now - lastReportNanos < intervalNanos) {
            return;
        }
        Map<String, Long> current = counters.get();
        StringJoiner grown = new StringJoiner(", ");
        for (Map.Entry<String, Long> counter : current.entrySet()) {
            long increment = counter.getValue() - reported.getOrDefault(counter.getKey(), 0L);
            if (increment > 0) {
                grown.add("+" + increment + " " + counter.getKey());
            }
        }
        if (grown.length() == 0) {
            return;
        }
        report.accept("coaps dropped silently: " + grown);
        reported = new LinkedHashMap<>(current);
        lastReportNanos = now;
        hasReported = true;
    }

    /** Every counter with its total, for the line printed when the server stops. */
    String summary() {
        StringJoiner all = new StringJoiner(", ", "coaps drop counters: ", "");
        counters.get().forEach((name, value) -> all.add(value + " " + name));
        return all.toString();
    }
}
