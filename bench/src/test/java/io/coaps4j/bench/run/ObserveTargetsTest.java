package io.coaps4j.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The observe and block2 targets table: each target with its measured ratio and whether it was met. */
class ObserveTargetsTest {
    @Test
    void eachTargetIsJudgedOnTheLargestObserverCount() {
        List<ObserveMeasurement> observe = List.of(
                // 1,000 observers: not what the targets look at.
                new ObserveMeasurement("coaps4j", 1_000, 1_000, 0, 10, 10_000, 1_000_000_000L, 1_000_000L, 150),
                new ObserveMeasurement("californium", 1_000, 1_000, 0, 10, 10_000, 1_000_000_000L, 1_000_000L, 900),
                // 10,000: ours 30,000/s at 4 µs, theirs 10,000/s at 12.5 µs.
                new ObserveMeasurement("coaps4j", 10_000, 10_000, 0, 30, 300_000, 10_000_000_000L, 1_200_000_000L, 250),
                new ObserveMeasurement("californium", 10_000, 10_000, 0, 10, 100_000, 10_000_000_000L, 1_250_000_000L,
                        900));
        List<Block2Measurement> block2 = List.of(new Block2Measurement("coaps4j", 5, 1_000_000, 1_000_000_000L, 200_000_000L),
                new Block2Measurement("californium", 5, 1_000_000, 2_000_000_000L, 500_000_000L));

        String table = ObserveSection.targets(List.of(1_000, 10_000), observe, block2);

        assertThat(table).contains("| notifications/s to 10000 observers ≥ 2.5× Californium's | 3.00× | yes |")
                .contains("| server CPU per notification ≤ 0.4× Californium's | 0.32× | yes |")
                .contains("| heap per observer ≤ 200 B on top of the session | 250 B | NO |")
                .contains("| 1 MB Block2 server CPU ≤ 0.5× Californium's | 0.40× | yes |");
    }

    @Test
    void aServerThatDidNotRunLeavesItsTargetsOut() {
        String table = ObserveSection.targets(List.of(10), List.of(), List.of());
        assertThat(table).isEqualTo("| target | measured | met |\n|---|---|---|\n");
    }
}
