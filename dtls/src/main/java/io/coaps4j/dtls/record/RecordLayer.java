package io.coaps4j.dtls.record;

import io.coaps4j.dtls.crypto.CryptoContext;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The record layer of one connection (RFC 6347 section 4.1): the current read and write associations,
 * the pending one a handshake has negotiated, and the previous read epoch kept until the handshake owner
 * discards it, so that retransmitted flights of the old epoch are still recognised.
 *
 * <p>Inbound, invalid records are dropped silently and reported to the receiver with a
 * {@link DropReason} (RFC 6347 section 4.1.2.7); epoch-0 application data is never delivered; records of
 * the next epoch that arrive before its keys are activated are kept in a small bounded buffer and
 * processed on {@link #activatePendingRead}, everything else from unknown epochs is dropped.
 *
 * <p>Sans-IO and not thread-safe: the connection's event loop calls it with its own {@link CryptoContext}.
 * An idle connection holds only its associations here; the buffer exists only while it holds records.
 */
public final class RecordLayer {
    /** At most this many next-epoch records wait for their keys. */
    public static final int MAX_BUFFERED_RECORDS = 8;
    /** ... holding at most this many fragment bytes together. */
    public static final int MAX_BUFFERED_BYTES = 8 * 1024;

    private SecurityAssociation read;
    private SecurityAssociation write;
    private SecurityAssociation pending;
    /** What only a change of epochs needs; null while there is none (an idle connection keeps nothing of it). */
    private EpochChange change;
    /**
     * Bytes of this side's connection ID in the peer's tls12_cid records (RFC 9146), 0 without one: how their
     * headers are framed, the same in every epoch of the connection.
     */
    private int cidLength;

    /** The state of a handshake's change of epochs, kept apart so that an idle connection's layer stays small. */
    private static final class EpochChange {
        /** The previous read epoch, kept until the handshake owner discards it. */
        SecurityAssociation previousRead;
        /** Next-epoch records waiting for their keys; null while there are none. */
        Record[] buffered;
        /**
         * While the handshake runs: the CID this side asked for, so that tls12_cid records of the next epoch can be
         * checked and buffered before its keys exist (e.g. while they are computed off the loop); null afterwards.
         */
        byte[] expectedCid;

        boolean isEmpty() {
            return previousRead == null && buffered == null && expectedCid == null;
        }
    }

    private EpochChange change() {
        if (change == null) {
            change = new EpochChange();
        }
        return change;
    }

    /** Drops the change's state once nothing is left in it. */
    private void releaseChangeIfEmpty() {
        if (change != null && change.isEmpty()) {
            change = null;
        }
    }

    private SecurityAssociation previousRead() {
        return change == null ? null : change.previousRead;
    }

    /** A connection starting its first handshake in epoch 0. */
    public RecordLayer() {
        this(SecurityAssociation.plaintext());
    }

    /** A connection whose reading and writing start with {@code current}, e.g. installed by another key-management protocol. */
    public RecordLayer(SecurityAssociation current) {
        this.read = Objects.requireNonNull(current, "current");
        this.write = current;
        this.cidLength = current.readCidLength();
    }

    /**
     * Processes the records of one datagram in order, handing each accepted record and each drop to
     * {@code receiver}. The receiver may change epochs ({@link #activatePendingRead}) while being called;
     * the following records of the datagram then see the new state. Fragments are decrypted where they
     * lie in {@code datagram}, which is only read; only a record buffered for the next epoch is copied.
     */
    public void receive(CryptoContext crypto, byte[] datagram, int offset, int length, RecordReceiver receiver) {
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(receiver, "receiver");
        Objects.checkFromIndexSize(offset, length, datagram.length);
        int end = offset + length;
        int pos = offset;
        while (pos < end) {
            int next = RecordCodec.recordEnd(datagram, pos, end, cidLength);
            if (next < 0) {
                receiver.dropped(DropReason.MALFORMED);
                return;
            }
            DropReason problem = RecordCodec.problem(datagram, pos, next, cidLength);
            if (problem != null) {
                receiver.dropped(problem);
            } else if (RecordCodec.type(datagram, pos) == ContentType.TLS12_CID && !cidMatches(datagram, pos)) {
                receiver.dropped(DropReason.BAD_CID); // not ours, or none negotiated (RFC 9146 section 4)
            } else {
                int header = RecordCodec.headerLength(datagram, pos, cidLength);
                receive(crypto, RecordCodec.type(datagram, pos), RecordCodec.version(datagram, pos),
                        RecordCodec.epoch(datagram, pos), RecordCodec.sequenceNumber(datagram, pos),
                        datagram, pos + header, next - pos - header, receiver);
            }
            pos = next;
        }
    }

    /**
     * Whether the tls12_cid record at {@code pos} carries this side's CID: that of its epoch's association, or
     * of the pending one for a record that waits for its keys.
     */
    private boolean cidMatches(byte[] datagram, int pos) {
        if (cidLength == 0) {
            return false;
        }
        int epoch = RecordCodec.epoch(datagram, pos);
        SecurityAssociation association = epoch == read.epoch() ? read
                : previousRead() != null && epoch == previousRead().epoch() ? previousRead()
                : pending != null && epoch == pending.epoch() ? pending
                : null;
        if (association != null) {
            return association.readCidAt(datagram, pos + 11);
        }
        byte[] expected = change == null ? null : change.expectedCid;
        if (expected == null || epoch != read.epoch() + 1 || pos + 11 + expected.length > datagram.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (datagram[pos + 11 + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * This side has asked the peer for {@code cid} (RFC 9146 section 3): the peer's tls12_cid records are framed
     * with its length from now on, and those of the next epoch checked against it until the handshake ends.
     */
    public void expectConnectionId(byte[] cid) {
        if (cid != null && cid.length > 0) {
            cidLength = cid.length;
            change().expectedCid = cid.clone();
        }
    }

    /** Whether {@code cid} is the connection ID the current read keys expect in the peer's records (RFC 9146). */
    public boolean readsConnectionId(byte[] cid) {
        return cid.length > 0 && read.readCidLength() == cid.length && read.readCidAt(cid, 0);
    }

    /** Bytes of this side's connection ID in the peer's records, 0 when it has none. */
    public int cidLength() {
        return cidLength;
    }

    /** Processes one record already framed by {@link RecordCodec}. */
    public void receive(CryptoContext crypto, Record record, RecordReceiver receiver) {
        receive(crypto, record.type(), record.version(), record.epoch(), record.sequenceNumber(),
                record.fragmentArray(), 0, record.fragmentLength(), receiver);
    }

    private void receive(CryptoContext crypto, ContentType type, ProtocolVersion version, int epoch, long sequence,
                         byte[] source, int fragmentOffset, int fragmentLength, RecordReceiver receiver) {
        if (!acceptableVersion(version, epoch)) {
            receiver.dropped(DropReason.BAD_VERSION);
            return;
        }
        SecurityAssociation association = epoch == read.epoch() ? read
                : previousRead() != null && epoch == previousRead().epoch() ? previousRead()
                : null;
        if (association != null) {
            UnprotectResult result = association.unprotect(crypto, type, version, epoch, sequence, source,
                    fragmentOffset, fragmentLength);
            if (result instanceof DecryptedRecord) {
                receiver.deliver((DecryptedRecord) result);
            } else {
                receiver.dropped(((DroppedRecord) result).reason());
            }
        } else if (epoch == read.epoch() + 1) {
            // RFC 6347 section 4.1: records of the next epoch may be buffered until its keys are in use.
            buffer(new Record(type, version, epoch, sequence,
                    Arrays.copyOfRange(source, fragmentOffset, fragmentOffset + fragmentLength), true), receiver);
        } else {
            receiver.dropped(DropReason.UNKNOWN_EPOCH);
        }
    }

    /** Protects {@code length} bytes with the current write association into {@code out}; returns the record's length. */
    public int protect(CryptoContext crypto, ContentType type, byte[] plaintext, int offset, int length,
                       byte[] out, int outOffset) {
        return write.protect(crypto, type, plaintext, offset, length, out, outOffset);
    }

    /** Protects {@code length} bytes with the current write association into a new array. */
    public byte[] protect(CryptoContext crypto, ContentType type, byte[] plaintext, int offset, int length) {
        return write.protect(crypto, type, plaintext, offset, length);
    }

    /** Record bytes, header included, that {@link #protect} makes of {@code plaintextLength} bytes now. */
    public int protectedLength(int plaintextLength) {
        return write.protectedLength(plaintextLength);
    }

    /**
     * Makes {@code next} the pending association, to be activated for writing when this side sends its
     * ChangeCipherSpec and for reading when the peer's arrives. Replaces a pending association not yet
     * activated in either direction.
     *
     * @throws IllegalArgumentException when {@code next} is not for the epoch after the current ones
     * @throws IllegalStateException    when the pending association is already half activated
     */
    public void installPending(SecurityAssociation next) {
        Objects.requireNonNull(next, "next");
        if (pending != null && (read == pending || write == pending)) {
            throw new IllegalStateException("the association of epoch " + pending.epoch()
                    + " is already active in one direction");
        }
        if (next.epoch() != read.epoch() + 1 || next.epoch() != write.epoch() + 1) {
            throw new IllegalArgumentException("pending association must be for epoch " + (write.epoch() + 1)
                    + " (read epoch " + read.epoch() + ", write epoch " + write.epoch() + "), was " + next.epoch());
        }
        pending = next;
        if (next.readCidLength() > 0) {
            cidLength = next.readCidLength();
        }
    }

    /** Switches writing to the pending association (this side has just written its ChangeCipherSpec). */
    public void activatePendingWrite() {
        if (pending == null || write == pending) {
            throw new IllegalStateException("no pending association to activate for writing");
        }
        write = pending;
        if (read == pending) {
            pending = null;
        }
    }

    /**
     * Switches reading to the pending association (the peer's ChangeCipherSpec has arrived), keeps the old
     * read association as the previous one, and processes the buffered records of the new epoch through
     * {@code receiver}.
     */
    public void activatePendingRead(CryptoContext crypto, RecordReceiver receiver) {
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(receiver, "receiver");
        if (pending == null || read == pending) {
            throw new IllegalStateException("no pending association to activate for reading");
        }
        change().previousRead = read;
        read = pending;
        if (write == pending) {
            pending = null;
        }
        Record[] records = change.buffered;
        change.buffered = null;
        if (records != null) {
            for (int i = 0; i < records.length && records[i] != null; i++) {
                receive(crypto, records[i], receiver);
            }
        }
    }

    /** Forgets the previous read epoch; its records are dropped from now on (RFC 6347 section 4.1). */
    public void discardPreviousRead() {
        if (change != null) {
            change.previousRead = null;
            change.expectedCid = null;
            releaseChangeIfEmpty();
        }
    }

    public int readEpoch() {
        return read.epoch();
    }

    public int writeEpoch() {
        return write.epoch();
    }

    public SecurityAssociation readAssociation() {
        return read;
    }

    public SecurityAssociation writeAssociation() {
        return write;
    }

    public Optional<SecurityAssociation> pendingAssociation() {
        return Optional.ofNullable(pending);
    }

    public Optional<SecurityAssociation> previousReadAssociation() {
        return Optional.ofNullable(previousRead());
    }

    /** Next-epoch records waiting for their keys. */
    public int bufferedRecords() {
        int count = 0;
        Record[] buffered = change == null ? null : change.buffered;
        while (buffered != null && count < buffered.length && buffered[count] != null) {
            count++;
        }
        return count;
    }

    private void buffer(Record record, RecordReceiver receiver) {
        int count = bufferedRecords();
        int bytes = 0;
        for (int i = 0; i < count; i++) {
            bytes += change.buffered[i].fragmentLength();
        }
        if (count == MAX_BUFFERED_RECORDS || bytes + record.fragmentLength() > MAX_BUFFERED_BYTES) {
            receiver.dropped(DropReason.FUTURE_EPOCH);
            return;
        }
        EpochChange change = change();
        if (change.buffered == null) {
            change.buffered = new Record[MAX_BUFFERED_RECORDS];
        }
        change.buffered[count] = record;
    }

    /** DTLS 1.2 always; DTLS 1.0 only in epoch 0, where hellos may carry it (RFC 6347 section 4.2.1). */
    private static boolean acceptableVersion(ProtocolVersion version, int epoch) {
        return version.equals(ProtocolVersion.DTLS_1_2) || (epoch == 0 && version.equals(ProtocolVersion.DTLS_1_0));
    }
}
