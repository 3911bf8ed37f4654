package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.util.Arrays;

/**
 * The renegotiation_info extension (RFC 5746 section 3.2). This library never renegotiates, so it
 * only ever sends and accepts the empty form of an initial handshake; a non-empty value is decoded
 * so that the handshake can reject it.
 */
public final class RenegotiationInfo {
    /** The value of an initial handshake. */
    public static final RenegotiationInfo EMPTY = new RenegotiationInfo(new byte[0]);

    private final byte[] renegotiatedConnection;

    private RenegotiationInfo(byte[] renegotiatedConnection) {
        this.renegotiatedConnection = renegotiatedConnection;
    }

    public boolean isEmpty() {
        return renegotiatedConnection.length == 0;
    }

    public byte[] renegotiatedConnection() {
        return renegotiatedConnection.clone();
    }

    byte[] encode() {
        return new WireWriter(1 + renegotiatedConnection.length).vector8(renegotiatedConnection).toByteArray();
    }

    static RenegotiationInfo decode(WireReader in) throws DecodeException {
        byte[] value = in.vector8(0, 255, "renegotiated_connection");
        in.expectEnd("renegotiation_info extension");
        return value.length == 0 ? EMPTY : new RenegotiationInfo(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RenegotiationInfo that
                && Arrays.equals(renegotiatedConnection, that.renegotiatedConnection);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(renegotiatedConnection);
    }
}
