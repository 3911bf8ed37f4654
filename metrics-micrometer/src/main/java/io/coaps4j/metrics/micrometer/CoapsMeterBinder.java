package io.coaps4j.metrics.micrometer;

import io.coaps4j.coaps.ConnectorMetrics;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.coaps.Metric;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds a {@link DtlsConnector}'s counters ({@link ConnectorMetrics}) to a Micrometer {@link MeterRegistry}: each
 * counter as a {@link FunctionCounter}, each gauge as a {@link Gauge}, labels as tags, plus the tags given. Names
 * follow Micrometer's dotted convention, which its Prometheus registry turns back into the names of
 * docs/METRICS.md: {@code coaps_handshakes_succeeded_total} is {@code coaps.handshakes.succeeded} here.
 * <p>
 * Meters read a snapshot of the connector's counters taken on its event loop, at most once per {@code maxAge}
 * (one second by default), so one scrape costs one hop onto the loop, not one per meter. A failure by an alert not
 * seen before adds its meter at the next snapshot. Like every Micrometer function meter, the meters hold the
 * connector weakly: once the application lets go of it they read NaN.
 */
public final class CoapsMeterBinder implements MeterBinder {
    private final DtlsConnector connector;
    private final Tags tags;
    private final long maxAgeNanos;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Long> values = Map.of();
    private volatile long takenAt;
    private volatile boolean taken;
    private MeterRegistry registry;

    /** Binds {@code connector}'s counters with {@code tags} added to every meter (e.g. the connector's name). */
    public CoapsMeterBinder(DtlsConnector connector, Iterable<Tag> tags) {
        this(connector, tags, Duration.ofSeconds(1));
    }

    /** As {@link #CoapsMeterBinder(DtlsConnector, Iterable)}, re-reading the connector at most once per {@code maxAge}. */
    public CoapsMeterBinder(DtlsConnector connector, Iterable<Tag> tags, Duration maxAge) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative, was " + maxAge);
        }
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The Micrometer name of {@code metric}: without {@code _total}, dotted. */
    public static String meterName(Metric metric) {
        String name = metric.name();
        if (metric.type() == Metric.Type.COUNTER && name.endsWith("_total")) {
            name = name.substring(0, name.length() - "_total".length());
        }
        return name.replace('_', '.');
    }

    @Override
    public synchronized void bindTo(MeterRegistry meterRegistry) {
        this.registry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        register(refresh());
    }

    /** The current value of the sample {@code key}, from a snapshot no older than maxAge. */
    private double value(String key) {
        if (!taken || System.nanoTime() - takenAt > maxAgeNanos) {
            register(refresh());
        }
        Long value = values.get(key);
        return value == null ? Double.NaN : value;
    }

    private synchronized List<Metric> refresh() {
        List<Metric> metrics = ConnectorMetrics.of(connector.metrics());
        Map<String, Long> next = new HashMap<>();
        for (Metric metric : metrics) {
            next.put(key(metric), metric.value());
        }
        values = next;
        takenAt = System.nanoTime();
        taken = true;
        return metrics;
    }

    /** Registers the meters of samples not bound yet (all at the first call, new alerts later). */
    private synchronized void register(List<Metric> metrics) {
        if (registry == null) {
            return;
        }
        for (Metric metric : metrics) {
            String key = key(metric);
            if (!bound.add(key)) {
                continue;
            }
            Tags meterTags = tags;
            for (Map.Entry<String, String> label : metric.labels().entrySet()) {
                meterTags = meterTags.and(label.getKey(), label.getValue());
            }
            if (metric.type() == Metric.Type.COUNTER) {
                FunctionCounter.builder(meterName(metric), connector, unused -> value(key))
                        .description(metric.help()).tags(meterTags).register(registry);
            } else {
                Gauge.builder(meterName(metric), connector, unused -> value(key))
                        .description(metric.help()).tags(meterTags).register(registry);
            }
        }
    }

    private static String key(Metric metric) {
        return metric.name() + new java.util.TreeMap<>(metric.labels());
    }
}
