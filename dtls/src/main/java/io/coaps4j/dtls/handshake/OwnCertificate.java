package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.CertifiedKey;
import io.coaps4j.dtls.credentials.Credentials;
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
import java.util.Optional;

/**
 * This endpoint's side of the public-key modes: the Certificate message it sends for a certificate type and the
 * signer of the key in it. A server with several certified keys sends the chain that names the server_name the
 * client asked for ({@link CertificateCredentials#chainFor}).
 *
 * @param message our Certificate message
 * @param signer  the signer of its key, made once per configuration
 */
public record OwnCertificate(CertificateMessage message, Signer signer) {

    /** The mode whose credentials a certificate type uses. */
    public static SecurityMode mode(CertificateType type) {
        return type == CertificateType.RAW_PUBLIC_KEY ? SecurityMode.RAW_PUBLIC_KEY : SecurityMode.CERTIFICATE;
    }

    /**
     * Whether {@code config} holds credentials of {@code type}'s mode with a key of this node (trust-only
     * credentials check peers but have nothing to present).
     */
    public static boolean holds(DtlsConfig config, CertificateType type) {
        return config.credentials(mode(type)).filter(OwnCertificate::hasOwnKey).isPresent();
    }

    private static boolean hasOwnKey(Credentials credentials) {
        return credentials instanceof RawPublicKeyCredentials rpk ? rpk.hasOwnKey()
                : ((CertificateCredentials) credentials).hasOwnKey();
    }

    /**
     * Ours of {@code type}, whose credentials the configuration holds.
     *
     * @param serverName a server: the name the client asked for, which picks the chain
     */
    public static OwnCertificate of(DtlsConfig config, CertificateType type, Optional<String> serverName) {
        if (type == CertificateType.RAW_PUBLIC_KEY) {
            RawPublicKeyCredentials rpk = (RawPublicKeyCredentials) config.credentials(SecurityMode.RAW_PUBLIC_KEY)
                    .orElseThrow();
            return new OwnCertificate(CertificateMessage.rawPublicKey(PublicKeys.subjectPublicKeyInfo(rpk.publicKey())),
                    config.signer(rpk.privateKey()));
        }
        CertifiedKey key = ((CertificateCredentials) config.credentials(SecurityMode.CERTIFICATE).orElseThrow())
                .chainFor(serverName);
        List<byte[]> chain = new ArrayList<>(key.chain().size());
        for (X509Certificate entry : key.chain()) {
            try {
                chain.add(entry.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("our own certificate does not encode", e);
            }
        }
        return new OwnCertificate(CertificateMessage.x509(chain), config.signer(key.privateKey()));
    }
}
