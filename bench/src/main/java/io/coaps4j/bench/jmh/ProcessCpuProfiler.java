package io.coaps4j.bench.jmh;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The benchmark JVM's CPU time per operation, beside JMH's wall-clock score: on a machine shared with other
 * work the wall clock also counts the time the benchmark waited for a core, the CPU time does not. It
 * includes the JVM's own threads (GC, JIT), which a warmed-up single-threaded benchmark keeps small, and
 * which a real server pays too. Use with {@code -prof io.coaps4j.bench.jmh.ProcessCpuProfiler}.
 */
public final class ProcessCpuProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startNanos;

    @Override
    public String getDescription() {
        return "process CPU time per operation (µs/op)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        startNanos = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                       IterationResult result) {
        long cpuNanos = os.getProcessCpuTime() - startNanos;
        long operations = result.getMetadata().getAllOps();
        double perOperation = operations == 0 ? Double.NaN : cpuNanos / 1_000.0 / operations;
        return List.of(new ScalarResult("·cpu.time", perOperation, "us/op", AggregationPolicy.AVG));
    }
}
