package io.coaps4j.attack;

import de.rub.nds.tlsattacker.core.protocol.ProtocolMessage;
import de.rub.nds.tlsattacker.core.protocol.message.AlertMessage;
import de.rub.nds.tlsattacker.core.record.Record;
import de.rub.nds.tlsattacker.core.state.State;
import de.rub.nds.tlsattacker.core.workflow.WorkflowTrace;
import de.rub.nds.tlsattacker.core.workflow.action.ReceivingAction;
import de.rub.nds.tlsattacker.core.workflow.action.TlsAction;

import java.util.List;
import java.util.Objects;

/** What one run of TLS-Attacker against our server saw, from the client port it ran from. */
final class Outcome {
    private final State state;
    private final int clientPort;

    Outcome(State state, int clientPort) {
        this.state = state;
        this.clientPort = clientPort;
    }

    int clientPort() {
        return clientPort;
    }

    WorkflowTrace trace() {
        return state.getWorkflowTrace();
    }

    /** Every action ran and received what it expected. */
    boolean asPlanned() {
        return trace().executedAsPlanned();
    }

    /** The messages the server sent, in order, over all receiving actions. */
    List<ProtocolMessage> received() {
        return receivingActions().flatMap(a -> Objects.requireNonNullElse(a.getReceivedMessages(),
                List.<ProtocolMessage>of()).stream()).toList();
    }

    /** The messages the last action received (a {@link Flights#whateverComes()} at the end of an attack). */
    List<ProtocolMessage> receivedLast() {
        TlsAction last = trace().getLastAction();
        if (last instanceof ReceivingAction receiving && receiving.getReceivedMessages() != null) {
            return receiving.getReceivedMessages();
        }
        return List.of();
    }

    /** The records the last action received, also those TLS-Attacker could not make sense of. */
    List<Record> recordsReceivedLast() {
        TlsAction last = trace().getLastAction();
        if (last instanceof ReceivingAction receiving && receiving.getReceivedRecords() != null) {
            return receiving.getReceivedRecords();
        }
        return List.of();
    }

    /** The descriptions (RFC 5246 section 7.2 codes) of the alerts received, in order. */
    List<Integer> alerts() {
        return received().stream().filter(AlertMessage.class::isInstance).map(AlertMessage.class::cast)
                .map(alert -> alert.getDescription().getValue() & 0xFF).toList();
    }

    private java.util.stream.Stream<ReceivingAction> receivingActions() {
        return trace().getTlsActions().stream().filter(ReceivingAction.class::isInstance)
                .map(ReceivingAction.class::cast);
    }

    @Override
    public String toString() {
        return "run from port " + clientPort + ":\n" + trace();
    }
}
