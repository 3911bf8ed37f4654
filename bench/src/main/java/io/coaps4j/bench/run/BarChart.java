package io.coaps4j.bench.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bar chart in Mermaid's {@code xychart-beta} syntax, which GitHub and most Markdown viewers draw:
 * one bar per server, so the chart needs no legend. Values that were not measured (NaN) are left out.
 */
final class BarChart {
    private final String title;
    private final String unit;
    private final Map<String, Double> bars = new LinkedHashMap<>();

    BarChart(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    BarChart bar(String server, double value) {
        if (!Double.isNaN(value) && !Double.isInfinite(value)) {
            bars.put(server, value);
        }
        return this;
    }

    boolean isEmpty() {
        return bars.isEmpty();
    }

    /** The chart as a fenced Mermaid block, or an empty string when no bar was measured. */
    String render() {
        if (bars.isEmpty()) {
            return "";
        }
        double max = bars.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        List<String> names = bars.keySet().stream().map(name -> '"' + name.replace("\"", "'") + '"').toList();
        List<String> values = bars.values().stream().map(value -> String.format(Locale.ROOT, "%.1f", value)).toList();
        return "```mermaid\nxychart-beta\n"
                + "    title \"" + title.replace("\"", "'") + "\"\n"
                + "    x-axis [" + String.join(", ", names) + "]\n"
                + String.format(Locale.ROOT, "    y-axis \"%s\" 0 --> %.0f%n", unit.replace("\"", "'"), Math.ceil(max * 1.1))
                + "    bar [" + String.join(", ", values) + "]\n"
                + "```\n";
    }
}
