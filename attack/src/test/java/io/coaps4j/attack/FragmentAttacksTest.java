package io.coaps4j.attack;

import de.rub.nds.modifiablevariable.util.Modifiable;
import de.rub.nds.tlsattacker.core.config.Config;
import de.rub.nds.tlsattacker.core.dtls.DtlsHandshakeMessageFragment;
import de.rub.nds.tlsattacker.core.protocol.message.PskClientKeyExchangeMessage;
import de.rub.nds.tlsattacker.core.workflow.action.SendAction;
import de.rub.nds.tlsattacker.core.workflow.action.TlsAction;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.engine.HandshakeDropReason;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.coaps4j.attack.Counter.failed;
import static io.coaps4j.attack.Counter.ignored;
import static io.coaps4j.attack.Counter.noMetric;
import static io.coaps4j.attack.Expectation.alert;
import static io.coaps4j.attack.Expectation.silence;

/**
 * The ClientKeyExchange of the PSK handshake in fragments whose header lies (RFC 6347 section 4.2.3): a message
 * length of zero or of the maximum 2^24 - 1, a fragment length beyond the record or of zero, an offset past the
 * message, two fragments that disagree about the message length.
 */
class FragmentAttacksTest extends AttackSuite {

    @Override
    Stream<AttackCase> cases() {
        return Stream.of(
                keyExchange("a message length of 2^24 - 1", ignored(HandshakeDropReason.REASSEMBLY_BOUND),
                        whole(fragment -> fragment.setLength(Modifiable.explicit(0xFF_FFFF)))),
                // TLS-Attacker fits the fragment to the length: an empty ClientKeyExchange, which does not decode.
                new AttackCase("a ClientKeyExchange with a message length of zero",
                        keyExchange(whole(fragment -> fragment.setLength(Modifiable.explicit(0)))),
                        alert(AlertDescription.DECODE_ERROR), failed(AlertDescription.DECODE_ERROR)),
                keyExchange("a fragment length beyond the record", ignored(HandshakeDropReason.MALFORMED_FRAGMENT),
                        whole(fragment -> fragment.setFragmentLength(Modifiable.add(100)))),
                // An empty fragment is well formed: it adds nothing to the message, which stays incomplete.
                keyExchange("a fragment length of zero", noMetric(),
                        whole(fragment -> fragment.setFragmentLength(Modifiable.explicit(0)))),
                keyExchange("an offset past the message's end", ignored(HandshakeDropReason.MALFORMED_FRAGMENT),
                        whole(fragment -> fragment.setFragmentOffset(Modifiable.add(1000)))),
                keyExchange("two fragments that disagree about the message length", ignored(HandshakeDropReason.REASSEMBLY_BOUND), () -> {
                    DtlsHandshakeMessageFragment first = new DtlsHandshakeMessageFragment();
                    first.setOffsetConfig(0);
                    first.setMaxFragmentLengthConfig(4);
                    DtlsHandshakeMessageFragment second = new DtlsHandshakeMessageFragment();
                    second.setOffsetConfig(4);
                    second.setLength(Modifiable.add(10));
                    return List.of(first, second);
                }));
    }

    private static Supplier<List<DtlsHandshakeMessageFragment>> whole(
            Consumer<DtlsHandshakeMessageFragment> lie) {
        return () -> {
            DtlsHandshakeMessageFragment fragment = new DtlsHandshakeMessageFragment();
            lie.accept(fragment);
            return List.of(fragment);
        };
    }

    /**
     * The cookie exchange, the server's flight 4, the ClientKeyExchange in {@code fragments}, and whatever the server
     * answers.
     */
    private static AttackCase keyExchange(String name, Counter counter, Supplier<List<DtlsHandshakeMessageFragment>> fragments) {
        return new AttackCase("a ClientKeyExchange with " + name, keyExchange(fragments), silence(), counter);
    }

    private static Function<Config, List<TlsAction>> keyExchange(Supplier<List<DtlsHandshakeMessageFragment>> fragments) {
        return config -> {
            List<TlsAction> actions = new ArrayList<>(Flights.cookieExchange(config));
            actions.add(Flights.pskServerHello());
            SendAction keyExchange = new SendAction(new PskClientKeyExchangeMessage());
            keyExchange.setConfiguredDtlsHandshakeMessageFragments(fragments.get());
            actions.add(keyExchange);
            actions.addAll(Flights.whateverComes());
            return actions;
        };
    }
}
