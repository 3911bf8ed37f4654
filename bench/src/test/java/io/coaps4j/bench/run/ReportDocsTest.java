package io.coaps4j.bench.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportDocsTest {

    @Test
    void aChartHasOneBarPerMeasuredServerAndRoomAboveTheTallest() {
        String chart = new BarChart("PSK requests/s, 128 clients", "requests/s")
                .bar("coaps4j", 93197.4).bar("californium", 29062).bar("libcoap", Double.NaN).render();

        assertThat(chart).startsWith("```mermaid\nxychart-beta\n").endsWith("```\n")
                .contains("x-axis [\"coaps4j\", \"californium\"]")
                .contains("bar [93197.4, 29062.0]")
                .contains("y-axis \"requests/s\" 0 --> 102518");
        assertThat(new BarChart("nothing", "x").bar("libcoap", Double.NaN).render()).isEmpty();
    }

    @Test
    void theLatestSectionIsReplacedAndTheMethodAroundItKept() {
        DocsSection latest = DocsSection.LATEST;
        String page = "# Benchmarks\n\nmethod\n\n" + latest.begin() + "\n\nold table\n\n" + latest.end() + "\n\nnotes\n";

        String updated = latest.replace(page, "new table\n");

        assertThat(updated).isEqualTo("# Benchmarks\n\nmethod\n\n" + latest.begin() + "\n\nnew table\n\n"
                + latest.end() + "\n\nnotes\n");
        assertThat(latest.replace(updated, "newer")).contains("newer").doesNotContain("new table");
        assertThatThrownBy(() -> latest.replace("# no markers", "x")).hasMessageContaining("bench:latest:begin");
    }

    @Test
    void eachSuiteReplacesOnlyItsOwnSection() {
        String page = DocsSection.LATEST.begin() + "\nside by side\n" + DocsSection.LATEST.end() + "\n"
                + DocsSection.PROXY.begin() + "\nold proxy\n" + DocsSection.PROXY.end() + "\n";

        assertThat(DocsSection.PROXY.replace(page, "new proxy")).contains("side by side", "new proxy")
                .doesNotContain("old proxy");
        assertThat(DocsSection.LATEST.replace(page, "new side by side")).contains("new side by side", "old proxy");
        assertThatThrownBy(() -> DocsSection.PROXY.replace(page.replace(DocsSection.PROXY.begin(), ""), "y"))
                .hasMessageContaining("bench:proxy:begin");
    }

    @Test
    void onlyRunsWithTheDefaultWindowsMayReplaceThePublishedTable() throws Exception {
        List<String> known = List.of("coaps4j", "californium");
        assertThat(BenchArguments.parse(new String[] {"--docs", "docs/BENCHMARKS.md"}, known).fullLength()).isTrue();
        BenchOptions quick = BenchArguments.parse(new String[] {"--quick", "--docs", "docs/BENCHMARKS.md"}, known);
        assertThat(quick.fullLength()).isFalse();
        assertThat(quick.docs()).hasToString("docs/BENCHMARKS.md");
        assertThat(BenchOptions.builder().servers(known).measure(Duration.ofSeconds(20)).build().fullLength()).isTrue();
    }
}
