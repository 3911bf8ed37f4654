package io.coaps4j.dtls.record;

import io.coaps4j.dtls.crypto.CipherSuite;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The state of a protected epoch as a graceful restart carries it (issue 9 item 4): epoch, suite, both keys and
 * implicit IVs, the next write sequence number and the replay window. Plaintext here; the caller seals it.
 *
 * <pre>
 * u16 epoch  u64 next write sequence  u16 suite  u8 length, read key  u32 read IV  u8 length, write key
 * u32 write IV  i64 highest received sequence  u64 replay bitmap
 * </pre>
 */
public final class AssociationState {
    private AssociationState() {
    }

    /** Whether {@code association} can be exported: a protected (AEAD) one. */
    public static boolean exportable(SecurityAssociation association) {
        return association instanceof AeadAssociation;
    }

    /** Writes {@code association}, which must be {@link #exportable}. */
    public static void write(SecurityAssociation association, DataOutputStream out) throws IOException {
        if (!(association instanceof AeadAssociation aead)) {
            throw new IllegalArgumentException("only a protected association can be exported, not " + association);
        }
        out.writeShort(aead.epoch());
        out.writeLong(aead.nextWriteSequence());
        aead.exportTo(out);
    }

    /**
     * Reads an association written by {@link #write}, its next write sequence number moved ahead by
     * {@code sequenceMargin}, so that no number that may have been sent after the export is used again (a nonce
     * reused under the same key would break AES-CCM). Empty when it names an unknown suite or bad lengths.
     */
    public static Optional<SecurityAssociation> read(DataInputStream in, long sequenceMargin) throws IOException {
        int epoch = in.readUnsignedShort();
        long nextWrite = in.readLong();
        Optional<CipherSuite> suite = CipherSuite.forCode(in.readUnsignedShort());
        byte[] readKey = new byte[in.readUnsignedByte()];
        in.readFully(readKey);
        int readIv = in.readInt();
        byte[] writeKey = new byte[in.readUnsignedByte()];
        in.readFully(writeKey);
        int writeIv = in.readInt();
        long highest = in.readLong();
        long bitmap = in.readLong();
        if (suite.isEmpty() || nextWrite < 0 || sequenceMargin < 0) {
            return Optional.empty();
        }
        SecurityAssociation association;
        try {
            association = SecurityAssociation.builder().epoch(epoch).cipherSuite(suite.get())
                    .readKey(readKey).readIv(ByteBuffer.allocate(4).putInt(readIv).array())
                    .writeKey(writeKey).writeIv(ByteBuffer.allocate(4).putInt(writeIv).array())
                    .nextWriteSequence(nextWrite + sequenceMargin).build();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        ((AeadAssociation) association).restoreReplayWindow(highest, bitmap);
        return Optional.of(association);
    }
}
