package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.HandshakeGenerator;
import io.coaps4j.bench.loadgen.HandshakeResult;
import io.coaps4j.bench.process.ServerProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Full PSK handshakes per second: for each running server in turn, a few handshaker threads open new
 * connections back to back (new source port, cookie exchange, handshake, one GET, close_notify) through a
 * warm-up and a measured window; the server's CPU over the window divided by the connections completed in
 * it is its CPU per handshake.
 */
final class HandshakeSuite {
    /** Time one new connection gets for its handshake, retransmissions included. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    private HandshakeSuite() {
    }

    static List<HandshakeMeasurement> run(RunContext context, ServerGroup group) throws InterruptedException {
        BenchOptions options = context.options;
        List<HandshakeMeasurement> measurements = new ArrayList<>();
        for (String name : group.running()) {
            ServerProcess process = group.process(name);
            CpuWindow window = context.cpuWindow(process.pid());
            try {
                HandshakeResult result = HandshakeGenerator.run(process.address(),
                        ServerCatalog.clientConfig(process.address()), options.handshakers(), options.warmup(),
                        options.measure(), HANDSHAKE_TIMEOUT, window);
                if (!process.isAlive()) {
                    throw new IOException(name + " died during the run; see " + options.logDir());
                }
                HandshakeMeasurement m = new HandshakeMeasurement(name, result, window.serverNanos(),
                        window.generatorNanos(), window.machineBusyNanos());
                measurements.add(m);
                RunContext.progress("%s: %d handshakers: %.0f handshakes/s, p50 %.2f ms, server %.0f µs CPU/handshake, %d failed %s",
                        name, result.handshakers(), result.completedPerSecond(), result.p50Nanos() / 1e6,
                        m.serverCpuMicrosPerHandshake(), result.failed(), result.failuresByReason());
            } catch (IOException | RuntimeException e) {
                context.fail(Suite.HANDSHAKES, name, e.getMessage());
                group.drop(name);
            }
        }
        return measurements;
    }
}
