package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.LoadResult;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders the measurements as Markdown: one row per server and client count, then the ratios. */
final class ResultTable {
    private ResultTable() {
    }

    static String results(List<Measurement> measurements) {
        StringBuilder out = new StringBuilder();
        out.append("| server | clients | req/s | p50 µs | p99 µs | server CPU µs/req | server cores | generator CPU µs/req | other load (cores) | server RSS MB | retransmitted | failed |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : measurements) {
            LoadResult r = m.load();
            out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %s | %s | %.1f | %.2f | %.1f | %.2f | %d | %d | %d |%n",
                    m.server(), r.clients(), r.requestsPerSecond(), micros(r.p50Nanos()), micros(r.p99Nanos()),
                    m.serverCpuMicrosPerRequest(), m.serverCores(), m.generatorCpuMicrosPerRequest(), m.otherCores(),
                    m.serverResidentBytes() < 0 ? -1 : m.serverResidentBytes() >> 20, r.retransmissions(), r.failures() + r.abandoned()));
        }
        return out.toString();
    }

    /**
     * Ratios of {@code subject} against each other server at each client count: throughput (above 1 means
     * the subject serves more), server CPU per request and median latency (below 1 means the subject is cheaper / faster).
     */
    static String ratios(String subject, List<String> others, List<Integer> clientCounts, List<Measurement> measurements) {
        StringBuilder out = new StringBuilder();
        out.append("| clients | comparison | req/s ratio | server CPU/req ratio | p50 ratio |\n");
        out.append("|---:|---|---:|---:|---:|\n");
        for (int clients : clientCounts) {
            Optional<Measurement> mine = find(measurements, subject, clients);
            if (mine.isEmpty()) {
                continue;
            }
            for (String other : others) {
                Optional<Measurement> theirs = find(measurements, other, clients);
                if (theirs.isEmpty()) {
                    continue;
                }
                Measurement a = mine.get();
                Measurement b = theirs.get();
                out.append(String.format(Locale.ROOT, "| %d | %s vs %s | %.2f | %.2f | %.2f |%n", clients, subject, other,
                        a.load().requestsPerSecond() / b.load().requestsPerSecond(),
                        a.serverCpuMicrosPerRequest() / b.serverCpuMicrosPerRequest(),
                        (double) a.load().p50Nanos() / b.load().p50Nanos()));
            }
        }
        return out.toString();
    }

    private static Optional<Measurement> find(List<Measurement> measurements, String server, int clients) {
        return measurements.stream().filter(m -> m.server().equals(server) && m.load().clients() == clients).findFirst();
    }

    private static String micros(long nanos) {
        double micros = nanos / 1e3;
        return micros >= 100 ? String.format(Locale.ROOT, "%.0f", micros) : String.format(Locale.ROOT, "%.1f", micros);
    }
}
