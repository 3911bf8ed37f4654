package io.coaps4j.dtls.record;

import io.coaps4j.dtls.crypto.Aead;
import io.coaps4j.dtls.crypto.AeadAlgorithm;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import java.util.Optional;

/**
 * An epoch protected by an AEAD suite (RFC 5246 section 6.2.3.3, RFC 6655 section 3): the fragment is the
 * 8-byte explicit nonce (epoch ‖ sequence number) followed by ciphertext and tag; the AEAD nonce is the
 * writer's 4-byte implicit IV followed by the explicit nonce; the additional data is
 * {@code epoch ‖ seq ‖ type ‖ version ‖ plaintext length} (RFC 6347 section 4.1.2.1).
 */
final class AeadAssociation extends SecurityAssociation {
    private static final int AAD_LENGTH = 13;

    private final CipherSuite suite;
    private final byte[] readKey;
    private final byte[] readIv;
    private final byte[] writeKey;
    private final byte[] writeIv;
    private final ReplayWindow replayWindow = new ReplayWindow();

    AeadAssociation(int epoch, CipherSuite suite, byte[] readKey, byte[] readIv, byte[] writeKey, byte[] writeIv,
                    long nextWriteSequence) {
        super(epoch, nextWriteSequence);
        this.suite = suite;
        this.readKey = readKey;
        this.readIv = readIv;
        this.writeKey = writeKey;
        this.writeIv = writeIv;
    }

    @Override
    public Optional<CipherSuite> cipherSuite() {
        return Optional.of(suite);
    }

    @Override
    public int protectedLength(int plaintextLength) {
        return Record.HEADER_LENGTH + suite.aead().expansion() + plaintextLength;
    }

    @Override
    int seal(CryptoContext crypto, ContentType type, long sequence, byte[] plaintext, int offset, int length,
             byte[] out, int outOffset) {
        AeadAlgorithm algorithm = suite.aead();
        int explicitLength = algorithm.explicitNonceLength();
        int fragmentLength = algorithm.expansion() + length;
        int epoch = epoch();
        writeHeader(out, outOffset, type, epoch, sequence, fragmentLength);
        int explicitOffset = outOffset + Record.HEADER_LENGTH;
        writeEpochAndSequence(out, explicitOffset, epoch, sequence);
        byte[] nonce = nonce(crypto, writeIv, out, explicitOffset, explicitLength);
        byte[] aad = additionalData(crypto, epoch, sequence, type, ProtocolVersion.DTLS_1_2, length);
        Aead aead = crypto.aead(algorithm);
        aead.seal(writeKey, nonce, aad, 0, AAD_LENGTH, plaintext, offset, length,
                out, explicitOffset + explicitLength);
        return Record.HEADER_LENGTH + fragmentLength;
    }

    @Override
    public UnprotectResult unprotect(CryptoContext crypto, Record record) {
        if (record.epoch() != epoch()) {
            return DroppedRecord.of(DropReason.UNKNOWN_EPOCH);
        }
        AeadAlgorithm algorithm = suite.aead();
        int plaintextLength = record.fragmentLength() - algorithm.expansion();
        if (plaintextLength < 0) {
            return DroppedRecord.of(DropReason.MALFORMED);
        }
        if (plaintextLength > MAX_PLAINTEXT_LENGTH) {
            return DroppedRecord.of(DropReason.OVERSIZED);
        }
        long sequence = record.sequenceNumber();
        // The cheap replay check comes first (RFC 6347 section 4.1.2.6) ...
        if (!replayWindow.mayAccept(sequence)) {
            return DroppedRecord.of(DropReason.REPLAY);
        }
        byte[] fragment = record.fragmentArray();
        int explicitLength = algorithm.explicitNonceLength();
        byte[] nonce = nonce(crypto, readIv, fragment, 0, explicitLength);
        byte[] aad = additionalData(crypto, epoch(), sequence, record.type(), record.version(), plaintextLength);
        byte[] plaintext = new byte[plaintextLength];
        boolean authentic = crypto.aead(algorithm).open(readKey, nonce, aad, 0, AAD_LENGTH,
                fragment, explicitLength, fragment.length - explicitLength, plaintext, 0);
        if (!authentic) {
            return DroppedRecord.of(DropReason.BAD_TAG);
        }
        // ... and the window moves only for authentic records.
        replayWindow.markReceived(sequence);
        return new DecryptedRecord(record.type(), epoch(), sequence, plaintext);
    }

    ReplayWindow replayWindow() {
        return replayWindow;
    }

    private static byte[] nonce(CryptoContext crypto, byte[] implicit, byte[] explicit, int offset, int length) {
        byte[] nonce = crypto.recordNonceBuffer();
        System.arraycopy(implicit, 0, nonce, 0, implicit.length);
        System.arraycopy(explicit, offset, nonce, implicit.length, length);
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
