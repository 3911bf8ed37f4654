package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's request for the client's certificate (RFC 5246 section 7.4.4): the certificate types (this
 * library asks for ecdsa_sign, RFC 8422 section 5.5), the signature algorithms, and the names of acceptable
 * CAs, which this library leaves empty (any CA; the client picks by its own configuration, RFC 7925
 * section 4.4.2).
 */
public final class CertificateRequest implements HandshakeMessage {
    /** ClientCertificateType ecdsa_sign (RFC 8422 section 5.5). */
    public static final int ECDSA_SIGN = 64;

    private final List<Integer> certificateTypes;
    private final SignatureAlgorithms signatureAlgorithms;
    private final int authoritiesCount;

    public CertificateRequest(List<Integer> certificateTypes, SignatureAlgorithms signatureAlgorithms) {
        this(certificateTypes, signatureAlgorithms, 0);
    }

    private CertificateRequest(List<Integer> certificateTypes, SignatureAlgorithms signatureAlgorithms,
                               int authoritiesCount) {
        this.certificateTypes = List.copyOf(certificateTypes);
        if (this.certificateTypes.isEmpty() || this.certificateTypes.size() > 255) {
            throw new IllegalArgumentException("certificate_types must hold 1..255 entries");
        }
        this.signatureAlgorithms = signatureAlgorithms;
        this.authoritiesCount = authoritiesCount;
    }

    /** What this library sends: ecdsa_sign with ecdsa_secp256r1_sha256, no CA names. */
    public static CertificateRequest ecdsa() {
        return new CertificateRequest(List.of(ECDSA_SIGN), SignatureAlgorithms.ECDSA_SHA256);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    public List<Integer> certificateTypes() {
        return certificateTypes;
    }

    public SignatureAlgorithms signatureAlgorithms() {
        return signatureAlgorithms;
    }

    /** How many CA names the server listed (their content is not used). */
    public int authoritiesCount() {
        return authoritiesCount;
    }

    @Override
    public void writeBody(WireWriter out) {
        out.uint8(certificateTypes.size());
        for (int type : certificateTypes) {
            out.uint8(type);
        }
        signatureAlgorithms.writeTo(out);
        out.uint16(0);
    }

    public static CertificateRequest decode(byte[] body) throws DecodeException {
        WireReader in = new WireReader(body);
        byte[] types = in.vector8(1, 255, "certificate_types");
        SignatureAlgorithms algorithms = SignatureAlgorithms.read(in);
        int length = in.uint16("certificate_authorities length");
        WireReader names = in.slice(length, "certificate_authorities");
        in.expectEnd("CertificateRequest");
        int count = 0;
        while (names.hasRemaining()) {
            names.vector16(1, 0xFFFF, "DistinguishedName");
            count++;
        }
        List<Integer> codes = new ArrayList<>(types.length);
        for (byte type : types) {
            codes.add(type & 0xff);
        }
        return new CertificateRequest(codes, algorithms, count);
    }

    @Override
    public String toString() {
        return "CertificateRequest(types " + certificateTypes + ", " + authoritiesCount + " CAs)";
    }
}
