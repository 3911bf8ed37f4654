package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.credentials.AnonymousPeer;
import io.coaps4j.dtls.credentials.CertificatePrincipal;
import io.coaps4j.dtls.credentials.PskIdentity;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.KeyDerivation;
import io.coaps4j.dtls.crypto.PublicKeys;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one encoding of a {@link ResumableSession}, versioned: what a session ticket seals (RFC 5077 section 4,
 * "the server can use any ticket format") and what an export of established sessions carries. Plaintext here:
 * callers seal it with an AEAD before it leaves the process, and only what this endpoint sealed itself is ever
 * decoded, so a decoded state is as trustworthy as the full handshake that made it.
 *
 * <pre>
 * u8  version (1)            u16 cipher suite        u8 flags (bit 0: extended master secret)
 * u8  mode (1 PSK, 2 RPK, 3 certificate)             48  master secret
 * u8  id length, id          u8  server name length, server name (0: none)
 * u64 issued at, epoch milliseconds
 * u8  principal kind (0 anonymous, 1 PSK identity, 2 raw public key, 3 certificate), then
 *     PSK: u16 length, UTF-8 identity; RPK: u16 length, SubjectPublicKeyInfo;
 *     certificate: u16 length, subject DER, u8 count, (u16 length, URI)*, u8 count, (u16 length, DNS name)*
 * </pre>
 */
public final class SessionStateCodec {
    /** The version this code writes; it reads only this one (a newer file or ticket means a full handshake). */
    public static final int VERSION = 1;

    private static final int EMS = 1;

    private SessionStateCodec() {
    }

    /** A decoded state: the session and when the full handshake that made it completed (wall clock). */
    public record State(ResumableSession session, long issuedAtMillis) {
    }

    /** The encoding of {@code session}, issued at {@code issuedAtMillis}; the caller seals and clears it. */
    public static byte[] encode(ResumableSession session, long issuedAtMillis) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, session, issuedAtMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code session} to {@code out}, for a caller that frames more around it (an export). */
    public static void write(DataOutputStream out, ResumableSession session, long issuedAtMillis) throws IOException {
        out.writeByte(VERSION);
        out.writeShort(session.suite().code());
        out.writeByte(session.extendedMasterSecret() ? EMS : 0);
        out.writeByte(session.mode().ordinal() + 1);
        byte[] master = session.masterSecret();
        try {
            out.write(master);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
        byte[] id = session.sessionId();
        out.writeByte(id.length);
        out.write(id);
        byte[] name = session.serverName().map(n -> n.getBytes(StandardCharsets.US_ASCII)).orElse(new byte[0]);
        out.writeByte(name.length);
        out.write(name);
        out.writeLong(issuedAtMillis);
        writePrincipal(out, session.principal());
    }

    private static void writePrincipal(DataOutputStream out, Principal principal) throws IOException {
        if (principal instanceof PskPrincipal psk) {
            out.writeByte(1);
            writeBlock(out, psk.identity().utf8());
        } else if (principal instanceof RawPublicKeyPrincipal rpk) {
            out.writeByte(2);
            writeBlock(out, PublicKeys.subjectPublicKeyInfo(rpk.key()));
        } else if (principal instanceof CertificatePrincipal certificate) {
            out.writeByte(3);
            writeBlock(out, certificate.subject().getEncoded());
            writeStrings(out, certificate.uris());
            writeStrings(out, certificate.dnsNames());
        } else if (principal == AnonymousPeer.INSTANCE) {
            out.writeByte(0);
        } else {
            throw new IllegalArgumentException("no encoding for a principal of " + principal.getClass());
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeByte(strings.size());
        for (String string : strings) {
            writeBlock(out, string.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
        out.writeShort(block.length);
        out.write(block);
    }

    /** The state in {@code encoded}, or empty when it is not a whole state of this version. */
    public static Optional<State> decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
            Optional<State> state = read(in);
            return in.available() == 0 ? state : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads one state from {@code in}; empty when it is not one of this version or names an unknown suite. */
    public static Optional<State> read(DataInputStream in) throws IOException {
        if (in.readUnsignedByte() != VERSION) {
            return Optional.empty();
        }
        Optional<CipherSuite> suite = CipherSuite.forCode(in.readUnsignedShort());
        boolean extended = (in.readUnsignedByte() & EMS) != 0;
        int mode = in.readUnsignedByte();
        byte[] master = new byte[KeyDerivation.MASTER_SECRET_LENGTH];
        in.readFully(master);
        byte[] id = new byte[in.readUnsignedByte()];
        in.readFully(id);
        byte[] name = new byte[in.readUnsignedByte()];
        in.readFully(name);
        long issuedAt = in.readLong();
        Optional<Principal> principal = readPrincipal(in);
        if (suite.isEmpty() || mode < 1 || mode > SecurityMode.values().length || principal.isEmpty() || id.length > 32) {
            Arrays.fill(master, (byte) 0);
            return Optional.empty();
        }
        Optional<String> serverName = name.length == 0 ? Optional.empty()
                : Optional.of(new String(name, StandardCharsets.US_ASCII));
        return Optional.of(new State(new ResumableSession(id, master, suite.get(), extended,
                SecurityMode.values()[mode - 1], serverName, principal.get()), issuedAt));
    }

    private static Optional<Principal> readPrincipal(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        try {
            switch (kind) {
                case 0:
                    return Optional.of(AnonymousPeer.INSTANCE);
                case 1:
                    return PskIdentity.fromWire(readBlock(in)).map(PskPrincipal::new);
                case 2:
                    return Optional.of(new RawPublicKeyPrincipal(PublicKeys.fromSubjectPublicKeyInfo(readBlock(in))));
                case 3:
                    X500Principal subject = new X500Principal(readBlock(in));
                    List<String> uris = readStrings(in);
                    return Optional.of(new CertificatePrincipal(subject, uris, readStrings(in)));
                default:
                    return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            // Only what this endpoint sealed is decoded: a bad key or name here means another version wrote it.
            return Optional.empty();
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readUnsignedByte();
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            strings.add(new String(readBlock(in), StandardCharsets.UTF_8));
        }
        return strings;
    }

    private static byte[] readBlock(DataInputStream in) throws IOException {
        int length = in.readUnsignedShort();
        if (length > in.available()) {
            throw new EOFException("a block of " + length + " bytes past the end");
        }
        byte[] block = new byte[length];
        in.readFully(block);
        return block;
    }
}
