package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.HandshakeResult;
import io.coaps4j.bench.loadgen.LoadResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The handshake and idle-session tables, their ratios, and the targets judged from them. */
class DtlsTablesTest {
    private static final long SECOND = 1_000_000_000L;

    private static HandshakeMeasurement handshakes(String server, long completed, long serverCpuNanos) {
        return new HandshakeMeasurement(server, new HandshakeResult(4, SECOND, completed, 1, 2_000_000, 9_000_000,
                java.util.Map.of("handshake timed out", 1L)),
                serverCpuNanos, serverCpuNanos, serverCpuNanos * 3);
    }

    private static SessionMeasurement sessions(String server, long before, long fresh, long idle) {
        return new SessionMeasurement(server, 10_000, 0, 5 * SECOND, before, fresh, idle, 100L << 20, (100L << 20) + 30_000_000,
                100, 100, List.of());
    }

    private static Measurement psk(String server, int clients, long successes, long serverCpuNanos) {
        return new Measurement(server, new LoadResult(clients, SECOND, successes, 0, 0, 0, 0, 0, 0, 1000, 2000, 3000),
                serverCpuNanos, 0, serverCpuNanos, 1);
    }

    @Test
    void theMedianRoundIsTheMiddleOneByCpuPerHandshake() {
        HandshakeMeasurement cheap = handshakes("ours", 1_000, 80_000_000L);
        HandshakeMeasurement middle = handshakes("ours", 1_000, 95_000_000L);
        HandshakeMeasurement dear = handshakes("ours", 1_000, 300_000_000L);
        assertThat(HandshakeSuite.median(List.of(dear, cheap, middle))).isSameAs(middle);
        assertThat(HandshakeSuite.median(List.of(dear, cheap))).as("lower middle of two").isSameAs(cheap);
        assertThat(HandshakeSuite.median(List.of(dear))).isSameAs(dear);
    }

    @Test
    void roundsWithFailedConnectionsAreLeftOutOfTheMedianWhenCleanOnesExist() {
        HandshakeMeasurement clean = cleanHandshakes("theirs", 1_000, 200_000_000L);
        HandshakeMeasurement cleanToo = cleanHandshakes("theirs", 1_000, 220_000_000L);
        HandshakeMeasurement failing = handshakes("theirs", 1_000, 300_000_000L); // one connection failed
        assertThat(HandshakeSuite.median(List.of(clean, failing, cleanToo))).isSameAs(clean);
        assertThat(HandshakeSuite.median(List.of(failing))).as("only failing rounds: still reported").isSameAs(failing);
    }

    @Test
    void theRoundsLineShowsFailuresAndRoundsWithNothingCompleted() {
        assertThat(HandshakeSuite.roundCpu(cleanHandshakes("theirs", 1_000, 200_000_000L))).isEqualTo("200");
        assertThat(HandshakeSuite.roundCpu(handshakes("theirs", 1_000, 300_000_000L))).isEqualTo("300 (1 failed)");
        HandshakeMeasurement nothing = new HandshakeMeasurement("theirs", new HandshakeResult(4, SECOND, 0, 7, 0, 0,
                java.util.Map.of("handshake failed", 7L)), 100_000_000L, 0, 0);
        assertThat(HandshakeSuite.roundCpu(nothing)).isEqualTo("none completed (7 failed)");
    }

    private static HandshakeMeasurement cleanHandshakes(String server, long completed, long serverCpuNanos) {
        return new HandshakeMeasurement(server, new HandshakeResult(4, SECOND, completed, 0, 2_000_000, 9_000_000,
                java.util.Map.of()), serverCpuNanos, serverCpuNanos, serverCpuNanos * 3);
    }

    @Test
    void handshakeCpuIsPerCompletedConnection() {
        HandshakeMeasurement m = handshakes("ours", 2_000, 800_000_000L);
        assertThat(m.serverCpuMicrosPerHandshake()).isEqualTo(400.0);
        assertThat(m.otherCores()).isEqualTo(0.8);
        assertThat(ResultTable.handshakes(List.of(m))).contains("| ours | 4 | 2000 | 2.00 | 9.00 | 400 | 0.80 | 400 | 0.80 | 1 |")
                .contains("Failed connections of ours: handshake timed out ×1");
    }

    @Test
    void handshakeRatiosCompareRateAndCpu() {
        String table = ResultTable.handshakeRatios("ours", List.of(handshakes("ours", 2_000, 800_000_000L),
                handshakes("theirs", 500, 800_000_000L)));
        assertThat(table).contains("| ours vs theirs | 4.00 | 0.25 |");
    }

    @Test
    void heapPerSessionIsTheIdleDeltaAndNativeServersShowOnlyResidentMemory() {
        SessionMeasurement ours = sessions("ours", 50_000_000, 70_000_000, 58_000_000);
        assertThat(ours.heapBytesPerSession()).isEqualTo(800.0);
        assertThat(ours.freshHeapBytesPerSession()).isEqualTo(2_000.0);
        assertThat(ours.residentBytesPerSession()).isEqualTo(3_000.0);
        SessionMeasurement nativeServer = sessions("libcoap", -1, -1, -1);
        assertThat(nativeServer.hasHeap()).isFalse();
        String table = ResultTable.sessions(List.of(ours, nativeServer));
        assertThat(table).contains("| ours | 10000 | 0 | 2000 | 47.7 | 55.3 | 800 | 2000 | 100.0 | 128.6 | 3000 | 100/100 |");
        assertThat(table).contains("| libcoap | 10000 | 0 | 2000 | n/a | n/a | n/a (native) | n/a (native) |");
        assertThat(ResultTable.sessionRatios("ours", List.of(ours, nativeServer, sessions("theirs", 0, 0, 16_000_000))))
                .contains("| ours vs theirs | 0.50 | 1.00 |").contains("| ours vs libcoap | n/a (native) | 1.00 |");
    }

    @Test
    void targetsAreJudgedFromTheRunAndTheOneClientCpuIsShownButNotJudged() {
        String targets = Targets.render("ours", "theirs",
                List.of(psk("ours", 1, 10_000, 600_000_000L), psk("ours", 128, 60_000, 900_000_000L),
                        psk("theirs", 128, 20_000, 900_000_000L)),
                List.of(handshakes("ours", 2_000, 400_000_000L), handshakes("theirs", 500, 800_000_000L)),
                List.of(sessions("ours", 50_000_000, 70_000_000, 60_000_000)));
        assertThat(targets).contains("| PSK requests/s at 128 clients ≥ 2.5× theirs | 3.00× (60000 vs 20000 req/s) | yes |");
        assertThat(targets).contains("60.0 µs at 1, 15.0 µs at 128 | yes |");
        assertThat(targets).contains("0.13 (200 vs 1600 µs) | yes |");
        assertThat(targets).contains("| 1000 bytes | NO |");
    }

    @Test
    void targetsWithoutFiguresSayNotMeasured() {
        String targets = Targets.render("ours", "theirs", List.of(), List.of(), List.of());
        assertThat(targets.lines().filter(line -> line.contains("not measured"))).hasSize(4);
    }
}
