package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.ObserverFleet;
import io.coaps4j.bench.process.ServerProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Notifications per second from one observable resource to N observers, each over a PSK session of its own
 * (RFC 7641 over DTLS), on fresh server processes: for each server in turn, N sessions are opened (handshake
 * and one GET each), the heap read after full collections once their exchanges expired, then every session
 * registers as an observer of /obs; warm-up rounds, then measured rounds for the measured window (at least
 * {@value #MIN_ROUNDS}): in each, one POST changes /obs and the round ends when every observer heard the new
 * count (or after {@link #ROUND_TIMEOUT}). The server's CPU over the measured rounds is divided by the
 * notifications sent; the heap is read again once the registrations' exchanges expired: the difference per
 * observer is what an observer costs on top of its session.
 */
final class ObserveSuite {
    static final Duration EXCHANGE_LIFETIME = Duration.ofSeconds(10);
    private static final Duration EXPIRY_SLACK = Duration.ofSeconds(3);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HEAP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(10);
    private static final int WARMUP_ROUNDS = 3;
    private static final int MIN_ROUNDS = 3;

    private ObserveSuite() {
    }

    static List<ObserveMeasurement> run(RunContext context, ServerGroup group, int observers) throws InterruptedException {
        List<ObserveMeasurement> measurements = new ArrayList<>();
        for (String name : group.running()) {
            ServerProcess process = group.process(name);
            RunContext.progress("%s: opening %d observer sessions", name, observers);
            try (ObserverFleet fleet = ObserverFleet.open(process.address(), group.catalog().clientConfig(process.address()),
                    observers, HANDSHAKE_TIMEOUT)) {
                boolean java = process.reportsHeap();
                long heapBefore = java ? heapOnceExpired(process) : -1;
                int registered = fleet.register(Duration.ofSeconds(30));
                long count = 0;
                for (int i = 0; i < WARMUP_ROUNDS; i++) {
                    fleet.round(++count, ROUND_TIMEOUT);
                }
                CpuWindow cpu = context.cpuWindow(process.pid());
                cpu.beforeWindow();
                long start = System.nanoTime();
                long end = start + context.options.measure().toNanos();
                long delivered = 0;
                int rounds = 0;
                while (rounds < MIN_ROUNDS || System.nanoTime() < end) {
                    delivered += fleet.round(++count, ROUND_TIMEOUT);
                    rounds++;
                }
                long elapsed = System.nanoTime() - start;
                cpu.afterWindow();
                double heapPerObserver = java && registered > 0
                        ? (double) (heapOnceExpired(process) - heapBefore) / registered : -1;
                ObserveMeasurement m = new ObserveMeasurement(name, observers, registered, fleet.failedSessions(), rounds,
                        delivered, elapsed, cpu.serverNanos(), heapPerObserver);
                measurements.add(m);
                RunContext.progress("%s: %d observers (%d sessions failed): %.0f notifications/s, %.2f µs server CPU per"
                                + " notification, %.1f%% heard, %.0f B heap per observer",
                        name, registered, m.failedSessions(), m.notificationsPerSecond(),
                        m.serverCpuMicrosPerNotification(), 100 * m.deliveredShare(), heapPerObserver);
                if (!process.isAlive()) {
                    throw new IOException(name + " died during the run; see " + context.options.logDir());
                }
            } catch (IOException | RuntimeException e) {
                context.fail(Suite.OBSERVE, name, e.getMessage());
                group.drop(name);
            }
        }
        return measurements;
    }

    /** The heap after full collections, once the exchanges so far have expired. */
    private static long heapOnceExpired(ServerProcess process) throws IOException, InterruptedException {
        Thread.sleep(EXCHANGE_LIFETIME.plus(EXPIRY_SLACK).toMillis());
        return process.heapAfterFullGc(HEAP_TIMEOUT);
    }
}
