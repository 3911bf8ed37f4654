package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.crypto.SignatureAlgorithm;

import java.util.ArrayList;
import java.util.List;

/**
 * The signature_algorithms extension and the list of a CertificateRequest (RFC 5246 section 7.4.1.4.1):
 * SignatureAndHashAlgorithm pairs, each as {@code hash << 8 | signature}, most preferred first. Unknown pairs
 * are kept.
 */
public record SignatureAlgorithms(List<Integer> pairs) {
    /** What this library signs and verifies with: ecdsa_secp256r1_sha256. */
    public static final SignatureAlgorithms ECDSA_SHA256 = new SignatureAlgorithms(List.of(code(SignatureAlgorithm.ECDSA_SHA256)));

    public SignatureAlgorithms {
        pairs = List.copyOf(pairs);
        if (pairs.isEmpty() || pairs.size() > 0x7FFF) {
            throw new IllegalArgumentException("signature algorithms must hold 1..32767 pairs");
        }
    }

    /** The pair's two-byte code. */
    public static int code(SignatureAlgorithm algorithm) {
        return algorithm.hashAlgorithmCode() << 8 | algorithm.signatureAlgorithmCode();
    }

    public boolean contains(SignatureAlgorithm algorithm) {
        return pairs.contains(code(algorithm));
    }

    void writeTo(WireWriter out) {
        out.uint16(2 * pairs.size());
        for (int pair : pairs) {
            out.uint16(pair);
        }
    }

    byte[] encode() {
        WireWriter out = new WireWriter(2 + 2 * pairs.size());
        writeTo(out);
        return out.toByteArray();
    }

    /** Reads {@code SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>}. */
    static SignatureAlgorithms read(WireReader in) throws DecodeException {
        int length = in.uint16("supported_signature_algorithms length");
        if (length < 2 || length % 2 != 0) {
            throw new DecodeException("supported_signature_algorithms length " + length + " is not a positive even number");
        }
        WireReader list = in.slice(length, "supported_signature_algorithms");
        List<Integer> pairs = new ArrayList<>(length / 2);
        while (list.hasRemaining()) {
            pairs.add(list.uint16("SignatureAndHashAlgorithm"));
        }
        return new SignatureAlgorithms(pairs);
    }

    static SignatureAlgorithms decode(WireReader in) throws DecodeException {
        SignatureAlgorithms algorithms = read(in);
        in.expectEnd("signature_algorithms extension");
        return algorithms;
    }
}
