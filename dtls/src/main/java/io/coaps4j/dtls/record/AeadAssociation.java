package io.coaps4j.dtls.record;

import io.coaps4j.dtls.crypto.AeadAlgorithm;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import java.util.Optional;

/**
 * An epoch protected by an AEAD suite (RFC 5246 section 6.2.3.3, RFC 6655 section 3): the fragment is the
 * 8-byte explicit nonce (epoch ‖ sequence number) followed by ciphertext and tag; the AEAD nonce is the
 * writer's 4-byte implicit IV followed by the explicit nonce; the additional data is
 * {@code epoch ‖ seq ‖ type ‖ version ‖ plaintext length} (RFC 6347 section 4.1.2.1).
 *
 * <p>Compact because every idle session keeps one: the two keys as arrays (their identity keys the
 * per-thread cipher cache), the 4-byte implicit IVs as ints, the replay window as two longs.
 */
final class AeadAssociation extends SecurityAssociation {
    private static final int AAD_LENGTH = 13;

    private final CipherSuite suite;
    private final byte[] readKey;
    private final byte[] writeKey;
    private final int readIv;
    private final int writeIv;
    /** The replay window (RFC 6347 section 4.1.2.6), as {@link ReplayWindow} keeps it. */
    private long highestReceived = -1;
    private long receivedBitmap;

    AeadAssociation(int epoch, CipherSuite suite, byte[] readKey, byte[] readIv, byte[] writeKey, byte[] writeIv,
                    long nextWriteSequence) {
        super(epoch, nextWriteSequence);
        this.suite = suite;
        this.readKey = readKey;
        this.writeKey = writeKey;
        this.readIv = implicitIv(readIv);
        this.writeIv = implicitIv(writeIv);
    }

    /** Writes what {@link AssociationState} exports: keys, implicit IVs, replay window (not the epoch or sequence). */
    void exportTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeShort(suite.code());
        out.writeByte(readKey.length);
        out.write(readKey);
        out.writeInt(readIv);
        out.writeByte(writeKey.length);
        out.write(writeKey);
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
        return headerLength() + suite.aead().expansion() + plaintextLength;
    }

    @Override
    int seal(CryptoContext crypto, ContentType type, long sequence, byte[] plaintext, int offset, int length,
             byte[] out, int outOffset) {
        AeadAlgorithm algorithm = suite.aead();
        int explicitLength = algorithm.explicitNonceLength();
        int fragmentLength = algorithm.expansion() + length;
        int epoch = epoch();
        writeHeader(out, outOffset, type, epoch, sequence, fragmentLength);
        int explicitOffset = outOffset + headerLength();
        writeEpochAndSequence(out, explicitOffset, epoch, sequence);
        byte[] nonce = nonce(crypto, writeIv, out, explicitOffset, explicitLength);
        byte[] aad = additionalData(crypto, epoch, sequence, type, ProtocolVersion.DTLS_1_2, length);
        crypto.aead(algorithm).seal(writeKey, nonce, aad, 0, AAD_LENGTH, plaintext, offset, length,
                out, explicitOffset + explicitLength);
        return headerLength() + fragmentLength;
    }

    @Override
    UnprotectResult unprotect(CryptoContext crypto, ContentType type, ProtocolVersion version, int epoch,
                              long sequence, byte[] source, int fragmentOffset, int fragmentLength) {
        if (epoch != epoch()) {
            return DroppedRecord.of(DropReason.UNKNOWN_EPOCH);
        }
        AeadAlgorithm algorithm = suite.aead();
        int plaintextLength = fragmentLength - algorithm.expansion();
        if (plaintextLength < 0) {
            return DroppedRecord.of(DropReason.MALFORMED);
        }
        if (plaintextLength > MAX_PLAINTEXT_LENGTH) {
            return DroppedRecord.of(DropReason.OVERSIZED);
        }
        // The cheap replay check comes first (RFC 6347 section 4.1.2.6) ...
        if (!ReplayWindow.mayAccept(highestReceived, receivedBitmap, sequence)) {
            return DroppedRecord.of(DropReason.REPLAY);
        }
        int explicitLength = algorithm.explicitNonceLength();
        byte[] nonce = nonce(crypto, readIv, source, fragmentOffset, explicitLength);
        byte[] aad = additionalData(crypto, epoch, sequence, type, version, plaintextLength);
        byte[] plaintext = new byte[plaintextLength];
        boolean authentic = crypto.aead(algorithm).open(readKey, nonce, aad, 0, AAD_LENGTH,
                source, fragmentOffset + explicitLength, fragmentLength - explicitLength, plaintext, 0);
        if (!authentic) {
            return DroppedRecord.of(DropReason.BAD_TAG);
        }
        // ... and the window moves only for authentic records.
        receivedBitmap = ReplayWindow.marked(highestReceived, receivedBitmap, sequence);
        highestReceived = Math.max(highestReceived, sequence);
        return new DecryptedRecord(type, epoch, sequence, plaintext);
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
