package io.coaps4j.dtls.record;

import io.coaps4j.dtls.crypto.AeadAlgorithm;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import java.util.Arrays;
import java.util.Optional;

/**
 * An epoch protected by an AEAD suite (RFC 5246 section 6.2.3.3, RFC 6655 section 3): the fragment is the
 * 8-byte explicit nonce (epoch ‖ sequence number) followed by ciphertext and tag; the AEAD nonce is the
 * writer's 4-byte implicit IV followed by the explicit nonce; the additional data is
 * {@code epoch ‖ seq ‖ type ‖ version ‖ plaintext length} (RFC 6347 section 4.1.2.1).
 *
 * <p>With connection IDs (RFC 9146): records this side writes with the peer's CID ({@code writeCid}) are
 * tls12_cid records, their plaintext the DTLSInnerPlaintext (content ‖ real type, no padding added) and their
 * additional data that of RFC 9146 section 5.3; records the peer writes with this side's CID ({@code readCid})
 * must be tls12_cid records, and no other protected record is accepted (section 4). A zero-length CID means
 * plain records in that direction, so either may be null.
 *
 * <p>Compact because every idle session keeps one: the two keys and this side's CID in one array (its identity
 * and a key's offset in it key the per-thread cipher cache), the 4-byte implicit IVs as ints, the replay window
 * as two longs, the peer's CID as an array or null.
 */
final class AeadAssociation extends SecurityAssociation {
    private static final int AAD_LENGTH = 13;

    private final CipherSuite suite;
    /**
     * The read key, the write key and this side's CID (none when the peer sends plain records), in one array
     * because every idle session keeps them: one array header instead of three.
     */
    private final byte[] keysAndReadCid;
    private final int readIv;
    private final int writeIv;
    /** The replay window (RFC 6347 section 4.1.2.6), as {@link ReplayWindow} keeps it. */
    private long highestReceived = -1;
    private long receivedBitmap;
    /** The CID we put in the records we send (the peer's), or null: we send plain records. */
    private final byte[] writeCid;

    AeadAssociation(int epoch, CipherSuite suite, byte[] readKey, byte[] readIv, byte[] writeKey, byte[] writeIv,
                    long nextWriteSequence) {
        super(epoch, nextWriteSequence);
        this.suite = suite;
        int keyLength = suite.aead().keyLength();
        if (readKey.length != keyLength || writeKey.length != keyLength) {
            throw new IllegalArgumentException("the keys of " + suite + " have " + keyLength + " bytes, were "
                    + readKey.length + " and " + writeKey.length);
        }
        this.keysAndReadCid = joined(readKey, writeKey, null);
        this.readIv = implicitIv(readIv);
        this.writeIv = implicitIv(writeIv);
        this.writeCid = null;
    }

    private static byte[] joined(byte[] readKey, byte[] writeKey, byte[] readCid) {
        int cidLength = readCid == null ? 0 : readCid.length;
        byte[] joined = new byte[readKey.length + writeKey.length + cidLength];
        System.arraycopy(readKey, 0, joined, 0, readKey.length);
        System.arraycopy(writeKey, 0, joined, readKey.length, writeKey.length);
        if (cidLength > 0) {
            System.arraycopy(readCid, 0, joined, readKey.length + writeKey.length, cidLength);
        }
        return joined;
    }

    private int keyLength() {
        return suite.aead().keyLength();
    }

    /** Where this side's CID starts in {@link #keysAndReadCid}. */
    private int readCidOffset() {
        return 2 * keyLength();
    }

    /** {@code keys} with the connection IDs {@code readCid} and {@code writeCid} (null or empty: none). */
    private AeadAssociation(AeadAssociation keys, byte[] readCid, byte[] writeCid) {
        super(keys.epoch(), keys.nextWriteSequence());
        this.suite = keys.suite;
        int keyLength = keys.keyLength();
        this.keysAndReadCid = joined(Arrays.copyOfRange(keys.keysAndReadCid, 0, keyLength),
                Arrays.copyOfRange(keys.keysAndReadCid, keyLength, 2 * keyLength),
                readCid == null || readCid.length == 0 ? null : readCid);
        this.readIv = keys.readIv;
        this.writeIv = keys.writeIv;
        this.highestReceived = keys.highestReceived;
        this.receivedBitmap = keys.receivedBitmap;
        this.writeCid = writeCid == null || writeCid.length == 0 ? null : writeCid.clone();
    }

