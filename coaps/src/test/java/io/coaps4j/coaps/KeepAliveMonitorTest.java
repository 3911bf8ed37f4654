package io.coaps4j.coaps;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.dtls.engine.DtlsResult;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The keep-alive's decisions on virtual time; the ping itself is the CoAP engine's. */
class KeepAliveMonitorTest {
    private static final SecurePeer PEER = SecurePeer.of(Fixtures.session(new InetSocketAddress(Fixtures.LOOPBACK, 5684)));
    private final KeepAliveMonitor monitor = new KeepAliveMonitor(
            KeepAlive.of(Duration.ofSeconds(10), Duration.ofSeconds(2), 2), new ConnectorCounters());

    /** The monitor's time is nanoseconds, like the engines'; the numbers here are milliseconds. */
    private static long ms(long millis) {
        return millis * 1_000_000L;
    }

    @Test
    void aSessionSilentForTheIdleTimeIsDueOnePingAtATime() {
        SessionState session = new SessionState(PEER, 0);
        assertThat(monitor.pingDue(session, ms(9_999))).isFalse();
        assertThat(monitor.pingDue(session, ms(10_000))).isTrue();
        session.pingSent(ms(10_000));
        assertThat(monitor.pingDue(session, ms(30_000))).as("the engine's ping is still out").isFalse();
        session.received(ms(10_050)); // the RST: it reaches the engine, which answers the ping
        assertThat(session.pinged(true)).isFalse();
        assertThat(monitor.pingDue(session, ms(20_049))).as("idle counts again from the answer").isFalse();
        assertThat(monitor.pingDue(session, ms(20_050))).isTrue();
    }

    @Test
    void thePeerIsDeadOnlyWhenItWasSilentThroughTheWholePing() {
        SessionState silent = new SessionState(PEER, 0);
        silent.pingSent(ms(10_000));
        assertThat(silent.pinged(false)).isTrue();
        assertThat(silent.isDead()).isTrue();
        assertThat(monitor.pingDue(silent, ms(50_000))).as("closed, not pinged again").isFalse();

        SessionState talking = new SessionState(PEER, 0);
        talking.pingSent(ms(10_000));
        talking.received(ms(12_000)); // a request of the peer, though the ping's RST was lost
        assertThat(talking.pinged(false)).as("any record proves the peer alive").isFalse();
        assertThat(talking.isDead()).isFalse();
        assertThat(talking.pinging()).isFalse();
    }

    @Test
    void sweepsOnlyWhileThereAreSessionsAndAtOnceForADeadPeer() {
        assertThat(monitor.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        monitor.sessionAdded(ms(100));
        assertThat(monitor.nextDeadline()).isEqualTo(ms(5_100)); // half the 10 s idle time
        assertThat(monitor.startSweep(ms(5_000), true)).isFalse();
        assertThat(monitor.startSweep(ms(5_100), true)).isTrue();
        assertThat(monitor.nextDeadline()).isEqualTo(ms(10_100));
        monitor.deadPeerFound();
        assertThat(monitor.startSweep(ms(6_000), true)).as("a dead peer's session is closed without waiting").isTrue();
        assertThat(monitor.startSweep(ms(11_100), false)).isFalse();
        assertThat(monitor.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        KeepAliveMonitor disabled = new KeepAliveMonitor(KeepAlive.disabled(), new ConnectorCounters());
        disabled.sessionAdded(0);
        assertThat(disabled.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
        assertThat(disabled.pingDue(new SessionState(PEER, 0), ms(1_000_000))).isFalse();
    }
}
