package io.coaps4j.cli.metrics;

import io.coaps4j.coaps.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics in the Prometheus text exposition format, version 0.0.4: per metric name one {@code # HELP} and one
 * {@code # TYPE} line, then one sample line per label set, {@code name{label="value",...} value}; label values
 * escape backslash, double quote and line feed, help texts backslash and line feed.
 */
public final class PrometheusText {
    /** The Content-Type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    /** The page of {@code metrics}; samples of one name are grouped under its first HELP and TYPE. */
    public static String of(List<Metric> metrics) {
        Map<String, StringBuilder> families = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            StringBuilder family = families.computeIfAbsent(metric.name(), name -> new StringBuilder()
                    .append("# HELP ").append(name).append(' ').append(escapeHelp(metric.help())).append('\n')
                    .append("# TYPE ").append(name).append(' ').append(metric.type().name().toLowerCase(Locale.ROOT))
                    .append('\n'));
            family.append(metric.name());
            if (!metric.labels().isEmpty()) {
                family.append('{');
                boolean first = true;
                for (Map.Entry<String, String> label : new TreeMap<>(metric.labels()).entrySet()) {
                    family.append(first ? "" : ",").append(label.getKey()).append("=\"")
                            .append(escapeLabel(label.getValue())).append('"');
                    first = false;
                }
                family.append('}');
            }
            family.append(' ').append(metric.value()).append('\n');
        }
        StringBuilder page = new StringBuilder();
        families.values().forEach(page::append);
        return page.toString();
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
