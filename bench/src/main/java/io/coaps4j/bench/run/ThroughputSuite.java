package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.LoadGenerator;
import io.coaps4j.bench.loadgen.LoadResult;
import io.coaps4j.bench.loadgen.LoadSpec;
import io.coaps4j.bench.loadgen.WindowObserver;
import io.coaps4j.bench.process.ServerProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Closed-loop request throughput of every running server of a group at each client count (warm-up, then a
 * measured window), with the server's CPU time read from /proc over exactly that window. Client counts
 * run outermost: the servers compared at one count are measured within a minute or so of each other, so a
 * change of background load on a shared machine skews their ratios less.
 */
final class ThroughputSuite {
    private static final int GENERATOR_WARMUP_CLIENTS = 16;

    private ThroughputSuite() {
    }

    static List<Measurement> run(RunContext context, ServerGroup group, Suite suite) throws InterruptedException {
        BenchOptions options = context.options;
        warmUpGenerator(context, group, suite);
        List<Measurement> measurements = new ArrayList<>();
        for (int clients : options.clientCounts()) {
            for (String name : group.running()) {
                ServerProcess process = group.process(name);
                try {
                    measurements.add(measure(context, group, process, clients));
                } catch (IOException | RuntimeException e) {
                    context.fail(suite, name, "at " + clients + " clients: " + e.getMessage());
                    group.drop(name);
                }
            }
        }
        return measurements;
    }

    /**
     * The generator runs in this JVM: without this, the first server measured would meet a generator still
     * being compiled. Not recorded.
     */
    private static void warmUpGenerator(RunContext context, ServerGroup group, Suite suite) throws InterruptedException {
        BenchOptions options = context.options;
        if (options.warmup().isZero() || group.running().isEmpty()) {
            return;
        }
        String name = group.running().get(0);
        ServerProcess process = group.process(name);
        RunContext.progress("%s: generator warm-up: %s s against %s", suite.label(), options.warmup().toMillis() / 1e3, name);
        try {
            LoadGenerator.run(LoadSpec.builder().server(process.address()).clients(GENERATOR_WARMUP_CLIENTS)
                    .transport(group.catalog().transportTo(process.address(), options.generator()))
                    .generatorThreads(options.generatorThreads(GENERATOR_WARMUP_CLIENTS)).warmup(Duration.ZERO).measure(options.warmup())
                    .resendTimeout(options.resendTimeout()).build(), WindowObserver.NONE);
        } catch (IOException | RuntimeException e) {
            context.fail(suite, name, "during the generator warm-up: " + e.getMessage());
            group.drop(name);
        }
    }

    private static Measurement measure(RunContext context, ServerGroup group, ServerProcess process, int clients)
            throws IOException, InterruptedException {
        BenchOptions options = context.options;
        LoadSpec spec = LoadSpec.builder()
                .server(process.address())
                .clients(clients)
                .transport(group.catalog().transportTo(process.address(), options.generator()))
                .generatorThreads(options.generatorThreads(clients))
                .warmup(options.warmup())
                .measure(options.measure())
                .resendTimeout(options.resendTimeout())
                .build();
        CpuWindow window = context.cpuWindow(process.pid());
        LoadResult result = LoadGenerator.run(spec, window);
        if (!process.isAlive()) {
            throw new IOException(process.name() + " died during the run; see " + options.logDir());
        }
        Measurement m = new Measurement(process.name(), result, window.serverNanos(), window.generatorNanos(),
                window.machineBusyNanos(), process.residentBytes());
        RunContext.progress("%s: %3d clients: %.0f req/s, p50 %.1f µs, p99 %.1f µs, server %.1f µs CPU/req, other load %.2f cores, %d retransmitted",
                process.name(), clients, result.requestsPerSecond(), result.p50Nanos() / 1e3, result.p99Nanos() / 1e3,
                m.serverCpuMicrosPerRequest(), m.otherCores(), result.retransmissions());
        return m;
    }
}
