package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

/**
 * The client's signature over the handshake messages so far (RFC 5246 section 7.4.8), with its
 * SignatureAndHashAlgorithm pair as {@code hash << 8 | signature}.
 */
public final class CertificateVerify implements HandshakeMessage {
    private final int signatureAlgorithm;
    private final byte[] signature;

    public CertificateVerify(int signatureAlgorithm, byte[] signature) {
        if (signature.length > 0xFFFF) {
            throw new IllegalArgumentException("signature longer than 65535 bytes");
        }
        this.signatureAlgorithm = signatureAlgorithm;
        this.signature = signature.clone();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    public int signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public void writeBody(WireWriter out) {
        out.uint16(signatureAlgorithm).vector16(signature);
    }

    public static CertificateVerify decode(byte[] body) throws DecodeException {
        WireReader in = new WireReader(body);
        int algorithm = in.uint16("SignatureAndHashAlgorithm");
        byte[] signature = in.vector16(0, 0xFFFF, "signature");
        in.expectEnd("CertificateVerify");
        return new CertificateVerify(algorithm, signature);
    }

    @Override
    public String toString() {
        return "CertificateVerify(" + signature.length + " bytes)";
    }
}
