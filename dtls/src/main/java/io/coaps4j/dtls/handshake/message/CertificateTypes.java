package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.util.ArrayList;
import java.util.List;

/**
 * The client_certificate_type and server_certificate_type extensions (RFC 7250 section 3): in a ClientHello a
 * list of type codes, most preferred first; in a ServerHello the one type chosen. Unknown codes are kept.
 */
public record CertificateTypes(List<Integer> codes) {

    public CertificateTypes {
        codes = List.copyOf(codes);
        if (codes.isEmpty() || codes.size() > 255) {
            throw new IllegalArgumentException("certificate types must hold 1..255 entries");
        }
        for (int code : codes) {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("certificate type must be 0..255, was " + code);
            }
        }
    }

    /** The ClientHello form listing {@code types}. */
    public static CertificateTypes of(List<CertificateType> types) {
        return new CertificateTypes(types.stream().map(CertificateType::code).toList());
    }

    /** Whether {@code type} is listed. */
    public boolean contains(CertificateType type) {
        return codes.contains(type.code());
    }

    /** The ClientHello form: {@code CertificateType types<1..2^8-1>}. */
    byte[] encodeList() {
        WireWriter out = new WireWriter(1 + codes.size());
        out.uint8(codes.size());
        for (int code : codes) {
            out.uint8(code);
        }
        return out.toByteArray();
    }

    static CertificateTypes decodeList(WireReader in) throws DecodeException {
        byte[] list = in.vector8(1, 255, "certificate_types");
        in.expectEnd("certificate type extension");
        List<Integer> codes = new ArrayList<>(list.length);
        for (byte code : list) {
            codes.add(code & 0xff);
        }
        return new CertificateTypes(codes);
    }

    /** The ServerHello form: one type. */
    static byte[] encodeChosen(CertificateType type) {
        return new byte[] {(byte) type.code()};
    }

    static int decodeChosen(WireReader in) throws DecodeException {
        int code = in.uint8("certificate_type");
        in.expectEnd("certificate type extension");
        return code;
    }
}
