package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.PublicKeys;
import io.coaps4j.dtls.crypto.Signer;
import io.coaps4j.dtls.handshake.message.CertificateMessage;
import io.coaps4j.dtls.handshake.message.CertificateType;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** This endpoint's side of the public-key modes: its Certificate message and signer for a certificate type. */
public final class OwnCertificate {
    private OwnCertificate() {
    }

    /** The mode whose credentials a certificate type uses. */
    public static SecurityMode mode(CertificateType type) {
        return type == CertificateType.RAW_PUBLIC_KEY ? SecurityMode.RAW_PUBLIC_KEY : SecurityMode.CERTIFICATE;
    }

    /** Whether {@code config} holds credentials of {@code type}'s mode (own key and the trust to check peers). */
    public static boolean holds(DtlsConfig config, CertificateType type) {
        return config.credentials(mode(type)).isPresent();
    }

    /** Our Certificate message of {@code type}, whose credentials the configuration holds. */
    public static CertificateMessage message(DtlsConfig config, CertificateType type) {
        if (type == CertificateType.RAW_PUBLIC_KEY) {
            RawPublicKeyCredentials rpk = (RawPublicKeyCredentials) config.credentials(SecurityMode.RAW_PUBLIC_KEY)
                    .orElseThrow();
            return CertificateMessage.rawPublicKey(PublicKeys.subjectPublicKeyInfo(rpk.publicKey()));
        }
        CertificateCredentials certificate = (CertificateCredentials) config.credentials(SecurityMode.CERTIFICATE)
                .orElseThrow();
        List<byte[]> chain = new ArrayList<>(certificate.chain().size());
        for (X509Certificate entry : certificate.chain()) {
            try {
                chain.add(entry.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("our own certificate does not encode", e);
            }
        }
        return CertificateMessage.x509(chain);
    }

    /** The signer of our key of {@code type}. */
    public static Signer signer(DtlsConfig config, CertificateType type) {
        return config.signer(mode(type));
    }
}
