package io.coaps4j.bench.run;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The observe and block2 suites' part of the report: the servers of {@link ServerCatalog#observe}, fresh for
 * each observer count and for the block2 suite; a table per suite, the ratios of the first server against
 * the others, and the targets when coaps4j and Californium both ran.
 */
final class ObserveSection {
    private ObserveSection() {
    }

    static void run(RunContext context, StringBuilder report) throws InterruptedException {
        BenchOptions options = context.options;
        ServerCatalog catalog = ServerCatalog.observe(ObserveSuite.EXCHANGE_LIFETIME);
        List<String> names = catalog.select(options.servers()).stream()
                .filter(n -> !n.equals(ServerCatalog.COAPS4J_BASELINE) || options.baselineClasspath().isPresent())
                .toList();
        if (names.isEmpty()) {
            return;
        }
        report.append("\n### Observe (RFC 7641) and block-wise (RFC 7959) over DTLS 1.2 PSK\n\n");
        names.forEach(n -> report.append("- ").append(n).append(": ").append(catalog.get(n).description()).append('\n'));
        List<ObserveMeasurement> observe = new java.util.ArrayList<>();
        if (options.suites().contains(Suite.OBSERVE)) {
            for (int count : options.observerCounts()) {
                try (ServerGroup group = ServerGroup.start(context, catalog, names, Suite.OBSERVE)) {
                    observe.addAll(ObserveSuite.run(context, group, count));
                }
            }
            report.append(String.format(Locale.ROOT, "%n#### Notifications to many observers (each its own PSK session;"
                    + " one POST changes /obs, a round ends when every observer heard it; NON notifications; fresh servers"
                    + " per count)%n%n"));
            report.append("| server | observers | registered | rounds | notifications/s | server CPU µs/notification"
                    + " | heard | heap B/observer |\n|---|---|---|---|---|---|---|---|\n");
            for (ObserveMeasurement m : observe) {
                report.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %.2f | %.1f%% | %s |%n", m.server(),
                        m.observers(), m.registered(), m.rounds(), m.notificationsPerSecond(),
                        m.serverCpuMicrosPerNotification(), 100 * m.deliveredShare(),
                        m.heapBytesPerObserver() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", m.heapBytesPerObserver())));
            }
            int most = options.observerCounts().stream().mapToInt(Integer::intValue).max().orElse(0);
            BarChart rate = new BarChart("Notifications/s to " + most + " observers", "notifications/s");
            BarChart cpu = new BarChart("Server CPU per notification, " + most + " observers", "µs per notification");
            observe.stream().filter(m -> m.observers() == most).forEach(m -> {
                rate.bar(m.server(), m.notificationsPerSecond());
                cpu.bar(m.server(), m.serverCpuMicrosPerNotification());
            });
            context.charts.add(rate);
            context.charts.add(cpu);
        }
        List<Block2Measurement> block2 = List.of();
        if (options.suites().contains(Suite.BLOCK2)) {
            try (ServerGroup group = ServerGroup.start(context, catalog, names, Suite.BLOCK2)) {
                block2 = Block2Suite.run(context, group);
            }
            report.append(String.format(Locale.ROOT, "%n#### 1 MB block-wise download (Block2, 1,024-byte blocks, one CON GET"
                    + " per block, one PSK session; %d measured transfers after %d warm-up)%n%n", options.block2Transfers(),
                    Block2Suite.WARMUP_TRANSFERS));
            report.append("| server | transfers | ms per transfer | server CPU ms per transfer |\n|---|---|---|---|\n");
            for (Block2Measurement m : block2) {
                report.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f |%n", m.server(), m.transfers(),
                        m.millisPerTransfer(), m.serverCpuMillisPerTransfer()));
            }
        }
        if (names.contains(ServerCatalog.COAPS4J) && names.contains(ServerCatalog.CALIFORNIUM)) {
            report.append("\n#### Observe and block-wise targets (coaps4j vs Californium, this run)\n\n")
                    .append(targets(options.observerCounts(), observe, block2));
        }
    }

    /** The targets, each with the measured figure and whether it was met. */
    static String targets(List<Integer> counts, List<ObserveMeasurement> observe, List<Block2Measurement> block2) {
        StringBuilder out = new StringBuilder("| target | measured | met |\n|---|---|---|\n");
        int most = counts.stream().mapToInt(Integer::intValue).max().orElse(0);
        Optional<ObserveMeasurement> ours = find(observe, ServerCatalog.COAPS4J, most);
        Optional<ObserveMeasurement> theirs = find(observe, ServerCatalog.CALIFORNIUM, most);
        if (ours.isPresent() && theirs.isPresent() && theirs.get().notificationsPerSecond() > 0
                && theirs.get().serverCpuMicrosPerNotification() > 0) {
            double rate = ours.get().notificationsPerSecond() / theirs.get().notificationsPerSecond();
            double cpu = ours.get().serverCpuMicrosPerNotification() / theirs.get().serverCpuMicrosPerNotification();
            row(out, "notifications/s to " + most + " observers ≥ 2.5× Californium's", String.format(Locale.ROOT, "%.2f×", rate),
                    rate >= 2.5);
            row(out, "server CPU per notification ≤ 0.4× Californium's", String.format(Locale.ROOT, "%.2f×", cpu), cpu <= 0.4);
        }
        if (ours.isPresent() && ours.get().heapBytesPerObserver() >= 0) {
            double heap = ours.get().heapBytesPerObserver();
            row(out, "heap per observer ≤ 200 B on top of the session", String.format(Locale.ROOT, "%.0f B", heap), heap <= 200);
        }
        Optional<Block2Measurement> ourBlock = block2.stream().filter(m -> m.server().equals(ServerCatalog.COAPS4J)).findFirst();
        Optional<Block2Measurement> theirBlock = block2.stream().filter(m -> m.server().equals(ServerCatalog.CALIFORNIUM))
                .findFirst();
        if (ourBlock.isPresent() && theirBlock.isPresent() && theirBlock.get().serverCpuNanos() > 0) {
            double cpu = ourBlock.get().serverCpuMillisPerTransfer() / theirBlock.get().serverCpuMillisPerTransfer();
            row(out, "1 MB Block2 server CPU ≤ 0.5× Californium's", String.format(Locale.ROOT, "%.2f×", cpu), cpu <= 0.5);
        }
        return out.toString();
    }

    private static Optional<ObserveMeasurement> find(List<ObserveMeasurement> observe, String server, int observers) {
        return observe.stream().filter(m -> m.server().equals(server) && m.observers() == observers).findFirst();
    }

    private static void row(StringBuilder out, String target, String measured, boolean met) {
        out.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "yes" : "NO").append(" |\n");
    }
}
