package io.coaps4j.metrics.micrometer;

import io.coaps4j.coap.endpoint.CoapEndpoint;
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
import java.util.function.Supplier;

/**
 * Binds a {@link DtlsConnector}'s counters, or a {@link CoapEndpoint}'s metrics ({@link ConnectorMetrics}), to a
 * Micrometer {@link MeterRegistry}: each
 * counter as a {@link FunctionCounter}, each gauge as a {@link Gauge}, labels as tags, plus the tags given. Names
 * follow Micrometer's dotted convention, which its Prometheus registry turns back into the names of
 * docs/METRICS.md: {@code coaps_handshakes_succeeded_total} is {@code coaps.handshakes.succeeded} here.
 * <p>
 * Meters read a snapshot of the connector's counters taken on its event loop, at most once per {@code maxAge}
 * (one second by default), so one scrape costs one hop onto the loop, not one per meter. A failure by an alert not
 * seen before adds its meter at the next snapshot. Like every Micrometer function meter, the meters hold the
 * connector or endpoint weakly: once the application lets go of it they read NaN.
 */
public final class CoapsMeterBinder implements MeterBinder {
    /** What the meters reference weakly: the endpoint or connector whose metrics they read. */
    private final Object owner;
    private final Supplier<List<Metric>> metrics;
    private final Tags tags;
    private final long maxAgeNanos;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Long> values = Map.of();
    private volatile long takenAt;
    private volatile boolean fresh;
    private MeterRegistry registry;

    /** Binds {@code connector}'s counters with {@code tags} added to every meter (e.g. the connector's name). */
    public CoapsMeterBinder(DtlsConnector connector, Iterable<Tag> tags) {
        this(connector, tags, Duration.ofSeconds(1));
    }

    /** As {@link #CoapsMeterBinder(DtlsConnector, Iterable)}, re-reading the connector at most once per {@code maxAge}. */
    public CoapsMeterBinder(DtlsConnector connector, Iterable<Tag> tags, Duration maxAge) {
        this(connector, () -> ConnectorMetrics.of(connector.metrics()), tags, maxAge);
    }

    /**
     * Binds the metrics of {@code endpoint}: its CoAP figures ({@code coap.*}) and, when it runs over DTLS, its
     * connector's counters ({@code coaps.*}), re-read at most once per {@code maxAge}.
     */
    public CoapsMeterBinder(CoapEndpoint endpoint, Iterable<Tag> tags, Duration maxAge) {
        this(endpoint, () -> ConnectorMetrics.of(endpoint), tags, maxAge);
    }

    private CoapsMeterBinder(Object owner, Supplier<List<Metric>> metrics, Iterable<Tag> tags, Duration maxAge) {
        this.owner = Objects.requireNonNull(owner, "connector or endpoint");
        this.metrics = metrics;
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
        if (!fresh || System.nanoTime() - takenAt > maxAgeNanos) {
            register(refresh());
        }
        Long value = values.get(key);
        return value == null ? Double.NaN : value;
    }

    private synchronized List<Metric> refresh() {
        List<Metric> taken = metrics.get();
        Map<String, Long> next = new HashMap<>();
        for (Metric metric : taken) {
            next.put(key(metric), metric.value());
        }
        values = next;
        takenAt = System.nanoTime();
        fresh = true;
        return taken;
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
                FunctionCounter.builder(meterName(metric), owner, unused -> value(key))
                        .description(metric.help()).tags(meterTags).register(registry);
            } else {
                Gauge.builder(meterName(metric), owner, unused -> value(key))
                        .description(metric.help()).tags(meterTags).register(registry);
            }
        }
    }

    private static String key(Metric metric) {
        return metric.name() + new java.util.TreeMap<>(metric.labels());
    }
}
