package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.HandshakeResult;
import io.coaps4j.bench.loadgen.LoadResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The RawPublicKey targets of issue 8, judged from one run's figures against Californium and libcoap. */
class RpkTargetsTest {
    private static final long SECOND = 1_000_000_000L;

    private static HandshakeMeasurement handshakes(String server, long completed, long serverCpuNanos) {
        return new HandshakeMeasurement(server, new HandshakeResult(4, SECOND, completed, 0, 2_000_000, 9_000_000, Map.of()),
                serverCpuNanos, serverCpuNanos, serverCpuNanos * 3);
    }

    private static Measurement rpk(String server, int clients, long successes) {
        return new Measurement(server, new LoadResult(clients, SECOND, successes, 0, 0, 0, 0, 0, 0, 1000, 2000, 3000),
                SECOND / 2, 0, SECOND, 1);
    }

    private static SessionMeasurement sessions(String server, long idle) {
        return new SessionMeasurement(server, 10_000, 0, 5 * SECOND, 50_000_000, idle, idle, 100L << 20,
                (100L << 20) + 30_000_000, 100, 100, List.of());
    }

    @Test
    void eachTargetIsJudgedAgainstItsReference() {
        String targets = RpkTargets.render("ours", "cf", "libcoap",
                List.of(rpk("ours", 128, 40_000), rpk("cf", 128, 20_000), rpk("libcoap", 128, 45_000)),
                // ours 1000 µs, cf 12,000 µs (1/12: met), libcoap 800 µs (ours more: not met)
                List.of(handshakes("ours", 1_000, 1_000_000_000L), handshakes("cf", 100, 1_200_000_000L),
                        handshakes("libcoap", 1_000, 800_000_000L)),
                List.of(sessions("ours", 58_000_000), sessions("cf", 70_000_000)));
        assertThat(targets).contains("| RPK requests/s at 128 clients ≥ 2.5× cf | 2.00× (40000 vs 20000 req/s) | NO |");
        assertThat(targets).contains("| server CPU per full RPK handshake 1/8 of cf's | 0.08 (1000 vs 12000 µs) | yes |");
        assertThat(targets).contains("| server CPU per full RPK handshake no more than libcoap's | 1.25 (1000 vs 800 µs) | NO |");
        assertThat(targets).contains("| heap per idle RPK session ≤ 900 bytes | 800 bytes (cf: 2000) | yes |");
    }

    @Test
    void targetsWithoutFiguresSayNotMeasured() {
        String targets = RpkTargets.render("ours", "cf", "libcoap", List.of(), List.of(), List.of());
        assertThat(targets.lines().filter(line -> line.contains("not measured"))).hasSize(4);
    }
}