    @Override
    public SecurityAssociation withConnectionIds(byte[] readCid, byte[] writeCid) {
        checkCid("readCid", readCid);
        checkCid("writeCid", writeCid);
        return new AeadAssociation(this, readCid, writeCid);
    }

    private static void checkCid(String name, byte[] cid) {
        if (cid != null && cid.length > MAX_CID_LENGTH) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_CID_LENGTH + " bytes (RFC 9146"
                    + " section 3), was " + cid.length);
        }
    }

    @Override
    public int readCidLength() {
        return keysAndReadCid.length - readCidOffset();
    }

    /** Whether the peer puts this side's CID in its records (else it sends plain records). */
    private boolean hasReadCid() {
        return keysAndReadCid.length > readCidOffset();
    }

    /** This side's CID, a copy, or null. */
    private byte[] readCid() {
        return hasReadCid() ? Arrays.copyOfRange(keysAndReadCid, readCidOffset(), keysAndReadCid.length) : null;
    }

    @Override
    public Optional<byte[]> readConnectionId() {
        return Optional.ofNullable(readCid());
    }

    @Override
    public Optional<byte[]> writeConnectionId() {
        return writeCid == null ? Optional.empty() : Optional.of(writeCid.clone());
    }

    @Override
    boolean readCidAt(byte[] source, int offset) {
        int cidOffset = readCidOffset();
        int length = keysAndReadCid.length - cidOffset;
        if (length == 0 || offset + length > source.length) {
            return false;
        }
        return Arrays.equals(keysAndReadCid, cidOffset, keysAndReadCid.length, source, offset, offset + length);
    }

    @Override
    public long highestReceived() {
        return highestReceived;
    }

    @Override
    public int headerLength() {
        return writeCid == null ? Record.HEADER_LENGTH : Record.HEADER_LENGTH + writeCid.length;
    }

    /** Writes what {@link AssociationState} exports: keys, implicit IVs, replay window (not the epoch or sequence). */
    void exportTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeShort(suite.code());
        int keyLength = keyLength();
        out.writeByte(keyLength);
        out.write(keysAndReadCid, 0, keyLength);
        out.writeInt(readIv);
        out.writeByte(keyLength);
        out.write(keysAndReadCid, keyLength, keyLength);
        out.writeInt(writeIv);
        out.writeLong(highestReceived);
        out.writeLong(receivedBitmap);
    }

    /** Restores the replay window of an imported association (RFC 6347 section 4.1.2.6). */
    void restoreReplayWindow(long highest, long bitmap) {
        this.highestReceived = highest;
        this.receivedBitmap = bitmap;
    }

    private static int implicitIv(byte[] iv) {
        if (iv.length != 4) {
            throw new IllegalArgumentException("the implicit IV must be 4 bytes (RFC 5288, RFC 6655), was " + iv.length);
        }
        return ((iv[0] & 0xFF) << 24) | ((iv[1] & 0xFF) << 16) | ((iv[2] & 0xFF) << 8) | (iv[3] & 0xFF);
    }

    @Override
    public Optional<CipherSuite> cipherSuite() {
        return Optional.of(suite);
    }

    @Override
    public int protectedLength(int plaintextLength) {
        return headerLength() + suite.aead().expansion() + plaintextLength + (writeCid == null ? 0 : 1);
    }

    @Override
    int seal(CryptoContext crypto, ContentType type, long sequence, byte[] plaintext, int offset, int length,
             byte[] out, int outOffset) {
        if (writeCid != null) {
            return sealWithCid(crypto, type, sequence, plaintext, offset, length, out, outOffset);
        }
        AeadAlgorithm algorithm = suite.aead();
        int explicitLength = algorithm.explicitNonceLength();
        int fragmentLength = algorithm.expansion() + length;
        int epoch = epoch();
        writeHeader(out, outOffset, type, epoch, sequence, fragmentLength);
        int explicitOffset = outOffset + headerLength();
        writeEpochAndSequence(out, explicitOffset, epoch, sequence);
        byte[] nonce = nonce(crypto, writeIv, out, explicitOffset, explicitLength);
        byte[] aad = additionalData(crypto, epoch, sequence, type, ProtocolVersion.DTLS_1_2, length);
        crypto.aead(algorithm).seal(keysAndReadCid, keyLength(), nonce, aad, 0, AAD_LENGTH, plaintext, offset, length,
                out, explicitOffset + explicitLength);
        return headerLength() + fragmentLength;
    }

    /**
     * A tls12_cid record (RFC 9146 section 4): the header carries the peer's CID, the plaintext is the
     * DTLSInnerPlaintext (content ‖ real type; this side adds no padding).
     */
    private int sealWithCid(CryptoContext crypto, ContentType type, long sequence, byte[] plaintext, int offset,
                            int length, byte[] out, int outOffset) {
        AeadAlgorithm algorithm = suite.aead();
        int explicitLength = algorithm.explicitNonceLength();
        int innerLength = length + 1;
        int fragmentLength = algorithm.expansion() + innerLength;
        int epoch = epoch();
        out[outOffset] = (byte) ContentType.TLS12_CID.code();
        out[outOffset + 1] = (byte) ProtocolVersion.DTLS_1_2.major();
        out[outOffset + 2] = (byte) ProtocolVersion.DTLS_1_2.minor();
        writeEpochAndSequence(out, outOffset + 3, epoch, sequence);
        System.arraycopy(writeCid, 0, out, outOffset + 11, writeCid.length);
        int header = headerLength();
        out[outOffset + header - 2] = (byte) (fragmentLength >>> 8);
        out[outOffset + header - 1] = (byte) fragmentLength;
        int explicitOffset = outOffset + header;
        writeEpochAndSequence(out, explicitOffset, epoch, sequence);
        byte[] inner = new byte[innerLength];
        System.arraycopy(plaintext, offset, inner, 0, length);
        inner[length] = (byte) type.code();
        byte[] nonce = nonce(crypto, writeIv, out, explicitOffset, explicitLength);
        byte[] aad = cidAdditionalData(ProtocolVersion.DTLS_1_2, epoch, sequence, writeCid, innerLength);
        crypto.aead(algorithm).seal(keysAndReadCid, keyLength(), nonce, aad, 0, aad.length, inner, 0, innerLength,
                out, explicitOffset + explicitLength);
        return header + fragmentLength;
    }

    /**
     * The additional data of a tls12_cid record (RFC 9146 section 5.3): seq_num_placeholder (8 × 0xff) ‖
     * tls12_cid ‖ cid_length ‖ tls12_cid ‖ version ‖ epoch ‖ sequence_number ‖ cid ‖ length_of_DTLSInnerPlaintext.
     */
    static byte[] cidAdditionalData(ProtocolVersion version, int epoch, long sequence, byte[] cid, int innerLength) {
        return cidAdditionalData(version, epoch, sequence, cid, 0, cid.length, innerLength);
    }

    /** As above with the CID the {@code cidLength} bytes of {@code source} at {@code cidOffset}. */
    static byte[] cidAdditionalData(ProtocolVersion version, int epoch, long sequence, byte[] source, int cidOffset,
                                    int cidLength, int innerLength) {
        byte[] aad = new byte[23 + cidLength];
        java.util.Arrays.fill(aad, 0, 8, (byte) 0xFF);
        aad[8] = (byte) ContentType.TLS12_CID.code();
        aad[9] = (byte) cidLength;
        aad[10] = (byte) ContentType.TLS12_CID.code();
        aad[11] = (byte) version.major();
        aad[12] = (byte) version.minor();
        writeEpochAndSequence(aad, 13, epoch, sequence);
        System.arraycopy(source, cidOffset, aad, 21, cidLength);
        aad[21 + cidLength] = (byte) (innerLength >>> 8);
        aad[22 + cidLength] = (byte) innerLength;
        return aad;
    }

    @Override
    UnprotectResult unprotect(CryptoContext crypto, ContentType type, ProtocolVersion version, int epoch,
                              long sequence, byte[] source, int fragmentOffset, int fragmentLength) {
        if (epoch != epoch()) {
            return DroppedRecord.of(DropReason.UNKNOWN_EPOCH);
        }
        // RFC 9146 section 4: with our CID negotiated, only tls12_cid records; without it, none.
        boolean withCid = hasReadCid();
        if ((type == ContentType.TLS12_CID) != withCid) {
            return DroppedRecord.of(DropReason.BAD_CID);
        }
        AeadAlgorithm algorithm = suite.aead();
        int plaintextLength = fragmentLength - algorithm.expansion();
        if (plaintextLength < 0) {
            return DroppedRecord.of(DropReason.MALFORMED);
        }
        if (plaintextLength > MAX_PLAINTEXT_LENGTH + (withCid ? 1 : 0)) {
            return DroppedRecord.of(DropReason.OVERSIZED);
        }
        // The cheap replay check comes first (RFC 6347 section 4.1.2.6) ...
        if (!ReplayWindow.mayAccept(highestReceived, receivedBitmap, sequence)) {
            return DroppedRecord.of(DropReason.REPLAY);
        }
        int explicitLength = algorithm.explicitNonceLength();
        byte[] nonce = nonce(crypto, readIv, source, fragmentOffset, explicitLength);
        byte[] aad = withCid ? cidAdditionalData(version, epoch, sequence, keysAndReadCid, readCidOffset(),
                readCidLength(), plaintextLength)
                : additionalData(crypto, epoch, sequence, type, version, plaintextLength);
        byte[] plaintext = new byte[plaintextLength];
        boolean authentic = crypto.aead(algorithm).open(keysAndReadCid, 0, nonce, aad, 0, withCid ? aad.length : AAD_LENGTH,
                source, fragmentOffset + explicitLength, fragmentLength - explicitLength, plaintext, 0);
        if (!authentic) {
            return DroppedRecord.of(DropReason.BAD_TAG);
        }
        // ... and the window moves only for authentic records.
        receivedBitmap = ReplayWindow.marked(highestReceived, receivedBitmap, sequence);
        highestReceived = Math.max(highestReceived, sequence);
        return !withCid ? new DecryptedRecord(type, epoch, sequence, plaintext)
                : innerPlaintext(epoch, sequence, plaintext);
    }

    /**
     * The content and real type of a DTLSInnerPlaintext (RFC 9146 section 4): the type is the last non-zero
     * byte, zeros after it are padding. All zeros, or a type that may not be inside, is malformed. The record
     * authenticated, so the replay window has already moved past it either way.
     */
    private static UnprotectResult innerPlaintext(int epoch, long sequence, byte[] inner) {
        int end = inner.length - 1;
        while (end >= 0 && inner[end] == 0) {
            end--;
        }
        ContentType real = end < 0 ? null : ContentType.fromCode(inner[end] & 0xFF);
        if (real == null || real == ContentType.TLS12_CID) {
            return DroppedRecord.of(DropReason.MALFORMED);
        }
        return new DecryptedRecord(real, epoch, sequence, java.util.Arrays.copyOf(inner, end));
    }

    private static byte[] nonce(CryptoContext crypto, int implicit, byte[] explicit, int offset, int length) {
        byte[] nonce = crypto.recordNonceBuffer();
        nonce[0] = (byte) (implicit >>> 24);
        nonce[1] = (byte) (implicit >>> 16);
        nonce[2] = (byte) (implicit >>> 8);
        nonce[3] = (byte) implicit;
        System.arraycopy(explicit, offset, nonce, 4, length);
        return nonce;
    }

    private static byte[] additionalData(CryptoContext crypto, int epoch, long sequence, ContentType type,
                                         ProtocolVersion version, int plaintextLength) {
        byte[] aad = crypto.recordAadBuffer();
        writeEpochAndSequence(aad, 0, epoch, sequence);
        aad[8] = (byte) type.code();
        aad[9] = (byte) version.major();
        aad[10] = (byte) version.minor();
        aad[11] = (byte) (plaintextLength >>> 8);
        aad[12] = (byte) plaintextLength;
        return aad;
    }

    @Override
    public String toString() {
        return "SecurityAssociation[epoch " + epoch() + ", " + suite + ", keys hidden]";
    }
}
