package io.coaps4j.cli.keys;

import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** How a user recognises a key or certificate: the names OpenSSL and RFC 6920 print. */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** The SHA-256 fingerprint of {@code certificate}, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public static String sha256(X509Certificate certificate) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(hash);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }

    /** The {@code ni:///sha-256;...} identity of {@code key} (RFC 6920, RFC 7252 section 9.1.3.2.1). */
    public static String ni(PublicKey key) {
        return new RawPublicKeyPrincipal(key).getName();
    }
}
