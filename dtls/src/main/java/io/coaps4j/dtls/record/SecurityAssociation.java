package io.coaps4j.dtls.record;

import io.coaps4j.dtls.crypto.AeadAlgorithm;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.KeyBlock;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys of one epoch of a connection, in both directions: epoch, cipher suite, read key and implicit
 * nonce, write key and implicit nonce, the next write sequence number and the read replay window.
 *
 * <p>This is the seam between key management and record protection: the DTLS handshake produces one with
 * {@link #fromKeyBlock}, and another key-management protocol (for example the end-to-end protection of
 * draft-garcia-core-app-layer-sec-with-dtls-record) installs one directly with {@link #builder()}.
 * Epoch 0 uses {@link #plaintext()}.
 *
 * <p>An association owns only key bytes and counters; the cipher objects come from the caller's
 * per-thread {@link CryptoContext}. Not thread-safe: one connection's associations are used by one loop.
 */
public abstract sealed class SecurityAssociation permits PlaintextAssociation, AeadAssociation {
    /** RFC 5246 section 6.2.1: plaintext fragments are at most 2^14 bytes. */
    public static final int MAX_PLAINTEXT_LENGTH = 1 << 14;
    /** RFC 9146 section 3: {@code opaque cid<0..2^8-1>}. */
    public static final int MAX_CID_LENGTH = 255;

    private final int epoch;
    private long nextWriteSequence;

    SecurityAssociation(int epoch, long nextWriteSequence) {
        this.epoch = epoch;
        this.nextWriteSequence = nextWriteSequence;
    }

    /** The epoch-0 association: records travel unprotected and application data is never accepted. */
    public static SecurityAssociation plaintext() {
        return new PlaintextAssociation(0);
    }

    /**
     * The epoch-0 association with its write sequence starting at {@code nextWriteSequence}, e.g. a server
     * continuing from the ClientHello's record sequence number (RFC 6347 section 4.2.1).
     */
    public static SecurityAssociation plaintext(long nextWriteSequence) {
        checkSequence(nextWriteSequence);
        return new PlaintextAssociation(nextWriteSequence);
    }

    /** The association a handshake establishes, reading with the peer's keys and writing with {@code localEnd}'s. */
    public static SecurityAssociation fromKeyBlock(int epoch, CipherSuite suite, KeyBlock keys,
                                                   ConnectionEnd localEnd) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(localEnd, "localEnd");
        return builder()
                .epoch(epoch)
                .cipherSuite(suite)
                .readKey(keys.writeKey(localEnd.peer()))
                .readIv(keys.writeIv(localEnd.peer()))
                .writeKey(keys.writeKey(localEnd))
                .writeIv(keys.writeIv(localEnd))
                .build();
    }

    /** A builder to install an association from key material agreed by any key-management protocol. */
    public static Builder builder() {
        return new Builder();
    }

    public final int epoch() {
        return epoch;
    }

    /** The suite protecting this epoch, empty for epoch 0. */
    public abstract Optional<CipherSuite> cipherSuite();

    /** Whether records of this association are encrypted and authenticated. */
    public final boolean isProtected() {
        return cipherSuite().isPresent();
    }

    /** The sequence number the next protected record gets. */
    public final long nextWriteSequence() {
        return nextWriteSequence;
    }

    /** Bytes of the record, header included, that {@link #protect} makes of {@code plaintextLength} bytes. */
    public abstract int protectedLength(int plaintextLength);

    /**
     * The header length of the records this association writes: 13 bytes (RFC 6347 section 4.1); an
     * association with a connection ID (RFC 9146) adds its CID.
     */
    public int headerLength() {
        return Record.HEADER_LENGTH;
    }

    /**
     * This association with connection IDs (RFC 9146): {@code readCid} is the CID the peer puts in its records
     * (this side's), {@code writeCid} the one this side puts in its records (the peer's); null or empty for
     * plain records in that direction. Keys and sequence state are the same; use it before the first record.
     *
     * @throws UnsupportedOperationException for the epoch-0 association, whose records never carry a CID
     * @throws IllegalArgumentException      for a CID longer than 255 bytes
     */
    public SecurityAssociation withConnectionIds(byte[] readCid, byte[] writeCid) {
        throw new UnsupportedOperationException("epoch-0 records never carry a connection ID (RFC 9146 section 4)");
    }

    /** Bytes of the CID in the records the peer sends (this side's CID); 0 when it sends plain records. */
    public int readCidLength() {
        return 0;
    }

    /** The CID in the records the peer sends, this side's; empty when none was negotiated for that direction. */
    public Optional<byte[]> readConnectionId() {
        return Optional.empty();
    }

    /** The CID in the records this side sends, the peer's; empty when none was negotiated for that direction. */
    public Optional<byte[]> writeConnectionId() {
        return Optional.empty();
    }

    /** Whether {@code source} holds this side's CID at {@code offset}; false when it has none. */
    boolean readCidAt(byte[] source, int offset) {
        return false;
    }

    /** The highest sequence number of an authentic record received so far, -1 before the first. */
    public long highestReceived() {
        return -1;
    }

    /**
     * Writes one record carrying {@code length} bytes of {@code plaintext} into {@code out} at
     * {@code outOffset} with the next write sequence number; returns the record's length
     * ({@link #protectedLength}). The output must not overlap the input.
     *
     * @throws SequenceNumberExhaustedException when the epoch's 2^48 sequence numbers are used up
     * @throws IllegalArgumentException         when the plaintext is longer than 2^14 bytes or a range is out of bounds
     */
    public final int protect(CryptoContext crypto, ContentType type, byte[] plaintext, int offset, int length,
                             byte[] out, int outOffset) {
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(type, "type");
        Objects.checkFromIndexSize(offset, length, plaintext.length);
        if (length > MAX_PLAINTEXT_LENGTH) {
            throw new IllegalArgumentException("plaintext must be at most " + MAX_PLAINTEXT_LENGTH
                    + " bytes, was " + length);
        }
        Objects.checkFromIndexSize(outOffset, protectedLength(length), out.length);
        if (nextWriteSequence > Record.MAX_SEQUENCE_NUMBER) {
            throw new SequenceNumberExhaustedException(epoch);
        }
        long sequence = nextWriteSequence;
        int written = seal(crypto, type, sequence, plaintext, offset, length, out, outOffset);
        nextWriteSequence = sequence + 1;
        return written;
    }

    /** {@link #protect(CryptoContext, ContentType, byte[], int, int, byte[], int)} into a new array. */
    public final byte[] protect(CryptoContext crypto, ContentType type, byte[] plaintext, int offset, int length) {
        byte[] out = new byte[protectedLength(length)];
        protect(crypto, type, plaintext, offset, length, out, 0);
        return out;
    }

    public final byte[] protect(CryptoContext crypto, ContentType type, byte[] plaintext) {
        return protect(crypto, type, plaintext, 0, plaintext.length);
    }

    /**
     * Checks and decrypts a received record: wrong epoch, replayed sequence number, bad tag or content that
     * this epoch must not carry give a {@link DroppedRecord}; otherwise a {@link DecryptedRecord}. The replay
     * window moves only when the tag has verified.
     */
    public final UnprotectResult unprotect(CryptoContext crypto, Record record) {
        Objects.requireNonNull(crypto, "crypto");
        return unprotect(crypto, record.type(), record.version(), record.epoch(), record.sequenceNumber(),
                record.fragmentArray(), 0, record.fragmentLength());
    }

    /**
     * {@link #unprotect(CryptoContext, Record)} for a record still in its datagram: the header's fields
     * decoded, the fragment at {@code fragmentOffset} in {@code source}, which is only read. Spares the
     * record layer a copy of every fragment.
     */
    abstract UnprotectResult unprotect(CryptoContext crypto, ContentType type, ProtocolVersion version, int epoch,
                                       long sequence, byte[] source, int fragmentOffset, int fragmentLength);

    /** Writes the record for {@code sequence}; arguments are checked. */
    abstract int seal(CryptoContext crypto, ContentType type, long sequence, byte[] plaintext, int offset,
                      int length, byte[] out, int outOffset);

    /** Writes the 13-byte record header (RFC 6347 section 4.1). */
    static void writeHeader(byte[] out, int offset, ContentType type, int epoch, long sequence, int length) {
        out[offset] = (byte) type.code();
        out[offset + 1] = (byte) ProtocolVersion.DTLS_1_2.major();
        out[offset + 2] = (byte) ProtocolVersion.DTLS_1_2.minor();
        writeEpochAndSequence(out, offset + 3, epoch, sequence);
        out[offset + 11] = (byte) (length >>> 8);
        out[offset + 12] = (byte) length;
    }

    /** The 8 bytes epoch ‖ sequence_number, DTLS's form of the TLS seq_num (RFC 6347 section 4.1.2.1). */
    static void writeEpochAndSequence(byte[] out, int offset, int epoch, long sequence) {
        out[offset] = (byte) (epoch >>> 8);
        out[offset + 1] = (byte) epoch;
        for (int i = 0; i < 6; i++) {
            out[offset + 2 + i] = (byte) (sequence >>> (40 - 8 * i));
        }
    }

    static void checkSequence(long nextWriteSequence) {
        if (nextWriteSequence < 0 || nextWriteSequence > Record.MAX_SEQUENCE_NUMBER + 1) {
            throw new IllegalArgumentException("nextWriteSequence must be 0 to 2^48, was " + nextWriteSequence);
        }
    }

    /**
     * Collects and validates the parts of a protected association; {@link #build()} names the first missing
     * or wrong field.
     */
    public static final class Builder {
        private int epoch = -1;
        private CipherSuite suite;
        private byte[] readKey;
        private byte[] readIv;
        private byte[] writeKey;
        private byte[] writeIv;
        private long nextWriteSequence;

        private Builder() {
        }

        /** 1 to 65535; epoch 0 is {@link #plaintext()}. */
        public Builder epoch(int epoch) {
            this.epoch = epoch;
            return this;
        }

        public Builder cipherSuite(CipherSuite suite) {
            this.suite = suite;
            return this;
        }

        /** The key the peer writes with. Copied. */
        public Builder readKey(byte[] key) {
            this.readKey = key == null ? null : key.clone();
            return this;
        }

        /** The peer's implicit nonce part (its write IV). Copied. */
        public Builder readIv(byte[] iv) {
            this.readIv = iv == null ? null : iv.clone();
            return this;
        }

        public Builder writeKey(byte[] key) {
            this.writeKey = key == null ? null : key.clone();
            return this;
        }

        public Builder writeIv(byte[] iv) {
            this.writeIv = iv == null ? null : iv.clone();
            return this;
        }

        /** Where the write sequence starts; 0 unless the key-management protocol says otherwise. */
        public Builder nextWriteSequence(long nextWriteSequence) {
            this.nextWriteSequence = nextWriteSequence;
            return this;
        }

        public SecurityAssociation build() {
            if (epoch < 1 || epoch > Record.MAX_EPOCH) {
                throw new IllegalArgumentException("epoch must be 1 to 65535 for a protected association, was "
                        + (epoch == -1 ? "not set" : String.valueOf(epoch)));
            }
            if (suite == null) {
                throw new IllegalArgumentException("cipherSuite must be set");
            }
            AeadAlgorithm aead = suite.aead();
            check("readKey", readKey, aead.keyLength());
            check("readIv", readIv, aead.fixedIvLength());
            check("writeKey", writeKey, aead.keyLength());
            check("writeIv", writeIv, aead.fixedIvLength());
            checkSequence(nextWriteSequence);
            return new AeadAssociation(epoch, suite, readKey.clone(), readIv.clone(), writeKey.clone(),
                    writeIv.clone(), nextWriteSequence);
        }

        private static void check(String name, byte[] value, int length) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must be set");
            }
            if (value.length != length) {
                throw new IllegalArgumentException(name + " must be " + length + " bytes, was " + value.length);
            }
        }
    }
}
