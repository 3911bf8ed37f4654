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

    /** One row per server of the full-handshake run. */
    static String handshakes(List<HandshakeMeasurement> measurements) {
        StringBuilder out = new StringBuilder();
        out.append("| server | handshakers | handshakes/s | p50 ms | p99 ms | server CPU µs/handshake | server cores | generator CPU µs/handshake | other load (cores) | failed |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (HandshakeMeasurement m : measurements) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.0f | %.2f | %.0f | %.2f | %d |%n",
                    m.server(), m.result().handshakers(), m.result().completedPerSecond(), m.result().p50Nanos() / 1e6,
                    m.result().p99Nanos() / 1e6, m.serverCpuMicrosPerHandshake(), m.serverCores(),
                    m.generatorCpuMicrosPerHandshake(), m.otherCores(), m.result().failed()));
        }
        for (HandshakeMeasurement m : measurements) {
            if (!m.result().failuresByReason().isEmpty()) {
                out.append(String.format(Locale.ROOT, "%nFailed connections of %s: %s%n", m.server(),
                        m.result().failuresByReason().entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                                .collect(java.util.stream.Collectors.joining(", "))));
            }
        }
        return out.toString();
    }

    /** Handshake rate and server CPU per handshake of {@code subject} against each other server. */
    static String handshakeRatios(String subject, List<HandshakeMeasurement> measurements) {
        Optional<HandshakeMeasurement> mine = measurements.stream().filter(m -> m.server().equals(subject)).findFirst();
        if (mine.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("| comparison | handshakes/s ratio | server CPU/handshake ratio |\n");
        out.append("|---|---:|---:|\n");
        for (HandshakeMeasurement theirs : measurements) {
            if (theirs.server().equals(subject)) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s vs %s | %.2f | %.2f |%n", subject, theirs.server(),
                    mine.get().result().completedPerSecond() / theirs.result().completedPerSecond(),
                    mine.get().serverCpuMicrosPerHandshake() / theirs.serverCpuMicrosPerHandshake()));
        }
        return out.toString();
    }

    /** One row per server of the idle-session run. */
    static String sessions(List<SessionMeasurement> measurements) {
        StringBuilder out = new StringBuilder();
        out.append("| server | idle sessions | failed | opened per s | heap before MB | heap idle MB | heap bytes/idle session | heap bytes/session right after its request | RSS before MB | RSS after MB | RSS bytes/session | still answering |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SessionMeasurement m : measurements) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %s | %s | %s | %s | %s | %s | %.0f | %d/%d |%n",
                    m.server(), m.opened(), m.failed(), m.sessionsOpenedPerSecond(), megabytes(m.heapBefore()),
                    megabytes(m.heapIdle()),
                    m.hasHeap() ? String.format(Locale.ROOT, "%.0f", m.heapBytesPerSession()) : "n/a (native)",
                    m.hasHeap() ? String.format(Locale.ROOT, "%.0f", m.freshHeapBytesPerSession()) : "n/a (native)",
                    megabytes(m.residentBefore()), megabytes(m.residentAfter()), m.residentBytesPerSession(),
                    m.answered(), m.asked()));
        }
        return out.toString();
    }

    /** Heap per idle session of {@code subject} against the other servers that report a heap. */
    static String sessionRatios(String subject, List<SessionMeasurement> measurements) {
        Optional<SessionMeasurement> mine = measurements.stream().filter(m -> m.server().equals(subject)).findFirst();
        if (mine.isEmpty() || !mine.get().hasHeap()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("| comparison | heap bytes/session ratio | RSS bytes/session ratio |\n");
        out.append("|---|---:|---:|\n");
        for (SessionMeasurement theirs : measurements) {
            if (theirs.server().equals(subject)) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s vs %s | %s | %.2f |%n", subject, theirs.server(),
                    theirs.hasHeap() ? String.format(Locale.ROOT, "%.2f", mine.get().heapBytesPerSession() / theirs.heapBytesPerSession())
                            : "n/a (native)",
                    mine.get().residentBytesPerSession() / theirs.residentBytesPerSession()));
        }
        return out.toString();
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    private static Optional<Measurement> find(List<Measurement> measurements, String server, int clients) {
        return measurements.stream().filter(m -> m.server().equals(server) && m.load().clients() == clients).findFirst();
    }

    private static String micros(long nanos) {
        double micros = nanos / 1e3;
        return micros >= 100 ? String.format(Locale.ROOT, "%.0f", micros) : String.format(Locale.ROOT, "%.1f", micros);
    }
}
