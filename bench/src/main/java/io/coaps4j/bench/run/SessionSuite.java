package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.IdleSessions;
import io.coaps4j.bench.process.ServerProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Heap per idle DTLS session (PSK or RawPublicKey, as the group's servers speak), on fresh server processes: for each server in turn, a few warm-up sessions (so
 * that first-use allocations are not charged to the sessions), the heap after full collections, then N
 * sessions from N distinct source ports (handshake and one GET each, then idle, never closed), the heap
 * after full collections right away and again once EXCHANGE_LIFETIME has passed. The Java servers run with
 * that lifetime shortened alike ({@link io.coaps4j.bench.server.ShortExchangeLifetime}) to fast-forward
 * to what an idle session costs after its last request is forgotten. Java servers report their heap over
 * their control channel; for a native server the resident memory is the only figure, and is labelled as
 * such. A sample of the sessions is then asked one more GET to show the server still holds them.
 */
final class SessionSuite {
    /** The shortened EXCHANGE_LIFETIME of the Java servers in this run. */
    static final Duration EXCHANGE_LIFETIME = Duration.ofSeconds(10);
    /** Beyond the lifetime: Californium's 1 s sweep, our expiry timer, scheduling slack. */
    private static final Duration EXPIRY_SLACK = Duration.ofSeconds(3);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HEAP_TIMEOUT = Duration.ofSeconds(60);
    private static final int OPENER_THREADS = 4;
    private static final int LIVENESS_SAMPLE = 100;
    private static final int HISTOGRAM_LINES = 25;

    private SessionSuite() {
    }

    /** The PSK servers this suite runs, fresh. */
    static ServerCatalog catalog() {
        return ServerCatalog.pskIdle(EXCHANGE_LIFETIME);
    }

    static List<SessionMeasurement> run(RunContext context, ServerGroup group, String histogramOf, Suite suite)
            throws InterruptedException {
        BenchOptions options = context.options;
        List<SessionMeasurement> measurements = new ArrayList<>();
        for (String name : group.running()) {
            ServerProcess process = group.process(name);
            int warmupCount = Math.min(200, Math.max(1, options.idleSessions() / 10));
            try (IdleSessions warmup = IdleSessions.open(process.address(), group.catalog().clientConfig(process.address()),
                    warmupCount, OPENER_THREADS, HANDSHAKE_TIMEOUT)) {
                boolean java = process.reportsHeap();
                if (java) {
                    // The warm-up's own request state must be gone before the baseline, as the sessions' will be.
                    Thread.sleep(EXCHANGE_LIFETIME.plus(EXPIRY_SLACK).toMillis());
                }
                long heapBefore = java ? process.heapAfterFullGc(HEAP_TIMEOUT) : -1;
                long residentBefore = process.residentBytes();
                RunContext.progress("%s: opening %d idle sessions", name, options.idleSessions());
                try (IdleSessions sessions = IdleSessions.open(process.address(), group.catalog().clientConfig(process.address()),
                        options.idleSessions(), OPENER_THREADS, HANDSHAKE_TIMEOUT)) {
                    long heapFresh = java ? process.heapAfterFullGc(HEAP_TIMEOUT) : -1;
                    if (java) {
                        Thread.sleep(EXCHANGE_LIFETIME.plus(EXPIRY_SLACK).toMillis());
                    }
                    long heapIdle = java ? process.heapAfterFullGc(HEAP_TIMEOUT) : -1;
                    long residentAfter = process.residentBytes();
                    List<String> histogram = name.equals(histogramOf) && java
                            ? histogram(process, options.logDir()) : List.of();
                    int answered = sessions.stillAnswering(LIVENESS_SAMPLE);
                    SessionMeasurement m = new SessionMeasurement(name, sessions.established(), sessions.failed(),
                            sessions.elapsedNanos(), heapBefore, heapFresh, heapIdle, residentBefore, residentAfter,
                            Math.min(LIVENESS_SAMPLE, sessions.established()), answered, histogram);
                    measurements.add(m);
                    RunContext.progress("%s: %d sessions (%d failed) in %.1f s: heap %.0f B/session idle (%.0f right after),"
                                    + " RSS %.0f B/session, %d/%d still answer",
                            name, m.opened(), m.failed(), m.openNanos() / 1e9, m.heapBytesPerSession(),
                            m.freshHeapBytesPerSession(), m.residentBytesPerSession(), m.answered(), m.asked());
                }
                if (!process.isAlive()) {
                    throw new IOException(name + " died during the run; see " + options.logDir());
                }
            } catch (IOException | RuntimeException e) {
                context.fail(suite, name, e.getMessage());
                group.drop(name);
            }
        }
        return measurements;
    }

    /**
     * The top of {@code jmap -histo:live} of the server (which collects first), written whole to the log
     * directory: where the bytes of the idle sessions are.
     */
    private static List<String> histogram(ServerProcess process, Path logDir) throws IOException, InterruptedException {
        Path jmap = Path.of(System.getProperty("java.home"), "bin", "jmap");
        if (!Files.isExecutable(jmap)) {
            return List.of("(no jmap in " + jmap.getParent() + ")");
        }
        Path out = logDir.resolve(process.name() + "-idle-sessions-histogram.txt");
        Process jmapProcess = new ProcessBuilder(jmap.toString(), "-histo:live", Long.toString(process.pid()))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!jmapProcess.waitFor(60, TimeUnit.SECONDS)) {
            jmapProcess.destroyForcibly();
            return List.of("(jmap did not finish within 60 s)");
        }
        List<String> top = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null && top.size() < HISTOGRAM_LINES + 2) {
                top.add(line);
            }
        }
        return top;
    }
}
