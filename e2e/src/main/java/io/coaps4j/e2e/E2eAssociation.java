package io.coaps4j.e2e;

import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.DecryptedRecord;
import io.coaps4j.dtls.record.DropReason;
import io.coaps4j.dtls.record.DroppedRecord;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.RecordCodec;
import io.coaps4j.dtls.record.SecurityAssociation;
import io.coaps4j.dtls.record.UnprotectResult;
import java.util.List;
import java.util.Objects;

/**
 * One installed end-to-end SA: its identifier, the dtls module's {@link SecurityAssociation} (keys, write
 * sequence, replay window), who the peer is, and when it expires. Sealing and opening are serialised on the
 * association because a client and a server endpoint on different loops may share the store.
 */
final class E2eAssociation {
    private final SaId id;
    private final SecurityAssociation keys;
    private final E2ePrincipal principal;
    private final long expiresAtNanos;

    E2eAssociation(SaId id, SecurityAssociation keys, E2ePrincipal principal, long expiresAtNanos) {
        this.id = id;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.principal = principal;
        this.expiresAtNanos = expiresAtNanos;
    }

    SaId id() {
        return id;
    }

    E2ePrincipal principal() {
        return principal;
    }

    boolean expired(long nowNanos) {
        return nowNanos - expiresAtNanos >= 0;
    }

    /** One application_data record sealing {@code plaintext}, with the SA's next sequence number. */
    synchronized byte[] seal(CryptoContext crypto, byte[] plaintext) {
        return keys.protect(crypto, ContentType.APPLICATION_DATA, plaintext);
    }

    /** The plaintext of {@code record} (exactly one record), or why it was refused. */
    synchronized Opened open(CryptoContext crypto, byte[] record) {
        List<Record> records;
        try {
            records = RecordCodec.decode(record, 0, record.length);
        } catch (RuntimeException malformed) {
            return Opened.refused(Refusal.NOT_AUTHENTIC);
        }
        if (records.size() != 1 || records.get(0).type() != ContentType.APPLICATION_DATA
                || records.get(0).encodedLength() != record.length) {
            return Opened.refused(Refusal.NOT_AUTHENTIC);
        }
        Record r = records.get(0);
        UnprotectResult result = keys.unprotect(crypto, r);
        if (result instanceof DecryptedRecord decrypted) {
            return new Opened(decrypted.plaintext(), binding(r.epoch(), r.sequenceNumber()), null);
        }
        DroppedRecord dropped = (DroppedRecord) result;
        return Opened.refused(dropped.reason() == DropReason.REPLAY
                ? Refusal.REPLAY : Refusal.NOT_AUTHENTIC);
    }

    /** The 8 bytes epoch ‖ sequence number of a record: the binding of a response to its request. */
    static byte[] binding(int epoch, long sequence) {
        byte[] out = new byte[8];
        out[0] = (byte) (epoch >>> 8);
        out[1] = (byte) epoch;
        for (int i = 0; i < 6; i++) {
            out[2 + i] = (byte) (sequence >>> (40 - 8 * i));
        }
        return out;
    }

    /** The binding of the record {@code sealed} (its header's epoch and sequence number). */
    static byte[] bindingOf(byte[] sealed) {
        byte[] out = new byte[8];
        System.arraycopy(sealed, 3, out, 0, 8);
        return out;
    }

    /** Why a record was not opened (docs/E2E.md section 6). */
    enum Refusal { NO_ASSOCIATION, NOT_AUTHENTIC, REPLAY, BAD_INNER }

    record Opened(byte[] plaintext, byte[] binding, Refusal refusal) {
        static Opened refused(Refusal refusal) {
            return new Opened(null, null, refusal);
        }
    }

    @Override
    public String toString() {
        return "E2eAssociation[" + id + ", " + principal + ", keys hidden]";
    }
}
