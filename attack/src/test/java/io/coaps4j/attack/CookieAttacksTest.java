package io.coaps4j.attack;

import de.rub.nds.modifiablevariable.util.Modifiable;
import de.rub.nds.tlsattacker.core.config.Config;
import de.rub.nds.tlsattacker.core.protocol.message.ClientHelloMessage;
import de.rub.nds.tlsattacker.core.protocol.message.HelloVerifyRequestMessage;
import de.rub.nds.tlsattacker.core.workflow.action.ReceiveAction;
import de.rub.nds.tlsattacker.core.workflow.action.SendAction;
import de.rub.nds.tlsattacker.core.workflow.action.TlsAction;
import io.coaps4j.dtls.engine.HandshakeDropReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.coaps4j.attack.Counter.ignored;
import static io.coaps4j.attack.Expectation.helloVerifyRequestOnly;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stateless cookie exchange (RFC 6347 section 4.2.1): a second ClientHello whose cookie is missing, forged,
 * made for another address or for another hello gets a new HelloVerifyRequest and nothing else, and the server
 * keeps no state for it.
 */
class CookieAttacksTest extends AttackSuite {
    /** The same client random in every run, so that hellos from two addresses are alike byte for byte. */
    private static final byte[] FIXED_RANDOM = new byte[32];

    @Override
    Stream<AttackCase> cases() {
        return Stream.of(
                secondHello("no cookie", hello -> hello.setCookie(Modifiable.explicit(new byte[0]))),
                secondHello("a forged cookie", hello -> hello.setCookie(Modifiable.xor(new byte[] {1}, 0))),
                secondHello("another client random than the first hello's",
                        hello -> hello.setRandom(Modifiable.xor(new byte[] {1}, 31))),
                secondHello("other cipher suites than the first hello's", hello -> hello.setCipherSuites(
                        Modifiable.explicit(new byte[] {(byte) 0xC0, (byte) 0xA8, (byte) 0xC0, (byte) 0xAE}))),
                secondHello("another session ID than the first hello's",
                        hello -> hello.setSessionId(Modifiable.explicit(new byte[] {1, 2, 3, 4}))),
                new AttackCase("the cookie made for another address", config -> {
                    byte[] stolen = cookieFor(sameHelloConfig(), Attacker.freeUdpPort());
                    fixRandom(config);
                    ClientHelloMessage hello = new ClientHelloMessage(config);
                    hello.setCookie(Modifiable.explicit(stolen));
                    List<TlsAction> actions = new ArrayList<>(List.of(new SendAction(hello)));
                    actions.addAll(Flights.whateverComes());
                    return actions;
                }, helloVerifyRequestOnly(), ignored(HandshakeDropReason.COOKIE_MISSING_OR_INVALID)));
    }

    /** The control of the stolen cookie: from the address it was made for, the same hello is accepted. */
    @Test
    void theCookieOfTheOtherAddressCaseIsGoodFromItsOwnAddress() {
        int port = Attacker.freeUdpPort();
        byte[] cookie = cookieFor(sameHelloConfig(), port);
        Config config = sameHelloConfig();
        ClientHelloMessage hello = new ClientHelloMessage(config);
        hello.setCookie(Modifiable.explicit(cookie));
        Outcome outcome = Attacker.run(config, List.of(new SendAction(hello), Flights.pskServerHello()), port);
        assertThat(outcome.asPlanned()).as("%s", outcome).isTrue();
    }

    /** A first hello, the server's HelloVerifyRequest, and a second hello altered by {@code alteration}. */
    private static AttackCase secondHello(String name, Consumer<ClientHelloMessage> alteration) {
        return new AttackCase("a second ClientHello with " + name, config -> {
            ClientHelloMessage second = new ClientHelloMessage(config);
            alteration.accept(second);
            List<TlsAction> actions = new ArrayList<>();
            actions.add(new SendAction(new ClientHelloMessage(config)));
            actions.add(new ReceiveAction(new HelloVerifyRequestMessage()));
            actions.add(new SendAction(second));
            actions.addAll(Flights.whateverComes());
            return actions;
        }, helloVerifyRequestOnly(), ignored(HandshakeDropReason.COOKIE_MISSING_OR_INVALID).times(2));
    }

    private Config sameHelloConfig() {
        return fixRandom(attackerConfig());
    }

    private static Config fixRandom(Config config) {
        config.setUseFreshRandom(false);
        config.setDefaultClientRandom(FIXED_RANDOM);
        return config;
    }

    /** The cookie the server gives the first hello of {@code config} from {@code port}. */
    private static byte[] cookieFor(Config config, int port) {
        Outcome first = Attacker.run(config, List.of(new SendAction(new ClientHelloMessage(config)),
                new ReceiveAction(new HelloVerifyRequestMessage())), port);
        HelloVerifyRequestMessage verify = (HelloVerifyRequestMessage) first.received().stream()
                .filter(HelloVerifyRequestMessage.class::isInstance).findFirst()
                .orElseThrow(() -> new AssertionError("no HelloVerifyRequest: " + first));
        return verify.getCookie().getValue();
    }
}
