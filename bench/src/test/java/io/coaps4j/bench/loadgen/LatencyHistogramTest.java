package io.coaps4j.bench.loadgen;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 20; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(20);
        assertThat(h.valueAtPercentile(50)).isEqualTo(10);
        assertThat(h.valueAtPercentile(100)).isEqualTo(20);
        assertThat(h.max()).isEqualTo(20);
    }

    @Test
    void percentilesOfWideDistributionAreWithinBucketPrecision() {
        SplittableRandom random = new SplittableRandom(42);
        long[] values = new long[100_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            // log-uniform between 1 µs and 100 ms, like latencies
            values[i] = (long) Math.pow(10, 3 + random.nextDouble() * 5);
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {1, 50, 90, 99, 99.9}) {
            long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
            assertThat((double) h.valueAtPercentile(p)).as("p%s", p).isCloseTo(exact, within(exact / 32.0 + 1));
        }
        assertThat(h.max()).isEqualTo(values[values.length - 1]);
    }

    @Test
    void bucketsTileTheValueRangeWithoutGaps() {
        long expectedLower = 0;
        for (int i = 0; i < 32 + 58 * 32; i++) {
            assertThat(LatencyHistogram.lowerBound(i)).as("bucket %d", i).isEqualTo(expectedLower);
            assertThat(LatencyHistogram.indexOf(expectedLower)).isEqualTo(i);
            long upper = expectedLower + LatencyHistogram.width(i) - 1;
            assertThat(LatencyHistogram.indexOf(upper)).isEqualTo(i);
            expectedLower = upper + 1;
        }
        assertThat(expectedLower).isEqualTo(Long.MIN_VALUE); // the last bucket ends at Long.MAX_VALUE
    }

    @Test
    void extremesAndNegativeValuesAreRecorded() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        h.record(Long.MAX_VALUE);
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.valueAtPercentile(50)).isZero();
        assertThat(h.valueAtPercentile(100)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void mergeAddsCountsAndResetForgets() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int i = 0; i < 99; i++) {
            a.record(1_000);
        }
        b.record(1_000_000);
        a.add(b);
        assertThat(a.count()).isEqualTo(100);
        assertThat(a.valueAtPercentile(99)).isCloseTo(1_000, within(32L));
        assertThat(a.valueAtPercentile(100)).isCloseTo(1_000_000, within(1_000_000L / 32));
        a.reset();
        assertThat(a.count()).isZero();
        assertThat(a.valueAtPercentile(50)).isZero();
    }

    @Test
    void rejectsPercentileOutsideRange() {
        LatencyHistogram h = new LatencyHistogram();
        assertThatThrownBy(() -> h.valueAtPercentile(0)).hasMessageContaining("percentile");
        assertThatThrownBy(() -> h.valueAtPercentile(100.5)).hasMessageContaining("percentile");
        assertThatThrownBy(() -> h.valueAtPercentile(Double.NaN)).hasMessageContaining("percentile");
    }
}
