package io.coaps4j.bench.run;

import io.coaps4j.bench.BenchRpk;
import io.coaps4j.bench.process.ClockTicks;
import io.coaps4j.bench.process.LoadAverage;
import io.coaps4j.bench.process.MachineCpu;
import io.coaps4j.bench.process.ProcessCpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side benchmark: each server in a fresh process of its own, loaded by the same generator.
 * The suites run in order, each on servers started afresh for it: NoSec throughput, then for PSK and for
 * RawPublicKey (client authentication needed) request throughput, full handshakes per second and heap per idle
 * session.
 * Prints a Markdown report with the results and the ratios of the first server against the others.
 */
public final class SideBySide {
    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = ServerCatalog.allNames();
        BenchOptions options;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                System.out.println(String.format(BenchArguments.USAGE, names));
                return;
            }
            options = BenchArguments.parse(args, names);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(String.format(BenchArguments.USAGE, names));
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    private static boolean run(BenchOptions options) throws IOException, InterruptedException {
        long ticksPerSecond = ClockTicks.perSecond();
        RunContext context = new RunContext(options, ticksPerSecond,
                ProcessCpu.of(ProcessHandle.current().pid(), ticksPerSecond), MachineCpu.of(ticksPerSecond));
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadBefore = LoadAverage.now();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT,
                "Run %s on %d CPUs (load average before: %s), JDK %s, CLK_TCK %d; suites %s; %s s warm-up + %s s measured per point, "
                        + "%s, resend after %d ms; server JVM options: %s%n",
                started, Runtime.getRuntime().availableProcessors(), loadBefore, System.getProperty("java.version"),
                ticksPerSecond, String.join(",", options.suites().stream().map(Suite::label).toList()),
                options.warmup().toMillis() / 1e3, options.measure().toMillis() / 1e3, options.generator().describe(options.generatorThreads()),
                options.resendTimeout().toMillis(), String.join(" ", options.serverJvmOptions())));

        if (options.suites().contains(Suite.NOSEC)) {
            runNoSec(context, report);
        }
        for (DtlsMode mode : DtlsMode.values()) {
            if (mode.anyOf(options.suites())) {
                runDtls(context, report, mode);
            }
        }
        if (options.suites().contains(Suite.OBSERVE) || options.suites().contains(Suite.BLOCK2)) {
            ObserveSection.run(context, report);
        }
        if (!context.charts.isEmpty()) {
            report.append("\n### Charts\n\n");
            context.charts.forEach(chart -> report.append(chart.render()).append('\n'));
        }
        for (Map.Entry<String, String> failure : context.failures.entrySet()) {
            report.append("\nNOT MEASURED: ").append(failure.getKey()).append(": ").append(failure.getValue()).append('\n');
        }

        System.out.println();
        System.out.print(report);
        if (options.output() != null) {
            Path parent = options.output().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(options.output(), report, StandardCharsets.UTF_8);
            RunContext.progress("report written to %s", options.output());
        }
        if (options.docs() != null) {
            if (options.fullLength()) {
                DocsSection.LATEST.write(options.docs(), report.toString());
                RunContext.progress("latest results written to %s", options.docs());
            } else {
                RunContext.progress("%s not updated: its table needs the default windows (3 s warm-up, 10 s measured)",
                        options.docs());
            }
        }
        return context.failures.isEmpty();
    }

    private static void runNoSec(RunContext context, StringBuilder report) throws InterruptedException {
        ServerCatalog catalog = ServerCatalog.noSec();
        List<String> names = catalog.select(context.options.servers());
        if (names.isEmpty()) {
            return;
        }
        report.append("\n### NoSec: CoAP over UDP\n\n");
        describe(report, catalog, names);
        try (ServerGroup group = ServerGroup.start(context, catalog, names, Suite.NOSEC)) {
            List<Measurement> measurements = ThroughputSuite.run(context, group, Suite.NOSEC);
            appendThroughput(report, names, context.options.clientCounts(), measurements);
            chartThroughput(context, "NoSec", measurements);
        }
    }

    private static void runDtls(RunContext context, StringBuilder report, DtlsMode mode)
            throws IOException, InterruptedException {
        BenchOptions options = context.options;
        BenchRpk keys = null;
        Path keyDir = null;
        if (mode == DtlsMode.RPK) {
            // Generated and written before anything is timed; the servers read them at start.
            keys = BenchRpk.generate();
            keyDir = keys.writeTo(options.logDir().resolve("rpk-keys"));
        }
        ServerCatalog catalog = mode == DtlsMode.PSK ? ServerCatalog.psk() : ServerCatalog.rpk(keys, keyDir, null);
        report.append("\n### ").append(mode.heading()).append("\n\n");
        List<String> names = withoutMissingBaseline(options, catalog, catalog.select(options.servers()), report);
        if (names.isEmpty()) {
            return;
        }
        String label = mode.shortName();
        String subject = names.get(0);
        List<Measurement> throughput = List.of();
        List<HandshakeMeasurement> handshakes = List.of();
        List<SessionMeasurement> sessions = List.of();
        List<Suite> suites = options.suites();
        if (suites.contains(mode.throughput()) || suites.contains(mode.handshakes())) {
            describe(report, catalog, names);
        }
        if (suites.contains(mode.throughput())) {
            try (ServerGroup group = ServerGroup.start(context, catalog, names, mode.throughput())) {
                throughput = ThroughputSuite.run(context, group, mode.throughput());
                report.append("\n#### ").append(label).append(" request throughput\n\n");
                appendThroughput(report, names, options.clientCounts(), throughput);
                chartThroughput(context, "DTLS " + label, throughput);
            }
        }
        if (suites.contains(mode.handshakes())) {
            // Fresh processes, as for every suite: what a server carried before (e.g. the throughput suite's
            // deduplication state) changes what a handshake costs it.
            try (ServerGroup group = ServerGroup.start(context, catalog, names, mode.handshakes())) {
                HandshakeSuite.Outcome outcome = HandshakeSuite.run(context, group, mode.handshakes());
                handshakes = outcome.medians();
                report.append(String.format(Locale.ROOT, "%n#### Full %s handshakes (%d handshakers, each connection: new source port,"
                        + " cookie exchange, handshake, one CON GET, close_notify; fresh servers, median of %d rounds)%n%n",
                        label, options.handshakers(), options.handshakeRounds()));
                report.append(ResultTable.handshakes(handshakes)).append('\n').append(outcome.rounds()).append('\n');
                BarChart cost = new BarChart("Server CPU per full " + label + " handshake (median round)", "µs per handshake");
                handshakes.forEach(m -> cost.bar(m.server(), m.serverCpuMicrosPerHandshake()));
                context.charts.add(cost);
                String ratios = ResultTable.handshakeRatios(subject, handshakes);
                if (!ratios.isEmpty()) {
                    report.append('\n').append(ratios);
                }
            }
        }
        if (mode == DtlsMode.PSK && suites.contains(Suite.RESUMED_HANDSHAKES)) {
            try (ServerGroup group = ServerGroup.start(context, catalog, names, Suite.RESUMED_HANDSHAKES)) {
                List<HandshakeMeasurement> resumed = HandshakeSuite.run(context, group, Suite.RESUMED_HANDSHAKES).medians();
                report.append(String.format(Locale.ROOT, "%n#### Resumed %s handshakes (%d handshakers, each connection:"
                        + " new source port, cookie exchange, abbreviated handshake offering the session of the"
                        + " handshaker's first full handshake, one CON GET, close_notify; a connection not resumed"
                        + " counts as failed; fresh servers, median of %d rounds)%n%n",
                        label, options.handshakers(), options.handshakeRounds()));
                report.append(ResultTable.handshakes(resumed)).append('\n');
                BarChart cost = new BarChart("Server CPU per resumed " + label + " handshake (median round)",
                        "µs per handshake");
                resumed.forEach(m -> cost.bar(m.server(), m.serverCpuMicrosPerHandshake()));
                context.charts.add(cost);
                String ratios = ResultTable.handshakeRatios(subject, resumed);
                if (!ratios.isEmpty()) {
                    report.append('\n').append(ratios);
                }
                report.append('\n').append(ResumedTargets.render(subject, ServerCatalog.CALIFORNIUM, handshakes, resumed));
            }
        }
        if (suites.contains(mode.sessions())) {
            ServerCatalog idle = mode == DtlsMode.PSK ? SessionSuite.catalog()
                    : ServerCatalog.rpk(keys, keyDir, SessionSuite.EXCHANGE_LIFETIME);
            List<String> idleNames = withoutMissingBaseline(options, idle, idle.select(options.servers()), new StringBuilder());
            try (ServerGroup group = ServerGroup.start(context, idle, idleNames, mode.sessions())) {
                sessions = SessionSuite.run(context, group, subject, mode.sessions());
            }
            report.append(String.format(Locale.ROOT, "%n#### Idle %s sessions (%d per server on fresh processes, each:"
                    + " handshake and one GET from its own port, then idle; heap after full GC; RSS for all)%n%n",
                    label, options.idleSessions()));
            idleNames.forEach(n -> report.append("- ").append(n).append(": ").append(idle.get(n).description()).append('\n'));
            report.append('\n').append(ResultTable.sessions(sessions));
            BarChart heap = new BarChart("Heap per idle " + label + " session", "bytes per session");
            sessions.forEach(m -> heap.bar(m.server(), m.heapBytesPerSession()));
            context.charts.add(heap);
            String ratios = ResultTable.sessionRatios(subject, sessions);
            if (!ratios.isEmpty()) {
                report.append('\n').append(ratios);
            }
            for (SessionMeasurement m : sessions) {
                if (!m.histogram().isEmpty()) {
                    report.append("\n").append(m.server()).append(" with the idle ").append(label)
                            .append(" sessions: top of `jmap -histo:live`\n\n```\n");
                    m.histogram().forEach(line -> report.append(line).append('\n'));
                    report.append("```\n");
                }
            }
        }
        if (subject.equals(ServerCatalog.COAPS4J) && names.contains(ServerCatalog.CALIFORNIUM)) {
            report.append("\n#### ").append(label).append(" targets\n\n").append(mode == DtlsMode.PSK
                    ? Targets.render(subject, ServerCatalog.CALIFORNIUM, throughput, handshakes, sessions)
                    : RpkTargets.render(subject, ServerCatalog.CALIFORNIUM, ServerCatalog.LIBCOAP, throughput, handshakes, sessions));
        }
    }

    /**
     * {@code names} without the baseline server when the baseline build cannot run this mode (a commit from
     * before the mode existed): skipped with a note in {@code report}, not a failure.
     */
    private static List<String> withoutMissingBaseline(BenchOptions options, ServerCatalog catalog, List<String> names,
                                                       StringBuilder report) {
        if (!names.contains(ServerCatalog.COAPS4J_BASELINE)
                || !(catalog.get(ServerCatalog.COAPS4J_BASELINE) instanceof JavaServer baseline)
                || baseline.runsFrom(options)) {
            return names;
        }
        report.append("- ").append(ServerCatalog.COAPS4J_BASELINE).append(": skipped, the baseline build has no ")
                .append(baseline.mainClassName()).append(" (the mode did not exist at that commit)\n");
        RunContext.progress("%s: skipped, the baseline build has no %s", ServerCatalog.COAPS4J_BASELINE, baseline.mainClassName());
        return names.stream().filter(n -> !n.equals(ServerCatalog.COAPS4J_BASELINE)).toList();
    }

    private static void describe(StringBuilder report, ServerCatalog catalog, List<String> names) {
        for (String name : names) {
            report.append("- ").append(name).append(": ").append(catalog.get(name).description()).append('\n');
        }
    }

    private static void appendThroughput(StringBuilder report, List<String> names, List<Integer> clientCounts,
                                         List<Measurement> measurements) {
        report.append('\n').append(ResultTable.results(measurements));
        List<String> ran = names.stream().filter(n -> measurements.stream().anyMatch(m -> m.server().equals(n))).toList();
        if (ran.size() > 1) {
            report.append('\n').append(ResultTable.ratios(ran.get(0), ran.subList(1, ran.size()), clientCounts, measurements));
        }
    }

    /** Requests/s and server CPU per request at the largest client count measured. */
    private static void chartThroughput(RunContext context, String mode, List<Measurement> measurements) {
        int clients = context.options.clientCounts().stream().mapToInt(Integer::intValue).max().orElse(1);
        BarChart rate = new BarChart(mode + " requests/s, " + clients + " clients", "requests/s");
        BarChart cpu = new BarChart(mode + " server CPU per request, " + clients + " clients", "µs per request");
        for (Measurement m : measurements) {
            if (m.load().clients() == clients) {
                rate.bar(m.server(), m.load().requestsPerSecond());
                cpu.bar(m.server(), m.serverCpuMicrosPerRequest());
            }
        }
        context.charts.add(rate);
        context.charts.add(cpu);
    }
}
