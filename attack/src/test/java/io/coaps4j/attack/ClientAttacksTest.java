package io.coaps4j.attack;

import de.rub.nds.modifiablevariable.util.Modifiable;
import de.rub.nds.tlsattacker.core.config.Config;
import de.rub.nds.tlsattacker.core.connection.InboundConnection;
import de.rub.nds.tlsattacker.core.constants.CipherSuite;
import de.rub.nds.tlsattacker.core.constants.RunningModeType;
import de.rub.nds.tlsattacker.core.protocol.message.ChangeCipherSpecMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ClientHelloMessage;
import de.rub.nds.tlsattacker.core.protocol.message.FinishedMessage;
import de.rub.nds.tlsattacker.core.protocol.message.HelloVerifyRequestMessage;
import de.rub.nds.tlsattacker.core.protocol.message.PskClientKeyExchangeMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ServerHelloDoneMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ServerHelloMessage;
import de.rub.nds.tlsattacker.core.state.State;
import de.rub.nds.tlsattacker.core.workflow.DTLSWorkflowExecutor;
import de.rub.nds.tlsattacker.core.workflow.action.ReceiveAction;
import de.rub.nds.tlsattacker.core.workflow.action.SendAction;
import de.rub.nds.tlsattacker.core.workflow.action.TlsAction;
import de.rub.nds.tlsattacker.transport.TransportHandlerType;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our client against TLS-Attacker as a DTLS 1.2 PSK server whose flights lie: a ServerHello that picks a suite the
 * client did not offer, a ServerHelloDone that never comes, a Finished that does not verify. Each time the client
 * refuses as RFC 5246 says and establishes nothing; the baseline shows a normal server's flights complete.
 */
class ClientAttacksTest {
    /** How long our client gets: the handshakes take milliseconds; the one that never ends costs this. */
    private static final Duration PATIENCE = Duration.ofMillis(1_500);

    @Test
    void ourClientCompletesAHandshakeWithTlsAttackerAsServer() {
        OurDtlsClient.Result client = attack(config -> serverFlights(config, new ServerHelloMessage(config), true,
                new FinishedMessage()));
        assertThat(client.status()).as("events %s", client.events()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
    }

    @Test
    void aServerHelloPickingASuiteNotOfferedIsAnIllegalParameter() {
        OurDtlsClient.Result client = attack(config -> {
            ServerHelloMessage hello = new ServerHelloMessage(config);
            hello.setSelectedCipherSuite(Modifiable.explicit(new byte[] {(byte) 0xC0, (byte) 0xA4})); // PSK_AES_128_CCM
            return serverFlights(config, hello, true, new FinishedMessage());
        });
        assertFailedWith(client, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void withoutServerHelloDoneTheClientSendsNoKeyExchangeAndEstablishesNothing() {
        Seen seen = attackSeenByBoth(config -> serverFlights(config, new ServerHelloMessage(config), false,
                new FinishedMessage()));
        OurDtlsClient.Result client = seen.client();
        assertThat(client.status()).as("events %s", client.events()).isNotEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(client.events()).noneMatch(DtlsEvent.HandshakeCompleted.class::isInstance);
        assertThat(seen.server().received()).as("%s", seen.server())
                .noneMatch(message -> message instanceof PskClientKeyExchangeMessage
                        || message instanceof FinishedMessage);
    }

    @Test
    void aServerFinishedThatDoesNotVerifyIsADecryptError() {
        OurDtlsClient.Result client = attack(config -> {
            FinishedMessage wrong = new FinishedMessage();
            wrong.setVerifyData(Modifiable.xor(new byte[] {1}, 0));
            return serverFlights(config, new ServerHelloMessage(config), true, wrong);
        });
        assertFailedWith(client, AlertDescription.DECRYPT_ERROR);
    }

    private static void assertFailedWith(OurDtlsClient.Result client, AlertDescription alert) {
        assertThat(client.status()).as("events %s", client.events()).isEqualTo(DtlsConnection.Status.FAILED);
        assertThat(client.events()).anySatisfy(event -> {
            assertThat(event).isInstanceOf(DtlsEvent.Failed.class);
            assertThat(((DtlsEvent.Failed) event).alert()).isEqualTo(Optional.of(alert));
            assertThat(((DtlsEvent.Failed) event).origin()).isEqualTo(DtlsEvent.FailureOrigin.LOCAL_ALERT);
        });
    }

    /**
     * The server's side: the cookie exchange, {@code hello} and (unless skipped) ServerHelloDone, the client's
     * flight 5, and ChangeCipherSpec with {@code finished}.
     */
    private static List<TlsAction> serverFlights(Config config, ServerHelloMessage hello, boolean helloDone,
                                                 FinishedMessage finished) {
        List<TlsAction> actions = new ArrayList<>();
        actions.add(new ReceiveAction(new ClientHelloMessage()));
        actions.add(new SendAction(new HelloVerifyRequestMessage()));
        actions.add(new ReceiveAction(new ClientHelloMessage()));
        actions.add(helloDone ? new SendAction(hello, new ServerHelloDoneMessage()) : new SendAction(hello));
        if (helloDone) {
            actions.add(new ReceiveAction(new PskClientKeyExchangeMessage(), new ChangeCipherSpecMessage(),
                    new FinishedMessage()));
        }
        actions.add(new SendAction(new ChangeCipherSpecMessage(), finished));
        actions.addAll(Flights.whateverComes());
        return actions;
    }

    /** Runs TLS-Attacker as a server with the actions {@code flights} makes, and our client against it. */
    private static OurDtlsClient.Result attack(Function<Config, List<TlsAction>> flights) {
        return attackSeenByBoth(flights).client();
    }

    /** What our client ended in, and what TLS-Attacker's server saw (its port is the server's). */
    private record Seen(OurDtlsClient.Result client, Outcome server) {
    }

    private static Seen attackSeenByBoth(Function<Config, List<TlsAction>> flights) {
        int serverPort = Attacker.freeUdpPort();
        Config config = Attacker.pskClient(serverPort);
        config.setDefaultRunningMode(RunningModeType.SERVER);
        InboundConnection inbound = new InboundConnection("server", serverPort, "127.0.0.1");
        inbound.setTransportHandlerType(TransportHandlerType.UDP);
        inbound.setTimeout(Attacker.RECEIVE_TIMEOUT_MILLIS);
        config.setDefaultServerConnection(inbound);
        config.setDefaultServerSupportedCipherSuites(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
        List<TlsAction> actions = flights.apply(config);
        CountDownLatch bound = new CountDownLatch(1);
        CompletableFuture<State> server = CompletableFuture.supplyAsync(() -> {
            State state = new State(config, Flights.trace(actions));
            DTLSWorkflowExecutor executor = new DTLSWorkflowExecutor(state);
            executor.setBeforeTransportInitCallback(boundAlready -> {
                bound.countDown(); // the socket is bound; the handler now waits for the first datagram
                return 0;
            });
            executor.executeWorkflow();
            return state;
        });
        try {
            assertThat(bound.await(5, TimeUnit.SECONDS)).as("TLS-Attacker's server bound its port").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        OurDtlsClient.Result client = OurDtlsClient.run(Servers.psk(), Attacker.freeUdpPort(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), PATIENCE);
        try {
            return new Seen(client, new Outcome(server.get(10, TimeUnit.SECONDS), serverPort));
        } catch (Exception e) {
            throw new AssertionError("TLS-Attacker's server did not end", e);
        }
    }
}
