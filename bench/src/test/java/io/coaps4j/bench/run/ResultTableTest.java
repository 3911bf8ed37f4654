package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.LoadResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTest {
    private static final long SECOND = 1_000_000_000L;

    private static Measurement measurement(String server, int clients, long successes, long serverCpuNanos, long p50) {
        LoadResult load = new LoadResult(clients, SECOND, successes, 1, 2, 0, 0, 0, 0, p50, p50 * 3, p50 * 10);
        return new Measurement(server, load, serverCpuNanos, serverCpuNanos / 2, serverCpuNanos * 2, 300L << 20);
    }

    @Test
    void cpuPerRequestAndCoresComeFromTheWindow() {
        Measurement m = measurement("a", 16, 20_000, 500_000_000L, 100_000);
        assertThat(m.serverCpuMicrosPerRequest()).isEqualTo(25.0);
        assertThat(m.generatorCpuMicrosPerRequest()).isEqualTo(12.5);
        assertThat(m.serverCores()).isEqualTo(0.5);
        // machine busy 1.0 s in a 1 s window, of which 0.5 s server and 0.25 s generator
        assertThat(m.otherCores()).isEqualTo(0.25);
    }

    @Test
    void resultRowShowsThroughputLatencyAndCpu() {
        String table = ResultTable.results(List.of(measurement("a", 16, 20_000, 500_000_000L, 150_000)));
        assertThat(table).contains("| a | 16 | 20000 | 150 | 450 | 25.0 | 0.50 | 12.5 | 0.25 | 300 | 2 | 1 |");
    }

    @Test
    void ratiosCompareTheSubjectWithEachOtherServerAtTheSameClientCount() {
        List<Measurement> ms = List.of(
                measurement("ours", 1, 10_000, 200_000_000L, 50_000),
                measurement("theirs", 1, 5_000, 400_000_000L, 100_000),
                measurement("ours", 16, 30_000, 300_000_000L, 60_000),
                measurement("theirs", 16, 60_000, 300_000_000L, 30_000));
        String table = ResultTable.ratios("ours", List.of("theirs"), List.of(1, 16), ms);
        // 1 client: twice the throughput, a quarter of the CPU per request (20 µs vs 80 µs), half the latency
        assertThat(table).contains("| 1 | ours vs theirs | 2.00 | 0.25 | 0.50 |");
        assertThat(table).contains("| 16 | ours vs theirs | 0.50 | 2.00 | 2.00 |");
    }

    @Test
    void missingMeasurementsLeaveNoRow() {
        String table = ResultTable.ratios("ours", List.of("theirs"), List.of(1, 128),
                List.of(measurement("ours", 1, 1, 1, 1), measurement("ours", 128, 1, 1, 1), measurement("theirs", 128, 1, 1, 1)));
        assertThat(table).doesNotContain("| 1 |").contains("| 128 |");
    }
}
