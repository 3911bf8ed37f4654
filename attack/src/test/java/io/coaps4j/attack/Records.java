package io.coaps4j.attack;

import de.rub.nds.modifiablevariable.util.Modifiable;
import de.rub.nds.tlsattacker.core.protocol.message.ApplicationMessage;
import de.rub.nds.tlsattacker.core.record.Record;
import de.rub.nds.tlsattacker.core.workflow.action.SendAction;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** Application records as TLS-Attacker sends them, genuine or altered on their way to the wire. */
final class Records {
    /** CCM_8: an 8-byte explicit nonce before the ciphertext, an 8-byte tag after it (RFC 6655 section 3). */
    private static final int CCM_8_OVERHEAD = 16;

    private Records() {
    }

    static ApplicationMessage applicationData(String text) {
        ApplicationMessage message = new ApplicationMessage();
        message.setDataConfig(text.getBytes(StandardCharsets.UTF_8));
        return message;
    }

    /** A genuine application record carrying {@code text}. */
    static SendAction send(String text) {
        return new SendAction(applicationData(text));
    }

    /** An application record carrying {@code text}, its record altered by {@code alteration}. */
    static SendAction sendAltered(String text, Consumer<Record> alteration) {
        Record record = new Record();
        alteration.accept(record);
        SendAction action = new SendAction(applicationData(text));
        action.setConfiguredRecords(List.of(record));
        return action;
    }

    /** Flips a bit of the tag: the record no longer authenticates. */
    static Consumer<Record> badTag(String text) {
        int lastByte = text.getBytes(StandardCharsets.UTF_8).length + CCM_8_OVERHEAD - 1;
        return record -> record.setProtocolMessageBytes(Modifiable.xor(new byte[] {1}, lastByte));
    }

    /** A datagram of these bytes in place of the record. */
    static Consumer<Record> rawBytes(byte[] datagram) {
        return record -> record.setCompleteRecordBytes(Modifiable.explicit(datagram));
    }
}
