package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.HandshakeGenerator;
import io.coaps4j.bench.loadgen.HandshakeResult;
import io.coaps4j.bench.process.ServerProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Full handshakes per second (PSK or RawPublicKey, as the group's servers speak): for each running server in turn, a few handshaker threads open new
 * connections back to back (new source port, cookie exchange, handshake, one GET, close_notify) through a
 * warm-up and a measured window; the server's CPU over the window divided by the connections completed in
 * it is its CPU per handshake. This is repeated for several rounds, the servers taking turns in each round so
 * that a noisy spell of the shared machine falls on all of them, and each server's median round (by CPU per
 * handshake) is reported.
 */
final class HandshakeSuite {
    /** Time one new connection gets for its handshake, retransmissions included. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    private HandshakeSuite() {
    }

    /** Each server's median round, and a line listing every round's CPU per handshake. */
    record Outcome(List<HandshakeMeasurement> medians, String rounds) {
    }

    static Outcome run(RunContext context, ServerGroup group, Suite suite) throws InterruptedException {
        BenchOptions options = context.options;
        Map<String, List<HandshakeMeasurement>> byServer = new LinkedHashMap<>();
        for (int round = 1; round <= options.handshakeRounds(); round++) {
            for (String name : group.running()) {
                HandshakeMeasurement m = measure(context, group, suite, name, round);
                if (m != null) {
                    byServer.computeIfAbsent(name, n -> new ArrayList<>()).add(m);
                }
            }
        }
        List<HandshakeMeasurement> medians = new ArrayList<>();
        StringBuilder rounds = new StringBuilder("Server CPU µs per handshake in each round:");
        byServer.forEach((name, measured) -> {
            medians.add(median(measured));
            rounds.append(' ').append(name).append(' ').append(measured.stream()
                    .map(HandshakeSuite::roundCpu)
                    .collect(Collectors.joining("/"))).append(';');
        });
        rounds.setLength(rounds.length() - 1);
        return new Outcome(medians, rounds.append('.').toString());
    }

    /** One round's CPU per handshake as the rounds line shows it, with its failures if any. */
    static String roundCpu(HandshakeMeasurement m) {
        long failed = m.result().failed();
        if (m.result().completed() == 0) {
            return "none completed (" + failed + " failed)";
        }
        String cpu = String.format(Locale.ROOT, "%.0f", m.serverCpuMicrosPerHandshake());
        return failed == 0 ? cpu : cpu + " (" + failed + " failed)";
    }

    /**
     * The round whose CPU per handshake is the median (the lower middle one for an even count), among the
     * rounds in which no connection failed if there are any: a failed connection costs the server CPU
     * without counting, so such a round overstates its CPU per handshake.
     */
    static HandshakeMeasurement median(List<HandshakeMeasurement> rounds) {
        List<HandshakeMeasurement> clean = rounds.stream().filter(m -> m.result().failed() == 0).toList();
        List<HandshakeMeasurement> sorted = new ArrayList<>(clean.isEmpty() ? rounds : clean);
        sorted.sort(Comparator.comparingDouble(HandshakeMeasurement::serverCpuMicrosPerHandshake));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static HandshakeMeasurement measure(RunContext context, ServerGroup group, Suite suite, String name, int round)
            throws InterruptedException {
        BenchOptions options = context.options;
        ServerProcess process = group.process(name);
        CpuWindow window = context.cpuWindow(process.pid());
        try {
            HandshakeResult result = HandshakeGenerator.run(process.address(),
                    group.catalog().clientConfig(process.address()), options.handshakers(), options.warmup(),
                    options.measure(), HANDSHAKE_TIMEOUT, window, suite == Suite.RESUMED_HANDSHAKES);
            if (!process.isAlive()) {
                throw new IOException(name + " died during the run; see " + options.logDir());
            }
            HandshakeMeasurement m = new HandshakeMeasurement(name, result, window.serverNanos(),
                    window.generatorNanos(), window.machineBusyNanos());
            RunContext.progress("%s: round %d, %d handshakers: %.0f handshakes/s, p50 %.2f ms, server %.0f µs CPU/handshake, %d failed %s",
                    name, round, result.handshakers(), result.completedPerSecond(), result.p50Nanos() / 1e6,
                    m.serverCpuMicrosPerHandshake(), result.failed(), result.failuresByReason());
            return m;
        } catch (IOException | RuntimeException e) {
            context.fail(suite, name, e.getMessage());
            group.drop(name);
            return null;
        }
    }
}
