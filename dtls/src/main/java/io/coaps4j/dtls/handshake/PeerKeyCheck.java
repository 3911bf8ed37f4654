package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.CertificateRejectedException;
import io.coaps4j.dtls.alert.CertificateRejectedException.Kind;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.CertificatePaths;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.PublicKeys;
import io.coaps4j.dtls.handshake.message.CertificateMessage;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns the peer's non-empty Certificate message into the proof that its key is trusted (a raw public key at
 * once, an X.509 chain as offloaded work), through {@link PublicKeyVerifier} and the credentials of the
 * negotiated type, each failure with its alert (RFC 5246 section 7.2.2): an unlisted raw public key or a chain
 * that does not validate or name the server is bad_certificate, a chain to no anchor unknown_ca, one outside
 * its validity certificate_expired, a key the certificate may not use for this role unsupported_certificate.
 */
public final class PeerKeyCheck {
    /** Certificates read from one Certificate message at most; the credentials' own limit is usually lower. */
    public static final int MAX_CHAIN_LENGTH = 8;

    private PeerKeyCheck() {
    }

    /**
     * The check of a non-empty raw public key from {@code peer}: a lookup in the trust list, done at once.
     *
     * @param serverName when this node is the client, the name it used for the server
     */
    public static PeerKeyTrusted rawPublicKey(DtlsConfig config, CertificateMessage certificate,
                                              InetSocketAddress peer, Optional<String> serverName)
            throws CertificateRejectedException {
        RawPublicKeyCredentials trust = (RawPublicKeyCredentials) config.credentials(SecurityMode.RAW_PUBLIC_KEY)
                .orElseThrow(() -> new CertificateRejectedException(Kind.UNSUPPORTED_CERTIFICATE,
                        "a raw public key, but no RawPublicKey credentials"));
        PublicKey key;
        try {
            key = PublicKeys.fromSubjectPublicKeyInfo(certificate.entries().get(0));
        } catch (IllegalArgumentException e) {
            throw new CertificateRejectedException(Kind.BAD_CERTIFICATE, "the peer's raw public key: " + e.getMessage());
        }
        return PublicKeyVerifier.rawPublicKey(trust, key, peer, serverName);
    }

    /**
     * The check of a non-empty X.509 chain of a peer in the role {@code peerEnd}, as work to run off the event
     * loop (PKIX verifies a signature per certificate); the clock is read now, on the loop.
     *
     * @param expectedName for a server's certificate, the name the client reached it by (RFC 7252 section 9.1.3.3)
     */
    public static CryptoWork<Checked<PeerKeyTrusted>> chain(DtlsConfig config, CertificateMessage certificate,
                                                             ConnectionEnd peerEnd, Optional<String> expectedName) {
        Instant now = config.clock().instant();
        List<byte[]> chain = certificate.entries();
        return () -> {
            try {
                return Checked.ok(chain(config, chain, peerEnd, expectedName, now));
            } catch (CertificateRejectedException e) {
                return Checked.failed(e);
            }
        };
    }

    private static PeerKeyTrusted chain(DtlsConfig config, List<byte[]> encoded, ConnectionEnd peerEnd,
                                        Optional<String> expectedName, Instant now) throws CertificateRejectedException {
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
        return PublicKeyVerifier.certificateChain(trust, chain, peerEnd, expectedName, now, namesAnAnchor(chain, trust));
    }

    /** Whether the chain's last certificate is an anchor or names one as its issuer (PKIX checks the rest). */
    private static boolean namesAnAnchor(List<X509Certificate> chain, CertificateCredentials trust) {
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
