package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.LoadGenerator;
import io.coaps4j.bench.loadgen.LoadResult;
import io.coaps4j.bench.loadgen.LoadSpec;
import io.coaps4j.bench.loadgen.WindowObserver;
import io.coaps4j.bench.process.ClockTicks;
import io.coaps4j.bench.process.MachineCpu;
import io.coaps4j.bench.process.ProcessCpu;
import io.coaps4j.bench.process.ServerProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The side-by-side benchmark: each server in a fresh process of its own, loaded by the same closed-loop
 * generator at each client count (warm-up, then a measured window), with the server's CPU time read from
 * /proc over exactly that window. Client counts run outermost, servers in turn within each. Prints a Markdown table of the results and the ratios.
 */
public final class SideBySide {
    private static final int GENERATOR_WARMUP_CLIENTS = 16;

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        ServerCatalog catalog = new ServerCatalog();
        BenchOptions options;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                System.out.println(String.format(BenchArguments.USAGE, catalog.names()));
                return;
            }
            options = BenchArguments.parse(args, catalog.names());
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(String.format(BenchArguments.USAGE, catalog.names()));
            System.exit(2);
            return;
        }
        System.exit(run(options, catalog) ? 0 : 1);
    }

    private static boolean run(BenchOptions options, ServerCatalog catalog) throws IOException, InterruptedException {
        long ticksPerSecond = ClockTicks.perSecond();
        ProcessCpu generatorCpu = ProcessCpu.of(ProcessHandle.current().pid(), ticksPerSecond);
        MachineCpu machineCpu = MachineCpu.of(ticksPerSecond);
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadBefore = loadAverage();
        Map<String, ServerProcess> running = new ConcurrentHashMap<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> running.values().forEach(SideBySide::stopQuietly)));

        List<Measurement> measurements = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        try {
            // Every server gets a fresh process of its own, started up front and idle until its turn.
            for (String name : options.servers()) {
                BenchedServer server = catalog.get(name);
                progress("%s: starting (%s)", name, server.description());
                try {
                    running.put(name, server.start(options));
                } catch (IOException e) {
                    failures.put(name, e.getMessage());
                    progress("%s: FAILED to start: %s", name, e.getMessage());
                }
            }
            warmUpGenerator(options, running);
            // Client count outermost: the servers compared at one count are measured minutes apart at most,
            // so a change in the background load of a shared machine skews the ratios less.
            for (int clients : options.clientCounts()) {
                for (String name : options.servers()) {
                    ServerProcess process = running.get(name);
                    if (process == null) {
                        continue;
                    }
                    try {
                        measurements.add(measure(options, process, clients, generatorCpu, machineCpu, ticksPerSecond));
                    } catch (IOException | RuntimeException e) {
                        failures.put(name, "at " + clients + " clients: " + e.getMessage());
                        progress("%s: FAILED: %s", name, e.getMessage());
                        stopQuietly(running.remove(name));
                    }
                }
            }
        } finally {
            running.values().forEach(SideBySide::stopQuietly);
            running.clear();
        }

        String report = report(options, catalog, measurements, failures, started, loadBefore, ticksPerSecond);
        System.out.println();
        System.out.print(report);
        if (options.output() != null) {
            Path parent = options.output().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(options.output(), report, StandardCharsets.UTF_8);
            progress("report written to %s", options.output());
        }
        return failures.isEmpty();
    }

    /**
     * The generator runs in this JVM: without this, the first server measured would meet a generator still
     * being compiled. Not recorded.
     */
    private static void warmUpGenerator(BenchOptions options, Map<String, ServerProcess> running)
            throws IOException, InterruptedException {
        if (options.warmup().isZero()) {
            return;
        }
        for (String name : options.servers()) {
            ServerProcess process = running.get(name);
            if (process != null) {
                progress("generator warm-up: %s s against %s", options.warmup().toMillis() / 1e3, name);
                LoadGenerator.run(LoadSpec.builder().server(process.address()).clients(GENERATOR_WARMUP_CLIENTS)
                        .generatorThreads(options.generatorThreads()).warmup(Duration.ZERO).measure(options.warmup())
                        .resendTimeout(options.resendTimeout()).build(), WindowObserver.NONE);
                return;
            }
        }
    }

    private static Measurement measure(BenchOptions options, ServerProcess process, int clients, ProcessCpu generatorCpu,
                                       MachineCpu machineCpu, long ticksPerSecond) throws IOException, InterruptedException {
        LoadSpec spec = LoadSpec.builder()
                .server(process.address())
                .clients(clients)
                .generatorThreads(options.generatorThreads())
                .warmup(options.warmup())
                .measure(options.measure())
                .resendTimeout(options.resendTimeout())
                .build();
        CpuWindow window = new CpuWindow(ProcessCpu.of(process.pid(), ticksPerSecond), generatorCpu, machineCpu);
        LoadResult result = LoadGenerator.run(spec, window);
        if (!process.isAlive()) {
            throw new IOException(process.name() + " died during the run; see " + options.logDir());
        }
        Measurement m = new Measurement(process.name(), result, window.serverNanos(), window.generatorNanos(),
                window.machineBusyNanos(), process.residentBytes());
        progress("%s: %3d clients: %.0f req/s, p50 %.1f µs, p99 %.1f µs, server %.1f µs CPU/req, other load %.2f cores, %d retransmitted",
                process.name(), clients, result.requestsPerSecond(), result.p50Nanos() / 1e3, result.p99Nanos() / 1e3,
                m.serverCpuMicrosPerRequest(), m.otherCores(), result.retransmissions());
        return m;
    }

    private static String report(BenchOptions options, ServerCatalog catalog, List<Measurement> measurements,
                                 Map<String, String> failures, Instant started, String loadBefore, long ticksPerSecond)
            throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Run %s on %d CPUs (load average before: %s), JDK %s, CLK_TCK %d; %s s warm-up + %s s measured per point, "
                        + "%d generator thread(s), resend after %d ms; server JVM options: %s%n%n",
                started, Runtime.getRuntime().availableProcessors(), loadBefore, System.getProperty("java.version"),
                ticksPerSecond, options.warmup().toMillis() / 1e3, options.measure().toMillis() / 1e3,
                options.generatorThreads(), options.resendTimeout().toMillis(), String.join(" ", options.serverJvmOptions())));
        for (String name : options.servers()) {
            out.append("- ").append(name).append(": ").append(catalog.get(name).description()).append('\n');
        }
        out.append('\n').append(ResultTable.results(measurements));
        List<String> ran = options.servers().stream().filter(s -> !failures.containsKey(s)).toList();
        if (ran.size() > 1) {
            out.append('\n').append(ResultTable.ratios(ran.get(0), ran.subList(1, ran.size()), options.clientCounts(), measurements));
        }
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            out.append("\nNOT MEASURED: ").append(failure.getKey()).append(": ").append(failure.getValue()).append('\n');
        }
        return out.toString();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static void stopQuietly(ServerProcess process) {
        if (process != null) {
            try {
                process.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void progress(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
