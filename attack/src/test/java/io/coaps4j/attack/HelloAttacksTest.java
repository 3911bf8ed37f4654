package io.coaps4j.attack;

import de.rub.nds.modifiablevariable.util.Modifiable;
import de.rub.nds.tlsattacker.core.config.Config;
import de.rub.nds.tlsattacker.core.protocol.message.ClientHelloMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ServerHelloDoneMessage;
import de.rub.nds.tlsattacker.core.protocol.message.ServerHelloMessage;
import de.rub.nds.tlsattacker.core.protocol.message.extension.ExtendedMasterSecretExtensionMessage;
import de.rub.nds.tlsattacker.core.workflow.action.SendAction;
import de.rub.nds.tlsattacker.core.workflow.action.TlsAction;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.engine.HandshakeDropReason;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static io.coaps4j.attack.Counter.failed;
import static io.coaps4j.attack.Counter.ignored;
import static io.coaps4j.attack.Counter.noMetric;
import static io.coaps4j.attack.Expectation.alert;
import static io.coaps4j.attack.Expectation.answeredWith;
import static io.coaps4j.attack.Expectation.silence;

/**
 * ClientHellos our server must refuse or must read past (RFC 5246 section 7.4.1.2 and 7.4.1.4, RFC 6347 section
 * 4.2.1): the alteration is in both hellos of the cookie exchange, so the cookie is good and the server judges the
 * hello itself. A hello that does not decode (an extension twice, lengths that lie) is dropped unanswered: it comes
 * from an address the cookie exchange has not proved, to which the server sends nothing but HelloVerifyRequests.
 */
class HelloAttacksTest extends AttackSuite {

    @Override
    Stream<AttackCase> cases() {
        return Stream.of(
                hellos("only the DEFLATE compression method", (config, hello) ->
                        hello.setCompressions(Modifiable.explicit(new byte[] {1})),
                        alert(AlertDescription.ILLEGAL_PARAMETER), failed(AlertDescription.ILLEGAL_PARAMETER)),
                hellos("DEFLATE and null compression methods", (config, hello) ->
                        hello.setCompressions(Modifiable.explicit(new byte[] {1, 0})),
                        answeredWith(ServerHelloMessage.class, ServerHelloDoneMessage.class), noMetric()),
                hellos("the extended_master_secret extension twice", (config, hello) -> {
                    hello.addExtension(new ExtendedMasterSecretExtensionMessage());
                    hello.addExtension(new ExtendedMasterSecretExtensionMessage());
                }, silence(), ignored(HandshakeDropReason.NO_CONNECTION).times(2)),
                hellos("no cipher suite the server holds keys for", (config, hello) ->
                        hello.setCipherSuites(Modifiable.explicit(new byte[] {0, 0x2F})),
                        alert(AlertDescription.HANDSHAKE_FAILURE), failed(AlertDescription.HANDSHAKE_FAILURE)),
                hellos("DTLS 1.0 as the highest version", (config, hello) ->
                        hello.setProtocolVersion(Modifiable.explicit(new byte[] {(byte) 0xFE, (byte) 0xFF})),
                        alert(AlertDescription.PROTOCOL_VERSION), failed(AlertDescription.PROTOCOL_VERSION)),
                hellos("extensions whose length runs past the hello", (config, hello) ->
                        hello.setExtensionsLength(Modifiable.add(5)),
                        silence(), ignored(HandshakeDropReason.NO_CONNECTION).times(2)));
    }

    /**
     * Both hellos of the cookie exchange altered by {@code alteration} (given the run's config), then whatever the
     * server answers the second.
     */
    private static AttackCase hellos(String name, BiConsumer<Config, ClientHelloMessage> alteration,
                                     Expectation expected, Counter counter) {
        return new AttackCase("ClientHellos with " + name, config -> {
            ClientHelloMessage first = new ClientHelloMessage(config);
            alteration.accept(config, first);
            ClientHelloMessage second = new ClientHelloMessage(config);
            alteration.accept(config, second);
            // Whatever answers the first hello: a HelloVerifyRequest, whose cookie the second takes, or nothing.
            List<TlsAction> actions = new ArrayList<>(List.of(new SendAction(first)));
            actions.addAll(Flights.whateverComes());
            actions.add(new SendAction(second));
            actions.addAll(Flights.whateverComes());
            return actions;
        }, expected, counter);
    }
}
