package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.util.Arrays;

/** The ClientKeyExchange of the plain PSK key exchange (RFC 4279 section 2): the PSK identity. */
public final class PskClientKeyExchange implements HandshakeMessage {
    private final byte[] identity;

    public PskClientKeyExchange(byte[] identity) {
        if (identity.length > 0xFFFF) {
            throw new IllegalArgumentException("psk_identity must be at most 65535 bytes");
        }
        this.identity = identity.clone();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    public byte[] identity() {
        return identity.clone();
    }

    @Override
    public void writeBody(WireWriter out) {
        out.vector16(identity);
    }

    public static PskClientKeyExchange decode(byte[] body) throws DecodeException {
        WireReader in = new WireReader(body);
        byte[] identity = in.vector16(0, 0xFFFF, "psk_identity");
        in.expectEnd("ClientKeyExchange");
        return new PskClientKeyExchange(identity);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PskClientKeyExchange that && Arrays.equals(identity, that.identity);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(identity);
    }

    @Override
    public String toString() {
        return "PskClientKeyExchange(identity " + identity.length + " bytes)";
    }
}
