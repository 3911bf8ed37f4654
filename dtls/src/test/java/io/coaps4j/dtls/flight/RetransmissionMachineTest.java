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

    @Test
    void timerDoublesFromOneSecondUpToSixtyAndThenGivesUp() {
        RetransmissionMachine machine = RetransmissionMachine.forClient(new RetransmissionPolicy(1_000, 60_000, 8, 0));
        assertThat(machine.state()).isEqualTo(RetransmissionMachine.State.PREPARING);
        machine.send(FLIGHT, 0);
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
        assertThat(retransmittedAt).containsExactly(1_000L, 3_000L, 7_000L, 15_000L, 31_000L, 63_000L, 123_000L, 183_000L);
        assertThat(now).isEqualTo(243_000L);
        assertThat(machine.deadline()).isEqualTo(RetransmissionMachine.NO_DEADLINE);
    }

    @Test
    void serverStartsWaitingWithoutATimer() {
        RetransmissionMachine machine = RetransmissionMachine.forServer(RetransmissionPolicy.DEFAULT);
        assertThat(machine.state()).isEqualTo(RetransmissionMachine.State.WAITING);
        assertThat(machine.deadline()).isEqualTo(RetransmissionMachine.NO_DEADLINE);
        assertThat(machine.onTimer(1_000_000)).isEqualTo(RetransmissionMachine.Expiry.NOTHING);
        assertThat(machine.onPeerRetransmission(0)).isFalse();
    }

    @Test
    void timerValueIsKeptAfterLossAndResetAfterALosslessFlight() {
        RetransmissionMachine machine = RetransmissionMachine.forClient(RetransmissionPolicy.DEFAULT);
        machine.send(FLIGHT, 0);
        machine.onTimer(1_000);
        machine.peerFlightReceived();
        assertThat(machine.state()).isEqualTo(RetransmissionMachine.State.PREPARING);
        machine.send(FLIGHT, 1_500);
        assertThat(machine.deadline()).as("backed-off value kept").isEqualTo(3_500);
        machine.peerFlightReceived();
        machine.send(FLIGHT, 2_000);
        assertThat(machine.deadline()).as("reset after a lossless flight").isEqualTo(3_000);
    }

    @Test
    void peerRetransmissionResendsOncePerBurstAndCountsAgainstTheLimit() {
        RetransmissionMachine machine = RetransmissionMachine.forClient(new RetransmissionPolicy(1_000, 60_000, 2, 0));
        machine.send(FLIGHT, 0);
        assertThat(machine.onPeerRetransmission(100)).as("too soon after sending").isFalse();
        assertThat(machine.onPeerRetransmission(600)).isTrue();
        assertThat(machine.deadline()).as("timer restarted").isEqualTo(1_600);
        assertThat(machine.onPeerRetransmission(700)).as("same burst").isFalse();
        assertThat(machine.onPeerRetransmission(1_200)).isTrue();
        assertThat(machine.onPeerRetransmission(1_800)).as("limit reached").isFalse();
        assertThat(machine.onTimer(2_200)).isEqualTo(RetransmissionMachine.Expiry.GIVE_UP);
    }

    @Test
    void lastFlightIsKeptToAnswerRetransmissionsUntilReleased() {
        RetransmissionMachine machine = RetransmissionMachine.forServer(new RetransmissionPolicy(1_000, 60_000, 2, 240_000));
        machine.send(LAST, 0);
        assertThat(machine.state()).isEqualTo(RetransmissionMachine.State.FINISHED);
        assertThat(machine.onPeerRetransmission(1_000)).isTrue();
        assertThat(machine.onPeerRetransmission(2_000)).isTrue();
        assertThat(machine.onPeerRetransmission(3_000)).as("no limit in FINISHED").isTrue();
        assertThat(machine.deadline()).isEqualTo(240_000);
        assertThat(machine.onTimer(240_000)).isEqualTo(RetransmissionMachine.Expiry.RELEASED);
        assertThat(machine.flight()).isEmpty();
        assertThat(machine.onPeerRetransmission(250_000)).isFalse();
        assertThatThrownBy(() -> machine.send(FLIGHT, 300_000)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void policyIsValidated() {
        assertThatThrownBy(() -> new RetransmissionPolicy(0, 60_000, 3, 0)).hasMessageContaining("initialTimeoutMillis");
        assertThatThrownBy(() -> new RetransmissionPolicy(1_000, 500, 3, 0)).hasMessageContaining("maxTimeoutMillis");
        assertThatThrownBy(() -> new RetransmissionPolicy(1_000, 60_000, -1, 0)).hasMessageContaining("maxRetransmissions");
    }
}
