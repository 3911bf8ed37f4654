package io.coaps4j.dtls.record;

import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import java.util.Optional;

/**
 * Epoch 0: TLS_NULL_WITH_NULL_NULL (RFC 5246 section 6.1). No replay window: its sequence numbers are not
 * authenticated, so a forged high number would otherwise shut out the genuine handshake records; handshake
 * retransmissions are recognised by message_seq instead.
 */
final class PlaintextAssociation extends SecurityAssociation {

    PlaintextAssociation(long nextWriteSequence) {
        super(0, nextWriteSequence);
    }

    @Override
    public Optional<CipherSuite> cipherSuite() {
        return Optional.empty();
    }

    @Override
    public int protectedLength(int plaintextLength) {
        return headerLength() + plaintextLength;
    }

    @Override
    int seal(CryptoContext crypto, ContentType type, long sequence, byte[] plaintext, int offset, int length,
             byte[] out, int outOffset) {
        writeHeader(out, outOffset, type, 0, sequence, length);
        System.arraycopy(plaintext, offset, out, outOffset + headerLength(), length);
        return headerLength() + length;
    }

    @Override
    UnprotectResult unprotect(CryptoContext crypto, ContentType type, ProtocolVersion version, int epoch,
                              long sequence, byte[] source, int fragmentOffset, int fragmentLength) {
        if (epoch != 0) {
            return DroppedRecord.of(DropReason.UNKNOWN_EPOCH);
        }
        if (type == ContentType.APPLICATION_DATA) {
            return DroppedRecord.of(DropReason.EPOCH0_APPLICATION_DATA);
        }
        if (fragmentLength > MAX_PLAINTEXT_LENGTH) {
            return DroppedRecord.of(DropReason.OVERSIZED);
        }
        return new DecryptedRecord(type, 0, sequence,
                java.util.Arrays.copyOfRange(source, fragmentOffset, fragmentOffset + fragmentLength));
    }

    @Override
    public String toString() {
        return "SecurityAssociation[epoch 0, plaintext]";
    }
}
