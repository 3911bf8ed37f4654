package io.coaps4j.coaps;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One value of a connector's metrics, named and described the way monitoring systems read them (the Prometheus
 * naming rules, which Micrometer and JMX can carry too): a snake_case {@code name}, counters ending in
 * {@code _total}, a {@code help} text, and labels that split one metric by reason, role or alert. Made by
 * {@link ConnectorMetrics#of(CoapsMetrics)}; docs/METRICS.md lists them all.
 */
public record Metric(String name, String help, Type type, Map<String, String> labels, long value) {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    /** How a value moves: a counter only grows (until the process restarts), a gauge goes up and down. */
    public enum Type { COUNTER, GAUGE }

    public Metric {
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("a metric name must be snake_case, was " + name);
        }
        labels = Map.copyOf(labels);
        for (String label : labels.keySet()) {
            if (!NAME.matcher(label).matches()) {
                throw new IllegalArgumentException("a label name must be snake_case, was " + label);
            }
        }
    }
}
