package io.coaps4j.attack;

import de.rub.nds.modifiablevariable.util.Modifiable;
import de.rub.nds.tlsattacker.core.record.Record;
import de.rub.nds.tlsattacker.core.workflow.action.SendAction;
import de.rub.nds.tlsattacker.core.workflow.action.TlsAction;

import io.coaps4j.dtls.record.DropReason;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.coaps4j.attack.Counter.dropped;
import static io.coaps4j.attack.Expectation.silenceKeepingTheSession;
import static io.coaps4j.attack.Records.applicationData;
import static io.coaps4j.attack.Records.send;
import static io.coaps4j.attack.Records.sendAltered;

/**
 * Malformed, replayed and misplaced records on an established PSK session: each is dropped without an answer
 * (RFC 6347 section 4.1.2.7) and the session goes on: the genuine record sent after it is delivered.
 */
class RecordAttacksTest extends AttackSuite {

    @Override
    Stream<AttackCase> cases() {
        return Stream.of(
                afterHandshake("a datagram shorter than a record header", dropped(DropReason.MALFORMED), () -> List.of(
                        sendAltered("short", Records.rawBytes(new byte[] {23, (byte) 0xFE, (byte) 0xFD, 0, 1})))),
                afterHandshake("a record whose length runs past the datagram", dropped(DropReason.MALFORMED), () -> List.of(
                        sendAltered("overlong", record -> record.setLength(Modifiable.add(10))))),
                afterHandshake("a record of an unknown content type", dropped(DropReason.MALFORMED), () -> List.of(
                        sendAltered("unknown type", record -> record.setContentType(Modifiable.explicit((byte) 99))))),
                afterHandshake("a record of TLS 1.2's version", dropped(DropReason.BAD_VERSION), () -> List.of(
                        sendAltered("tls version", record -> record.setProtocolVersion(
                                Modifiable.explicit(new byte[] {3, 3}))))),
                afterHandshake("a protected record of DTLS 1.0's version", dropped(DropReason.BAD_VERSION), () -> List.of(
                        sendAltered("dtls 1.0", record -> record.setProtocolVersion(
                                Modifiable.explicit(new byte[] {(byte) 0xFE, (byte) 0xFF}))))),
                afterHandshake("a record whose tag does not authenticate", dropped(DropReason.BAD_TAG), () -> List.of(
                        sendAltered("bad tag", Records.badTag("bad tag")))),
                // TLS-Attacker has no keys for epochs 0 and 3: it sends these application records in plaintext.
                afterHandshake("an application record in epoch 0 after the handshake",
                        dropped(DropReason.EPOCH0_APPLICATION_DATA), () -> List.of(
                        sendAltered("epoch zero", record -> record.setEpoch(Modifiable.explicit(0))))),
                // (Epoch 2, the next one, is kept back for keys to come, as RFC 6347 section 4.1 allows.)
                afterHandshake("a record of an epoch beyond the next", dropped(DropReason.UNKNOWN_EPOCH), () -> List.of(
                        sendAltered("epoch three", record -> record.setEpoch(Modifiable.explicit(3))))),
                new AttackCase("a replayed record is delivered once", config -> {
                    List<TlsAction> actions = new ArrayList<>(Flights.pskHandshake(config));
                    actions.add(sendAltered("once", record -> record.setSequenceNumber(Modifiable.explicit(BigInteger.valueOf(7)))));
                    actions.add(sendAltered("once", record -> record.setSequenceNumber(Modifiable.explicit(BigInteger.valueOf(7)))));
                    actions.add(send("genuine"));
                    actions.addAll(Flights.whateverComes());
                    return actions;
                }, silenceKeepingTheSession("once", "genuine"), dropped(DropReason.REPLAY)),
                new AttackCase("one corrupt record among several in a datagram costs only itself", config -> {
                    List<TlsAction> actions = new ArrayList<>(Flights.pskHandshake(config));
                    Record corrupt = new Record();
                    Records.badTag("first").accept(corrupt);
                    SendAction two = new SendAction(applicationData("first"), applicationData("second"));
                    two.setConfiguredRecords(List.of(corrupt, new Record()));
                    actions.add(two);
                    actions.addAll(Flights.whateverComes());
                    return actions;
                }, silenceKeepingTheSession("second"), dropped(DropReason.BAD_TAG)));
    }

    /** The handshake, the {@code attack}, a genuine record, and whatever the server answers. */
    private static AttackCase afterHandshake(String name, Counter counter, Supplier<List<TlsAction>> attack) {
        return new AttackCase(name, config -> {
            List<TlsAction> actions = new ArrayList<>(Flights.pskHandshake(config));
            actions.addAll(attack.get());
            actions.add(send("genuine"));
            actions.addAll(Flights.whateverComes());
            return actions;
        }, silenceKeepingTheSession("genuine"), counter);
    }
}
