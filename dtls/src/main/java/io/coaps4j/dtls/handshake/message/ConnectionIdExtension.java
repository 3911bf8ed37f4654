package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.util.Arrays;
import java.util.Optional;

/**
 * The connection_id hello extension of RFC 9146 section 3: {@code opaque cid<0..2^8-1>}, the CID the sender
 * wants to find in the records it receives. Empty: the sender will use the peer's CID but wants none itself.
 */
public final class ConnectionIdExtension {
    private final byte[] cid;

    public ConnectionIdExtension(byte[] cid) {
        if (cid.length > 255) {
            throw new IllegalArgumentException("a connection ID is at most 255 bytes (RFC 9146 section 3), was "
                    + cid.length);
        }
        this.cid = cid.clone();
    }

    /** The CID, a copy; empty when the sender wants none. */
    public byte[] cid() {
        return cid.clone();
    }

    /** The extension as it goes into a hello's extension list. */
    public Extension toExtension() {
        return new Extension(ExtensionType.CONNECTION_ID, new WireWriter(cid.length + 1).vector8(cid).toByteArray());
    }

    /** The connection_id extension in {@code extensions}, if present. */
    public static Optional<ConnectionIdExtension> in(Extensions extensions) throws DecodeException {
        Optional<Extension> found = extensions.find(ExtensionType.CONNECTION_ID);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WireReader in = found.get().reader();
        byte[] cid = in.vector8(0, 255, "connection_id cid");
        in.expectEnd("connection_id extension");
        return Optional.of(new ConnectionIdExtension(cid));
    }

    /** The rrc extension of RFC 9853 section 3 (empty). */
    public static Extension rrc() {
        return new Extension(ExtensionType.RRC, new byte[0]);
    }

    /** Whether {@code extensions} holds the rrc extension. */
    public static boolean rrcIn(Extensions extensions) throws DecodeException {
        Optional<Extension> found = extensions.find(ExtensionType.RRC);
        if (found.isPresent()) {
            found.get().reader().expectEnd("rrc extension (RFC 9853 section 3: empty)");
            return true;
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionIdExtension other && Arrays.equals(cid, other.cid);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cid);
    }

    @Override
    public String toString() {
        return "ConnectionIdExtension[" + cid.length + " bytes]";
    }
}
