package io.coaps4j.attack;

import de.rub.nds.tlsattacker.core.config.Config;
import de.rub.nds.tlsattacker.core.constants.AlertLevel;
import de.rub.nds.tlsattacker.core.protocol.ProtocolMessage;
import de.rub.nds.tlsattacker.core.protocol.message.AlertMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ChangeCipherSpecMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ClientHelloMessage;
import de.rub.nds.tlsattacker.core.protocol.message.FinishedMessage;
import de.rub.nds.tlsattacker.core.protocol.message.PskClientKeyExchangeMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ServerHelloDoneMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ServerHelloMessage;
import de.rub.nds.tlsattacker.core.workflow.action.ChangeWriteEpochAction;
import de.rub.nds.tlsattacker.core.workflow.action.ChangeWriteMessageSequenceAction;
import de.rub.nds.tlsattacker.core.workflow.action.SendAction;
import de.rub.nds.tlsattacker.core.workflow.action.TlsAction;
import de.rub.nds.tlsattacker.core.workflow.action.WaitAction;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.engine.HandshakeDropReason;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.coaps4j.attack.Counter.failed;
import static io.coaps4j.attack.Counter.ignored;
import static io.coaps4j.attack.Counter.noMetric;
import static io.coaps4j.attack.Expectation.alert;
import static io.coaps4j.attack.Expectation.answeredWith;
import static io.coaps4j.attack.Expectation.completedDeliveringNothing;
import static io.coaps4j.attack.Expectation.silence;
import static io.coaps4j.attack.Expectation.warningKeepingTheSession;
import static io.coaps4j.attack.Records.applicationData;
import static io.coaps4j.attack.Records.send;

/**
 * The PSK handshake's messages skipped, repeated, early or after it (RFC 6347 section 4.2.4, RFC 5246 section
 * 7.4): the server's state machine answers each as the RFCs say.
 */
class MessageOrderAttacksTest extends AttackSuite {

    @Override
    Stream<AttackCase> cases() {
        return Stream.of(
                new AttackCase("ChangeCipherSpec before ClientKeyExchange",
                        clientFlight(config -> List.of(new ChangeCipherSpecMessage(), new PskClientKeyExchangeMessage(),
                                new FinishedMessage())),
                        silence(), ignored(HandshakeDropReason.UNEXPECTED_CHANGE_CIPHER_SPEC)),
                new AttackCase("Finished without ChangeCipherSpec",
                        clientFlight(config -> List.of(new PskClientKeyExchangeMessage(), new FinishedMessage())),
                        alert(AlertDescription.UNEXPECTED_MESSAGE), failed(AlertDescription.UNEXPECTED_MESSAGE)),
                new AttackCase("Finished in place of ClientKeyExchange",
                        clientFlight(config -> List.of(new FinishedMessage())),
                        alert(AlertDescription.UNEXPECTED_MESSAGE), failed(AlertDescription.UNEXPECTED_MESSAGE)),
                new AttackCase("ClientKeyExchange twice",
                        clientFlight(config -> List.of(new PskClientKeyExchangeMessage(), new PskClientKeyExchangeMessage(),
                                new ChangeCipherSpecMessage(), new FinishedMessage())),
                        alert(AlertDescription.UNEXPECTED_MESSAGE), failed(AlertDescription.UNEXPECTED_MESSAGE)),
                new AttackCase("application data before Finished", config -> {
                    List<TlsAction> actions = new ArrayList<>(Flights.cookieExchange(config));
                    actions.add(Flights.pskServerHello());
                    actions.add(new SendAction(new PskClientKeyExchangeMessage(), new ChangeCipherSpecMessage(),
                            applicationData("early"), new FinishedMessage()));
                    actions.add(Flights.serverFinish());
                    return actions;
                }, completedDeliveringNothing(), ignored(HandshakeDropReason.EARLY_APPLICATION_DATA)),
                new AttackCase("a third ClientHello where ClientKeyExchange is due",
                        clientFlight(config -> List.of(new ClientHelloMessage(config))),
                        alert(AlertDescription.UNEXPECTED_MESSAGE), failed(AlertDescription.UNEXPECTED_MESSAGE)),
                new AttackCase("the second ClientHello retransmitted once the ServerHello came", config -> {
                    config.setAddRetransmissionsToWorkflowTraceInDtls(true); // or TLS-Attacker hides them
                    List<TlsAction> actions = new ArrayList<>(Flights.cookieExchange(config));
                    actions.add(Flights.pskServerHello());
                    // The server answers a retransmission at most every half initial timeout (500 ms by default).
                    actions.add(new WaitAction(600));
                    actions.add(new ChangeWriteMessageSequenceAction(1));
                    actions.add(new SendAction(new ClientHelloMessage(config)));
                    actions.addAll(Flights.whateverComes());
                    return actions;
                }, answeredWith(ServerHelloMessage.class, ServerHelloDoneMessage.class), noMetric()),
                afterHandshake("a protected ClientHello: renegotiation",
                        config -> List.of(new SendAction(new ClientHelloMessage(config))),
                        warningKeepingTheSession(AlertDescription.NO_RENEGOTIATION, "genuine"),
                        noMetric()),
                afterHandshake("a plaintext fatal alert in epoch 0", config -> {
                    AlertMessage forged = new AlertMessage();
                    forged.setConfig(AlertLevel.FATAL, de.rub.nds.tlsattacker.core.constants.AlertDescription.HANDSHAKE_FAILURE);
                    return List.of(new ChangeWriteEpochAction(0), new SendAction(forged), new ChangeWriteEpochAction(1));
                }, Expectation.silenceKeepingTheSession("genuine"), ignored(HandshakeDropReason.UNPROTECTED_ALERT)));
    }

    /** The cookie exchange, the server's flight 4, then {@code flight} in place of the client's flight 5. */
    private static Function<Config, List<TlsAction>> clientFlight(Function<Config, List<ProtocolMessage>> flight) {
        return config -> {
            List<TlsAction> actions = new ArrayList<>(Flights.cookieExchange(config));
            actions.add(Flights.pskServerHello());
            actions.add(new SendAction(flight.apply(config)));
            actions.addAll(Flights.whateverComes());
            return actions;
        };
    }

    /** The handshake, the {@code attack}, a genuine record, and whatever the server answers. */
    private static AttackCase afterHandshake(String name, Function<Config, List<TlsAction>> attack, Expectation expected,
                                             Counter counter) {
        return new AttackCase(name, config -> {
            List<TlsAction> actions = new ArrayList<>(Flights.pskHandshake(config));
            actions.addAll(attack.apply(config));
            actions.add(send("genuine"));
            actions.addAll(Flights.whateverComes());
            return actions;
        }, expected, counter);
    }
}
