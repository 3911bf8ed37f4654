package io.coaps4j.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The e2e suite in tiny windows: both modes answer, and the origin's CPU is measured (not a benchmark). */
class E2eSuiteSmokeTest {
    @Test
    void bothModesRunAndTheTableHasTheRatio() throws Exception {
        List<E2eSuite.Row> rows = E2eSuite.run(Optional.empty(), Duration.ofMillis(300), Duration.ofMillis(500), 2);

        assertThat(rows).extracting(E2eSuite.Row::mode).containsExactly("PSK", "PSK + end-to-end");
        for (E2eSuite.Row row : rows) {
            assertThat(row.requestsPerSecond()).as(row.mode()).isPositive();
            assertThat(row.originCpuMicrosPerRequest()).as(row.mode()).isPositive();
            assertThat(row.failures()).as(row.mode()).isZero();
        }
        assertThat(E2eSuite.table(rows, Optional.empty())).contains("end-to-end / PSK origin CPU per request");
    }
}
