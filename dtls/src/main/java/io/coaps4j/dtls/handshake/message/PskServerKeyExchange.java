package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.util.Arrays;

/**
 * The ServerKeyExchange of the plain PSK key exchange (RFC 4279 section 2): only the PSK identity
 * hint. A server without a hint leaves the message out.
 */
public final class PskServerKeyExchange implements HandshakeMessage {
    private final byte[] identityHint;

    public PskServerKeyExchange(byte[] identityHint) {
        if (identityHint.length > 0xFFFF) {
            throw new IllegalArgumentException("psk_identity_hint must be at most 65535 bytes");
        }
        this.identityHint = identityHint.clone();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    public byte[] identityHint() {
        return identityHint.clone();
    }

    @Override
    public void writeBody(WireWriter out) {
        out.vector16(identityHint);
    }

    public static PskServerKeyExchange decode(byte[] body) throws DecodeException {
        WireReader in = new WireReader(body);
        byte[] hint = in.vector16(0, 0xFFFF, "psk_identity_hint");
        in.expectEnd("ServerKeyExchange");
        return new PskServerKeyExchange(hint);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PskServerKeyExchange that && Arrays.equals(identityHint, that.identityHint);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(identityHint);
    }

    @Override
    public String toString() {
        return "PskServerKeyExchange(hint " + identityHint.length + " bytes)";
    }
}
