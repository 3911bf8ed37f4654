package io.coaps4j.coaps;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.dtls.engine.DtlsResult;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keep-alive's decisions on virtual time. */
class KeepAliveMonitorTest {
    private static final SecurePeer PEER = SecurePeer.of(Fixtures.session(new InetSocketAddress(Fixtures.LOOPBACK, 5684)));
    private final KeepAliveMonitor monitor = new KeepAliveMonitor(
            KeepAlive.of(Duration.ofSeconds(10), Duration.ofSeconds(2), 2), () -> 0x0102);
    private final List<SessionState> toPing = new ArrayList<>();
    private final List<SessionState> dead = new ArrayList<>();

    private void check(SessionState session, long now) {
        toPing.clear();
        dead.clear();
        monitor.check(session, now, toPing, dead);
    }

    /** The monitor's time is nanoseconds, like the engines'; the numbers here are milliseconds. */
    private static long ms(long millis) {
        return millis * 1_000_000L;
    }

    @Test
    void pingsAnIdleSessionFarFromTheEnginesMessageIds() {
        SessionState session = new SessionState(PEER, 0);
        session.sent(CoapPing.ping(0xFFF0)); // the engine's last CON
        check(session, ms(9_999));
        assertThat(toPing).isEmpty();
        check(session, ms(10_000));
        assertThat(toPing).containsExactly(session);
        assertThat(session.pingMid()).isEqualTo((0xFFF0 + 0x8000) & 0xFFFF);
    }

    @Test
    void retransmitsWithBackOffThenDeclaresThePeerDead() {
        SessionState session = new SessionState(PEER, 0);
        check(session, ms(10_000));
        assertThat(session.pingMid()).as("no CON sent yet: a random ID").isEqualTo(0x0102);
        check(session, ms(11_999));
        assertThat(toPing).isEmpty();
        check(session, ms(12_000));
        assertThat(toPing).as("first retransmission after 2 s").containsExactly(session);
        check(session, ms(15_999));
        assertThat(toPing).isEmpty();
        check(session, ms(16_000));
        assertThat(toPing).as("second after 4 s more").containsExactly(session);
        check(session, ms(23_999));
        assertThat(dead).isEmpty();
        check(session, ms(24_000));
        assertThat(dead).as("no answer 8 s after the last retransmission").containsExactly(session);
    }

    @Test
    void anyRecordOfThePeerAnswersThePingAndOnlyTheMatchingResetIsConsumed() {
        SessionState session = new SessionState(PEER, 0);
        check(session, ms(10_000));
        int mid = session.pingMid();
        assertThat(session.received(new byte[] {0x70, 0, (byte) (mid >> 8), (byte) mid}, ms(10_500)))
                .as("the RST for our ping").isTrue();
        assertThat(session.pingMid()).isEqualTo(-1);
        check(session, ms(12_000));
        assertThat(toPing).as("alive: idle counts again from the answer").isEmpty();

        check(session, ms(20_500));
        assertThat(session.received(new byte[] {0x40, 0x01, 0x12, 0x34}, ms(20_600)))
                .as("a request: proves the peer alive and goes on to the engine").isFalse();
        assertThat(session.pingMid()).isEqualTo(-1);
        assertThat(session.received(new byte[] {0x70, 0, (byte) (mid >> 8), (byte) mid}, ms(20_700)))
                .as("no ping outstanding: an RST is the engine's business").isFalse();
    }

    @Test
    void sweepsOnlyWhileThereAreSessions() {
        assertThat(monitor.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        monitor.sessionAdded(ms(100));
        assertThat(monitor.nextDeadline()).isEqualTo(ms(1_100)); // half the 2 s ACK timeout
        assertThat(monitor.startSweep(ms(1_000), true)).isFalse();
        assertThat(monitor.startSweep(ms(1_100), true)).isTrue();
        assertThat(monitor.nextDeadline()).isEqualTo(ms(2_100));
        assertThat(monitor.startSweep(ms(2_100), false)).isFalse();
        assertThat(monitor.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        KeepAliveMonitor disabled = new KeepAliveMonitor(KeepAlive.disabled(), () -> 0);
        disabled.sessionAdded(0);
        assertThat(disabled.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
    }
}
