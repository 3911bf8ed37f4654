package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.AuthenticationFailedException;
import io.coaps4j.dtls.alert.CertificateRejectedException;
import io.coaps4j.dtls.alert.CertificateRejectedException.Kind;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.CertificatePaths;
import io.coaps4j.dtls.crypto.PublicKeys;
import io.coaps4j.dtls.handshake.message.CertificateMessage;
import io.coaps4j.dtls.handshake.message.CertificateType;

import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Turns the peer's non-empty Certificate message into the proof that its key is trusted (a raw public key at
 * once, an X.509 chain as offloaded work), through
 * {@link PublicKeyVerifier} and the credentials of the negotiated type, and each failure into its alert
 * (RFC 5246 section 7.2.2): an unlisted raw public key or a chain that does not validate or name the server is
 * bad_certificate, a chain to no anchor unknown_ca, one outside its validity certificate_expired.
 */
public final class PeerKeyCheck {
    /** Certificates accepted in one chain; beyond it the Certificate message is a decode error. */
    public static final int MAX_CHAIN_LENGTH = 8;

    private PeerKeyCheck() {
    }

    /**
     * The check of a non-empty raw public key: a lookup in the trusted keys, done at once.
     */
    public static PeerKeyTrusted rawPublicKey(DtlsConfig config, CertificateMessage certificate)
            throws CertificateRejectedException {
        return rawPublicKey(config, certificate.entries().get(0));
    }

    /**
     * The check of a non-empty X.509 chain, as work to run off the event loop (PKIX verifies a signature per
     * certificate); the clock is read now, on the loop.
     *
     * @param expectedName for a server's certificate, the name the client reached it by (RFC 7252 section 9.1.3.3)
     */
    public static CryptoWork<Checked<PeerKeyTrusted>> chain(DtlsConfig config, CertificateMessage certificate,
                                                             Optional<String> expectedName) {
        Instant now = config.clock().instant();
        List<byte[]> chain = certificate.entries();
        return () -> checked(() -> chain(config, chain, expectedName, now));
    }

    private interface Check {
        PeerKeyTrusted run() throws CertificateRejectedException;
    }

    private static Checked<PeerKeyTrusted> checked(Check check) {
        try {
            return Checked.ok(check.run());
        } catch (CertificateRejectedException e) {
            return Checked.failed(e);
        }
    }

    private static PeerKeyTrusted rawPublicKey(DtlsConfig config, byte[] subjectPublicKeyInfo)
            throws CertificateRejectedException {
        RawPublicKeyCredentials trust = (RawPublicKeyCredentials) config.credentials(SecurityMode.RAW_PUBLIC_KEY)
                .orElseThrow(() -> new CertificateRejectedException(Kind.UNSUPPORTED_CERTIFICATE,
                        "a raw public key, but no RawPublicKey credentials"));
        PublicKey key;
        try {
            key = PublicKeys.fromSubjectPublicKeyInfo(subjectPublicKeyInfo);
        } catch (IllegalArgumentException e) {
            throw new CertificateRejectedException(Kind.BAD_CERTIFICATE, "the peer's raw public key: " + e.getMessage());
        }
        try {
            return PublicKeyVerifier.rawPublicKey(trust, key);
        } catch (AuthenticationFailedException e) {
            throw new CertificateRejectedException(Kind.BAD_CERTIFICATE, e.getMessage());
        }
    }

    private static PeerKeyTrusted chain(DtlsConfig config, List<byte[]> encoded, Optional<String> expectedName,
                                        Instant now) throws CertificateRejectedException {
        CertificateCredentials trust = (CertificateCredentials) config.credentials(SecurityMode.CERTIFICATE)
                .orElseThrow(() -> new CertificateRejectedException(Kind.UNSUPPORTED_CERTIFICATE,
                        "an X.509 chain, but no Certificate credentials"));
        List<X509Certificate> chain;
        try {
            chain = CertificatePaths.decode(encoded);
        } catch (CertificateException | RuntimeException e) {
            throw new CertificateRejectedException(Kind.BAD_CERTIFICATE, "the peer's certificate does not parse: "
                    + e.getMessage());
        }
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity(Date.from(now));
            } catch (CertificateException e) {
                throw new CertificateRejectedException(Kind.CERTIFICATE_EXPIRED, "the peer's certificate "
                        + certificate.getSubjectX500Principal() + " is not valid at " + now);
            }
        }
        if (!leadsToAnchor(chain, trust)) {
            throw new CertificateRejectedException(Kind.UNKNOWN_CA, "the peer's chain ends at "
                    + chain.get(chain.size() - 1).getIssuerX500Principal() + ", no trust anchor");
        }
        try {
            return PublicKeyVerifier.certificateChain(trust, chain, expectedName, now);
        } catch (AuthenticationFailedException e) {
            throw new CertificateRejectedException(Kind.BAD_CERTIFICATE, e.getMessage());
        }
    }

    /** Whether the chain's last certificate is an anchor or issued by one (by name; PKIX then checks the signature). */
    private static boolean leadsToAnchor(List<X509Certificate> chain, CertificateCredentials trust) {
        X509Certificate top = chain.get(chain.size() - 1);
        for (TrustAnchor anchor : trust.trustAnchors()) {
            X509Certificate anchorCertificate = anchor.getTrustedCert();
            if (anchorCertificate != null && (anchorCertificate.equals(top)
                    || anchorCertificate.getSubjectX500Principal().equals(top.getIssuerX500Principal()))) {
                return true;
            }
            if (anchor.getCA() != null && anchor.getCA().equals(top.getIssuerX500Principal())) {
                return true;
            }
        }
        return false;
    }
}
