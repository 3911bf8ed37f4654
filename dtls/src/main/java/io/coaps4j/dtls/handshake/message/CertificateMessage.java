package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

import java.util.ArrayList;
import java.util.List;

/**
 * The Certificate message in the form its negotiated type gives it: an X.509 chain, each DER certificate with
 * a three-byte length inside a three-byte list length (RFC 5246 section 7.4.2), or a raw public key, one
 * DER SubjectPublicKeyInfo with a three-byte length (RFC 7250 section 3). Empty when a client has no
 * certificate to answer a CertificateRequest with (RFC 5246 section 7.4.6).
 */
public final class CertificateMessage implements HandshakeMessage {
    private static final int MAX_LENGTH = 0xFFFFFF;

    private final CertificateType type;
    private final List<byte[]> entries;

    private CertificateMessage(CertificateType type, List<byte[]> entries) {
        this.type = type;
        this.entries = entries;
    }

    /** An X.509 chain, own certificate first. */
    public static CertificateMessage x509(List<byte[]> chain) {
        List<byte[]> copy = new ArrayList<>(chain.size());
        for (byte[] der : chain) {
            if (der.length == 0 || der.length > MAX_LENGTH) {
                throw new IllegalArgumentException("a certificate must be 1.." + MAX_LENGTH + " bytes");
            }
            copy.add(der.clone());
        }
        return new CertificateMessage(CertificateType.X509, List.copyOf(copy));
    }

    /** A raw public key: its DER SubjectPublicKeyInfo. */
    public static CertificateMessage rawPublicKey(byte[] subjectPublicKeyInfo) {
        if (subjectPublicKeyInfo.length == 0 || subjectPublicKeyInfo.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a SubjectPublicKeyInfo must be 1.." + MAX_LENGTH + " bytes");
        }
        return new CertificateMessage(CertificateType.RAW_PUBLIC_KEY, List.of(subjectPublicKeyInfo.clone()));
    }

    /** No certificate, in the form of {@code type}. */
    public static CertificateMessage empty(CertificateType type) {
        return new CertificateMessage(type, List.of());
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    public CertificateType certificateType() {
        return type;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The DER certificates (X.509) or the one SubjectPublicKeyInfo (raw public key); copies. */
    public List<byte[]> entries() {
        List<byte[]> copy = new ArrayList<>(entries.size());
        for (byte[] entry : entries) {
            copy.add(entry.clone());
        }
        return copy;
    }

    @Override
    public void writeBody(WireWriter out) {
        if (type == CertificateType.RAW_PUBLIC_KEY) {
            byte[] key = entries.isEmpty() ? new byte[0] : entries.get(0);
            out.uint24(key.length).bytes(key);
            return;
        }
        int total = 0;
        for (byte[] der : entries) {
            total += 3 + der.length;
        }
        out.uint24(total);
        for (byte[] der : entries) {
            out.uint24(der.length).bytes(der);
        }
    }

    /**
     * Decodes a body of the negotiated {@code type}; every inner length must match exactly what follows.
     * A raw public key of length 0 reads as empty (a client without a key answering a CertificateRequest).
     */
    public static CertificateMessage decode(byte[] body, CertificateType type, int maxCertificates)
            throws DecodeException {
        WireReader in = new WireReader(body);
        if (type == CertificateType.RAW_PUBLIC_KEY) {
            int length = in.uint24("ASN.1_subjectPublicKeyInfo length");
            byte[] key = in.bytes(length, "ASN.1_subjectPublicKeyInfo");
            in.expectEnd("Certificate (raw public key)");
            return length == 0 ? empty(type) : new CertificateMessage(type, List.of(key));
        }
        int total = in.uint24("certificate_list length");
        WireReader list = in.slice(total, "certificate_list");
        in.expectEnd("Certificate");
        List<byte[]> chain = new ArrayList<>();
        while (list.hasRemaining()) {
            if (chain.size() == maxCertificates) {
                throw new DecodeException("certificate_list holds more than " + maxCertificates + " certificates");
            }
            int length = list.uint24("ASN.1Cert length");
            if (length == 0) {
                throw new DecodeException("an ASN.1Cert must not be empty");
            }
            chain.add(list.bytes(length, "ASN.1Cert"));
        }
        return new CertificateMessage(type, List.copyOf(chain));
    }

    @Override
    public String toString() {
        return "Certificate(" + type + ", " + entries.size() + " entries)";
    }
}
