package io.coaps4j.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coaps.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Prometheus text format: families grouped under one HELP and TYPE, labels sorted and escaped. */
class PrometheusTextTest {

    @Test
    void samplesOfOneNameShareTheirHelpAndTypeAndLabelValuesAreEscaped() {
        String page = PrometheusText.of(List.of(
                new Metric("a_total", "first\\line\nsecond", Metric.Type.COUNTER, Map.of("reason", "x\"y\\z\n"), 3),
                new Metric("b", "a gauge", Metric.Type.GAUGE, Map.of(), 7),
                new Metric("a_total", "ignored", Metric.Type.COUNTER, Map.of("reason", "w", "alpha", "1"), 4)));
        assertThat(page).isEqualTo("""
                # HELP a_total first\\\\line\\nsecond
                # TYPE a_total counter
                a_total{reason="x\\"y\\\\z\\n"} 3
                a_total{alpha="1",reason="w"} 4
                # HELP b a gauge
                # TYPE b gauge
                b 7
                """);
    }
}
