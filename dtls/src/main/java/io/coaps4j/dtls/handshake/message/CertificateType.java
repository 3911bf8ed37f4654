package io.coaps4j.dtls.handshake.message;

import java.util.Optional;

/** The certificate types of RFC 7250 section 3 (IANA "TLS Certificate Types") this library uses. */
public enum CertificateType {
    /** An X.509 chain (RFC 5246 section 7.4.2); the type when no certificate_type extension is negotiated. */
    X509(0),
    /** One SubjectPublicKeyInfo (RFC 7250 section 3). */
    RAW_PUBLIC_KEY(2);

    private final int code;

    CertificateType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of {@code code}, or empty for one this library does not know (OpenPGP, 1). */
    public static Optional<CertificateType> of(int code) {
        for (CertificateType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
