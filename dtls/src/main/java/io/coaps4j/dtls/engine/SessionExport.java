package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.crypto.AesGcmSealer;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.EstablishedSession;
import io.coaps4j.dtls.handshake.SessionStateCodec;
import io.coaps4j.dtls.record.AssociationState;
import io.coaps4j.dtls.record.RecordLayer;
import io.coaps4j.dtls.record.SecurityAssociation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A server's established sessions, sealed for a graceful restart (issue 9 item 4): the clients go on after the
 * restart with no handshake. Sealed with AES-GCM under a key from the configuration, the header authenticated:
 *
 * <pre>
 * "C4JS" u8 version (1) | nonce[12] | AES-GCM( u32 count, count × session ) | tag[16]
 * session: u8 address length (4 or 16), address, u16 port, {@link SessionStateCodec} state, u8 resumed,
 *          {@link AssociationState} of the current epoch,
 *          u8 TLV count, count × (u8 type, u16 length, value): type 1 the connection ID in the client's records
 *          (this server's, RFC 9146), type 2 the one in this server's records (the client's), type 3 one byte, 1
 *          when the return routability check (RFC 9853) was negotiated; unknown types are skipped
 * </pre>
 *
 * After the import every session's next write sequence number is {@link #SEQUENCE_MARGIN} higher than exported:
 * records the old process may have sent after the export (it is taken before the socket closes, but a crash
 * after a restart could make a stale file be imported twice) never reuse a sequence number, hence a nonce, under
 * the same key. Callers should still delete the file once imported.
 */
final class SessionExport {
    static final byte[] MAGIC = "C4JS".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /** How far the write sequence numbers skip ahead on import: 2^20 records. */
    static final long SEQUENCE_MARGIN = 1L << 20;
    static final int TLV_CONNECTION_ID = 1;
    static final int TLV_PEER_CONNECTION_ID = 2;
    static final int TLV_RETURN_ROUTABILITY = 3;
    /** The fewest bytes a session takes: IPv4 address, port, state, resumed flag, association, TLV count. */
    static final int MIN_SESSION_LENGTH = 1 + 4 + 2 + 64 + 1 + 38 + 1;

    private SessionExport() {
    }

    /** Every established session of {@code sessions} whose current epoch is settled, sealed under {@code key}. */
    static Sealed seal(Iterable<DtlsConnection> sessions, byte[] key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int count = 0;
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0);
            for (DtlsConnection connection : sessions) {
                RecordLayer records = connection.recordLayer();
                SecurityAssociation current = records.writeAssociation();
                if (connection.role() != ConnectionEnd.SERVER || records.readAssociation() != current
                        || !AssociationState.exportable(current) || connection.session().isEmpty()) {
                    continue;
                }
                EstablishedSession established = connection.session().get().established();
                byte[] address = connection.peer().getAddress().getAddress();
                out.writeByte(address.length);
                out.write(address);
                out.writeShort(connection.peer().getPort());
                SessionStateCodec.write(out, established.exportState(), 0);
                out.writeByte(established.resumed() ? 1 : 0);
                AssociationState.write(current, out);
                byte[] readCid = current.readConnectionId().orElse(new byte[0]);
                byte[] writeCid = current.writeConnectionId().orElse(new byte[0]);
                out.writeByte(3);
                writeTlv(out, TLV_CONNECTION_ID, readCid);
                writeTlv(out, TLV_PEER_CONNECTION_ID, writeCid);
                writeTlv(out, TLV_RETURN_ROUTABILITY, new byte[] {(byte) (connection.returnRoutabilityNegotiated() ? 1 : 0)});
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] plain = bytes.toByteArray();
        plain[0] = (byte) (count >>> 24);
        plain[1] = (byte) (count >>> 16);
        plain[2] = (byte) (count >>> 8);
        plain[3] = (byte) count;
        try {
            byte[] header = header();
            byte[] sealed = AesGcmSealer.seal(key, header, plain);
            byte[] file = Arrays.copyOf(header, header.length + sealed.length);
            System.arraycopy(sealed, 0, file, header.length, sealed.length);
            return new Sealed(file, count);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static void writeTlv(DataOutputStream out, int type, byte[] value) throws IOException {
        out.writeByte(type);
        out.writeShort(value.length);
        out.write(value);
    }

    /** An export and how many sessions it holds. */
    record Sealed(byte[] bytes, int sessions) {
    }

    /** A session read back from an export. */
    record Restored(InetSocketAddress peer, EstablishedSession session, SecurityAssociation association,
                    byte[] connectionId, boolean returnRoutability) {
    }

    /** The sessions in {@code file}, sealed under {@code key}; all or nothing. */
    static List<Restored> open(byte[] file, byte[] key) throws SessionImportException {
        byte[] header = header();
        if (file.length < header.length || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new SessionImportException("not a coaps4j session export (no \"C4JS\" header)");
        }
        if (file[MAGIC.length] != VERSION) {
            throw new SessionImportException("session export version " + (file[MAGIC.length] & 0xFF)
                    + " is not supported, only " + VERSION);
        }
        Optional<byte[]> plain = AesGcmSealer.open(key, header, Arrays.copyOfRange(file, header.length, file.length));
        if (plain.isEmpty()) {
            throw new SessionImportException("session export does not verify: truncated, tampered with, or sealed"
                    + " under another key");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain.get()))) {
            int count = in.readInt();
            if (count < 0) {
                throw new SessionImportException("session export claims " + count + " sessions");
            }
            // Room for what the bytes can hold, not for what the count claims.
            List<Restored> restored = new ArrayList<>(Math.min(count, in.available() / MIN_SESSION_LENGTH));
            for (int i = 0; i < count; i++) {
                restored.add(readSession(in, i));
            }
            if (in.available() != 0) {
                throw new SessionImportException("session export has " + in.available() + " bytes after its "
                        + count + " sessions");
            }
            return restored;
        } catch (EOFException e) {
            throw new SessionImportException("session export ends inside a session");
        } catch (IOException e) {
            throw new SessionImportException("session export unreadable: " + e.getMessage());
        } finally {
            Arrays.fill(plain.get(), (byte) 0);
        }
    }

    private static Restored readSession(DataInputStream in, int index) throws IOException, SessionImportException {
        int length = in.readUnsignedByte();
        if (length != 4 && length != 16) {
            throw new SessionImportException("session " + index + " has an address of " + length + " bytes");
        }
        byte[] address = new byte[length];
        in.readFully(address);
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByAddress(address), in.readUnsignedShort());
        SessionStateCodec.State state = SessionStateCodec.read(in)
                .orElseThrow(() -> new SessionImportException("session " + index + " has a state this version"
                        + " cannot read"));
        boolean resumed = in.readUnsignedByte() != 0;
        SecurityAssociation association = AssociationState.read(in, SEQUENCE_MARGIN)
                .orElseThrow(() -> new SessionImportException("session " + index + " has unusable keys"));
        int tlvs = in.readUnsignedByte();
        byte[] readCid = new byte[0];
        byte[] writeCid = new byte[0];
        boolean returnRoutability = false;
        for (int i = 0; i < tlvs; i++) {
            int type = in.readUnsignedByte();
            int valueLength = in.readUnsignedShort();
            if (valueLength > in.available()) {
                throw new EOFException("a TLV of " + valueLength + " bytes past the end");
            }
            byte[] value = new byte[valueLength];
            in.readFully(value);
            if (type == TLV_CONNECTION_ID) {
                readCid = value;
            } else if (type == TLV_PEER_CONNECTION_ID) {
                writeCid = value;
            } else if (type == TLV_RETURN_ROUTABILITY) {
                returnRoutability = value.length == 1 && value[0] == 1;
            }
        }
        if (readCid.length > 0 || writeCid.length > 0) {
            try {
                association = association.withConnectionIds(readCid, writeCid);
            } catch (IllegalArgumentException e) {
                throw new SessionImportException("session " + index + " has an unusable connection ID: "
                        + e.getMessage());
            }
        }
        return new Restored(peer, EstablishedSession.restored(ConnectionEnd.SERVER, state.session(), resumed),
                association, readCid, returnRoutability);
    }

    private static byte[] header() {
        byte[] header = Arrays.copyOf(MAGIC, MAGIC.length + 1);
        header[MAGIC.length] = VERSION;
        return header;
    }
}
