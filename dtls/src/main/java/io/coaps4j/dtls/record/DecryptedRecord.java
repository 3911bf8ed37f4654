package io.coaps4j.dtls.record;

import java.util.Objects;

/**
 * A record that passed its association's checks (tag, replay window, epoch rules), with its plaintext.
 * The plaintext array is freshly allocated and belongs to the receiver.
 *
 * <p>The epoch tells the handshake which keys protected it: records of a previous or newly activated epoch
 * may arrive around a key change, and application data must not be handed on before the handshake that
 * established its epoch has completed (RFC 6347 section 4.1).
 */
public record DecryptedRecord(ContentType type, int epoch, long sequenceNumber, byte[] plaintext)
        implements UnprotectResult {
    public DecryptedRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(plaintext, "plaintext");
    }

    @Override
    public String toString() {
        return "DecryptedRecord[" + type + ", epoch " + epoch + ", seq " + sequenceNumber + ", "
                + plaintext.length + " bytes]";
    }
}
