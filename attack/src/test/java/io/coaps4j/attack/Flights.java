package io.coaps4j.attack;

import de.rub.nds.tlsattacker.core.config.Config;
import de.rub.nds.tlsattacker.core.protocol.ProtocolMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ChangeCipherSpecMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ClientHelloMessage;
import de.rub.nds.tlsattacker.core.protocol.message.FinishedMessage;
import de.rub.nds.tlsattacker.core.protocol.message.HelloVerifyRequestMessage;
import de.rub.nds.tlsattacker.core.protocol.message.PskClientKeyExchangeMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ServerHelloDoneMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ServerHelloMessage;
import de.rub.nds.tlsattacker.core.workflow.WorkflowTrace;
import de.rub.nds.tlsattacker.core.workflow.action.ChangeConnectionTimeoutAction;
import de.rub.nds.tlsattacker.core.workflow.action.GenericReceiveAction;
import de.rub.nds.tlsattacker.core.workflow.action.ReceiveAction;
import de.rub.nds.tlsattacker.core.workflow.action.SendAction;
import de.rub.nds.tlsattacker.core.workflow.action.TlsAction;

import java.util.ArrayList;
import java.util.List;

/**
 * The client's side of the DTLS 1.2 handshake (RFC 6347 section 4.2.4) as TLS-Attacker actions, flight by flight,
 * for the attacks to take apart: the PSK handshake against our server (which sends no ServerKeyExchange, having
 * no identity hint, RFC 4279 section 2). (The RawPublicKey attacks build their flight 5 in {@code RpkAttacksTest}.)
 */
final class Flights {
    private Flights() {
    }

    /**
     * Flights 1 to 3: ClientHello, HelloVerifyRequest, ClientHello with the cookie; the hellos carry the extensions
     * {@code config} asks for.
     */
    static List<TlsAction> cookieExchange(Config config) {
        return List.of(
                new SendAction(new ClientHelloMessage(config)),
                new ReceiveAction(new HelloVerifyRequestMessage()),
                new SendAction(new ClientHelloMessage(config)));
    }

    /** Flight 4 of the PSK handshake: ServerHello, ServerHelloDone. */
    static ReceiveAction pskServerHello() {
        return new ReceiveAction(new ServerHelloMessage(), new ServerHelloDoneMessage());
    }

    /** Flight 5 of the PSK handshake: ClientKeyExchange, ChangeCipherSpec, Finished. */
    static List<ProtocolMessage> pskClientFinish() {
        return List.of(new PskClientKeyExchangeMessage(), new ChangeCipherSpecMessage(), new FinishedMessage());
    }

    /** Flight 6: the server's ChangeCipherSpec and Finished. */
    static ReceiveAction serverFinish() {
        return new ReceiveAction(new ChangeCipherSpecMessage(), new FinishedMessage());
    }

    /** Flights 1 to 6 of a complete PSK handshake. */
    static List<TlsAction> pskHandshake(Config config) {
        List<TlsAction> actions = new ArrayList<>(cookieExchange(config));
        actions.add(pskServerHello());
        actions.add(new SendAction(pskClientFinish()));
        actions.add(serverFinish());
        return actions;
    }

    /**
     * Whatever the server sends within {@link Attacker#SILENCE_MILLIS} (nothing, an alert, a retransmission): the
     * receive timeout is shortened first, since a silent case waits for all of it.
     */
    static List<TlsAction> whateverComes() {
        return List.of(new ChangeConnectionTimeoutAction(Attacker.SILENCE_MILLIS), new GenericReceiveAction());
    }

    static WorkflowTrace trace(List<TlsAction> actions) {
        WorkflowTrace trace = new WorkflowTrace();
        actions.forEach(trace::addTlsAction);
        return trace;
    }
}
