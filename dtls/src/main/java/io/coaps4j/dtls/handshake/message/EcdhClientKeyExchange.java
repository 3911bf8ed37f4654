package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

/** The ClientKeyExchange of the ECDHE key exchanges: the client's ephemeral point (RFC 8422 section 5.7). */
public final class EcdhClientKeyExchange implements HandshakeMessage {
    private final byte[] point;

    public EcdhClientKeyExchange(byte[] point) {
        if (point.length < 1 || point.length > 255) {
            throw new IllegalArgumentException("point must be 1..255 bytes, was " + point.length);
        }
        this.point = point.clone();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    public byte[] point() {
        return point.clone();
    }

    @Override
    public void writeBody(WireWriter out) {
        out.vector8(point);
    }

    public static EcdhClientKeyExchange decode(byte[] body) throws DecodeException {
        WireReader in = new WireReader(body);
        byte[] point = in.vector8(1, 255, "ecdh_Yc");
        in.expectEnd("ClientKeyExchange");
        return new EcdhClientKeyExchange(point);
    }

    @Override
    public String toString() {
        return "EcdhClientKeyExchange(point " + point.length + " bytes)";
    }
}
