package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

/**
 * The ServerKeyExchange of the ECDHE_ECDSA key exchange (RFC 8422 section 5.4): the server's ephemeral point
 * on a named curve (ServerECDHParams) and its signature over
 * {@code client_random + server_random + ServerECDHParams} with the named SignatureAndHashAlgorithm
 * (RFC 5246 section 7.4.3). Only named curves are read; the signature is kept as sent (DER for ECDSA).
 */
public final class EcdheServerKeyExchange implements HandshakeMessage {
    /** ECCurveType named_curve (RFC 8422 section 5.4). */
    public static final int NAMED_CURVE = 3;

    private final int namedCurve;
    private final byte[] point;
    private final int signatureAlgorithm;
    private final byte[] signature;

    /** @param signatureAlgorithm the SignatureAndHashAlgorithm pair as {@code hash << 8 | signature} */
    public EcdheServerKeyExchange(int namedCurve, byte[] point, int signatureAlgorithm, byte[] signature) {
        if (point.length < 1 || point.length > 255) {
            throw new IllegalArgumentException("point must be 1..255 bytes, was " + point.length);
        }
        if (signature.length > 0xFFFF) {
            throw new IllegalArgumentException("signature longer than 65535 bytes");
        }
        this.namedCurve = namedCurve;
        this.point = point.clone();
        this.signatureAlgorithm = signatureAlgorithm;
        this.signature = signature.clone();
    }

    /** The ServerECDHParams bytes of {@code namedCurve} and {@code point}: what the signature covers after the randoms. */
    public static byte[] params(int namedCurve, byte[] point) {
        WireWriter out = new WireWriter(4 + point.length);
        out.uint8(NAMED_CURVE).uint16(namedCurve).vector8(point);
        return out.toByteArray();
    }

    /** What the server signs: {@code client_random + server_random + params} (RFC 8422 section 5.4). */
    public static byte[] signedContent(byte[] clientRandom, byte[] serverRandom, byte[] params) {
        WireWriter out = new WireWriter(clientRandom.length + serverRandom.length + params.length);
        return out.bytes(clientRandom).bytes(serverRandom).bytes(params).toByteArray();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    public int namedCurve() {
        return namedCurve;
    }

    public byte[] point() {
        return point.clone();
    }

    public int signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public byte[] signature() {
        return signature.clone();
    }

    /** The signed parameters of this message. */
    public byte[] params() {
        return params(namedCurve, point);
    }

    @Override
    public void writeBody(WireWriter out) {
        out.bytes(params()).uint16(signatureAlgorithm).vector16(signature);
    }

    public static EcdheServerKeyExchange decode(byte[] body) throws DecodeException {
        WireReader in = new WireReader(body);
        int curveType = in.uint8("ECCurveType");
        if (curveType != NAMED_CURVE) {
            throw new DecodeException("ECCurveType " + curveType + " is not named_curve (RFC 8422 section 5.4)");
        }
        int curve = in.uint16("NamedCurve");
        byte[] point = in.vector8(1, 255, "ECPoint");
        int algorithm = in.uint16("SignatureAndHashAlgorithm");
        byte[] signature = in.vector16(0, 0xFFFF, "signature");
        in.expectEnd("ServerKeyExchange");
        return new EcdheServerKeyExchange(curve, point, algorithm, signature);
    }

    @Override
    public String toString() {
        return "EcdheServerKeyExchange(curve " + namedCurve + ", point " + point.length + " bytes)";
    }
}
