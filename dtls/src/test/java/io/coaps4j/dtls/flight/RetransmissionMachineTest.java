package io.coaps4j.dtls.flight;

import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.SecurityAssociation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetransmissionMachineTest {
    private static final Flight FLIGHT = Flight.of(List.of(
            FlightMessage.handshake(HandshakeType.CLIENT_HELLO, 0, new byte[10], SecurityAssociation.plaintext())));
    private static final Flight LAST = Flight.last(List.of(
            FlightMessage.handshake(HandshakeType.FINISHED, 5, new byte[12], SecurityAssociation.plaintext())));

    /** The engine's time is nanoseconds; the numbers of these tests are milliseconds. */
    private static long ms(long millis) {
        return millis * 1_000_000L;
    }

    @Test
    void timerDoublesFromOneSecondUpToSixtyAndThenGivesUp() {
        RetransmissionMachine machine = RetransmissionMachine.forClient(RetransmissionPolicy.ofMillis(1_000, 60_000, 8, 0));
        assertThat(machine.state()).isEqualTo(RetransmissionMachine.State.PREPARING);
        machine.send(FLIGHT, ms(0));
        assertThat(machine.state()).isEqualTo(RetransmissionMachine.State.WAITING);

        List<Long> retransmittedAt = new ArrayList<>();
        long now = 0;
        while (true) {
            now = machine.deadline();
            assertThat(machine.onTimer(now - 1)).isEqualTo(RetransmissionMachine.Expiry.NOTHING);
            RetransmissionMachine.Expiry expiry = machine.onTimer(now);
            if (expiry == RetransmissionMachine.Expiry.GIVE_UP) {
                break;
            }
            assertThat(expiry).isEqualTo(RetransmissionMachine.Expiry.RETRANSMIT);
            retransmittedAt.add(now);
        }
        assertThat(retransmittedAt).containsExactly(ms(1_000), ms(3_000), ms(7_000), ms(15_000), ms(31_000), ms(63_000), ms(123_000), ms(183_000));
        assertThat(now).isEqualTo(ms(243_000));
        assertThat(machine.deadline()).isEqualTo(RetransmissionMachine.NO_DEADLINE);
    }

    @Test
    void serverStartsWaitingWithoutATimer() {
        RetransmissionMachine machine = RetransmissionMachine.forServer(RetransmissionPolicy.DEFAULT);
        assertThat(machine.state()).isEqualTo(RetransmissionMachine.State.WAITING);
        assertThat(machine.deadline()).isEqualTo(RetransmissionMachine.NO_DEADLINE);
        assertThat(machine.onTimer(ms(1_000_000))).isEqualTo(RetransmissionMachine.Expiry.NOTHING);
        assertThat(machine.onPeerRetransmission(ms(0))).isFalse();
    }

    @Test
    void timerValueIsKeptAfterLossAndResetAfterALosslessFlight() {
        RetransmissionMachine machine = RetransmissionMachine.forClient(RetransmissionPolicy.DEFAULT);
        machine.send(FLIGHT, ms(0));
        machine.onTimer(ms(1_000));
        machine.peerFlightReceived();
        assertThat(machine.state()).isEqualTo(RetransmissionMachine.State.PREPARING);
        machine.send(FLIGHT, ms(1_500));
        assertThat(machine.deadline()).as("backed-off value kept").isEqualTo(ms(3_500));
        machine.peerFlightReceived();
        machine.send(FLIGHT, ms(2_000));
        assertThat(machine.deadline()).as("reset after a lossless flight").isEqualTo(ms(3_000));
    }

    @Test
    void peerRetransmissionResendsOncePerBurstAndCountsAgainstTheLimit() {
        RetransmissionMachine machine = RetransmissionMachine.forClient(RetransmissionPolicy.ofMillis(1_000, 60_000, 2, 0));
        machine.send(FLIGHT, ms(0));
        assertThat(machine.onPeerRetransmission(ms(100))).as("too soon after sending").isFalse();
        assertThat(machine.onPeerRetransmission(ms(600))).isTrue();
        assertThat(machine.deadline()).as("timer restarted").isEqualTo(ms(1_600));
        assertThat(machine.onPeerRetransmission(ms(700))).as("same burst").isFalse();
        assertThat(machine.onPeerRetransmission(ms(1_200))).isTrue();
        assertThat(machine.onPeerRetransmission(ms(1_800))).as("limit reached").isFalse();
        assertThat(machine.onTimer(ms(2_200))).isEqualTo(RetransmissionMachine.Expiry.GIVE_UP);
    }

    @Test
    void lastFlightIsKeptToAnswerRetransmissionsUntilReleased() {
        RetransmissionMachine machine = RetransmissionMachine.forServer(RetransmissionPolicy.ofMillis(1_000, 60_000, 2, 240_000));
        machine.send(LAST, ms(0));
        assertThat(machine.state()).isEqualTo(RetransmissionMachine.State.FINISHED);
        assertThat(machine.onPeerRetransmission(ms(1_000))).isTrue();
        assertThat(machine.onPeerRetransmission(ms(2_000))).isTrue();
        assertThat(machine.onPeerRetransmission(ms(3_000))).as("no limit in FINISHED").isTrue();
        assertThat(machine.deadline()).isEqualTo(ms(240_000));
        assertThat(machine.onTimer(ms(240_000))).isEqualTo(RetransmissionMachine.Expiry.RELEASED);
        assertThat(machine.flight()).isEmpty();
        assertThat(machine.onPeerRetransmission(ms(250_000))).isFalse();
        assertThatThrownBy(() -> machine.send(FLIGHT, ms(300_000))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void policyIsValidated() {
        assertThatThrownBy(() -> RetransmissionPolicy.ofMillis(0, 60_000, 3, 0)).hasMessageContaining("initialTimeout");
        assertThatThrownBy(() -> RetransmissionPolicy.ofMillis(1_000, 500, 3, 0)).hasMessageContaining("maxTimeout");
        assertThatThrownBy(() -> RetransmissionPolicy.ofMillis(1_000, 60_000, -1, 0)).hasMessageContaining("maxRetransmissions");
    }
}
