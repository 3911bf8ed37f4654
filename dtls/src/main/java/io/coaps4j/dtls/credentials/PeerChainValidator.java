package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.CertificatePaths;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.PublicKeys;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of a peer's certificate chain on every new connection (RFC 7252 section 9.1.3.3), cheapest first:
 * its length against the limit, its order, the end-entity's key; then PKIX to a trust anchor (RFC 5280 section 6:
 * signatures, validity at the given time, basic constraints, the CAs' key usage); then the end-entity's
 * keyUsage and extendedKeyUsage for the peer's role; then, for a server, its name (RFC 6125). Each refusal is a
 * {@link PeerCertificateException} with its {@link CertificateProblem}.
 */
final class PeerChainValidator {
    /** id-kp-serverAuth and id-kp-clientAuth (RFC 5280 section 4.2.1.12). */
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;

    private PeerChainValidator() {
    }

    /**
     * @param peerEnd the peer's role, or null when unknown (then an extendedKeyUsage must allow either role)
     */
    static CertificatePrincipal validate(List<X509Certificate> chain, Set<TrustAnchor> anchors, int maxChainLength,
                                         ConnectionEnd peerEnd, Optional<String> expectedName, Instant now)
            throws PeerCertificateException {
        if (chain == null || chain.isEmpty()) {
            throw new PeerCertificateException(CertificateProblem.UNTRUSTED, "the peer sent no certificate");
        }
        if (chain.size() > maxChainLength) {
            throw new PeerCertificateException(CertificateProblem.TOO_LONG, "the peer's chain holds " + chain.size()
                    + " certificates, more than the limit of " + maxChainLength);
        }
        for (int i = 1; i < chain.size(); i++) {
            if (!chain.get(i - 1).getIssuerX500Principal().equals(chain.get(i).getSubjectX500Principal())) {
                throw new PeerCertificateException(CertificateProblem.MALFORMED, "the peer's chain is out of order:"
                        + " certificate " + i + " (" + subject(chain.get(i)) + ") is not the issuer of certificate "
                        + (i - 1) + " (issued by " + chain.get(i - 1).getIssuerX500Principal().getName() + ")");
            }
        }
        X509Certificate own = chain.get(0);
        if (!PublicKeys.isP256(own.getPublicKey())) {
            throw new PeerCertificateException(CertificateProblem.BAD_KEY_USAGE, "the peer's certificate ("
                    + subject(own) + ") has a " + own.getPublicKey().getAlgorithm()
                    + " key, not an EC key on secp256r1 (RFC 7252 section 9.1.3.3)");
        }
        validatePath(withoutTrailingAnchors(chain, anchors), anchors, now);
        requireUsage(own, peerEnd);
        CertificatePrincipal principal;
        try {
            principal = CertificatePrincipal.of(own);
        } catch (IllegalArgumentException e) {
            throw new PeerCertificateException(CertificateProblem.MALFORMED, "the peer's certificate (" + subject(own)
                    + ") has a subjectAltName that does not parse", e);
        }
        if (expectedName.isPresent() && !names(own, expectedName.get())) {
            throw new PeerCertificateException(CertificateProblem.NAME_MISMATCH, "the server's certificate ("
                    + principal + ") does not name " + expectedName.get() + " (RFC 6125)");
        }
        return principal;
    }

    private static boolean names(X509Certificate certificate, String host) {
        try {
            return ReferenceIdentity.of(host).isNamedBy(certificate);
        } catch (IllegalArgumentException notAHost) {
            return false;
        }
    }

    /** A peer may send its root too (RFC 5246 section 7.4.2 allows it); PKIX wants the path below the anchor. */
    private static List<X509Certificate> withoutTrailingAnchors(List<X509Certificate> chain, Set<TrustAnchor> anchors) {
        List<X509Certificate> path = new ArrayList<>(chain);
        while (path.size() > 1 && isAnchor(path.get(path.size() - 1), anchors)) {
            path.remove(path.size() - 1);
        }
        return path;
    }

    private static boolean isAnchor(X509Certificate certificate, Set<TrustAnchor> anchors) {
        for (TrustAnchor anchor : anchors) {
            if (certificate.equals(anchor.getTrustedCert())) {
                return true;
            }
        }
        return false;
    }

    private static void validatePath(List<X509Certificate> path, Set<TrustAnchor> anchors, Instant now)
            throws PeerCertificateException {
        try {
            CertificatePaths.validate(path, anchors, now);
        } catch (CertPathValidatorException e) {
            throw refusal(path, e, now);
        } catch (GeneralSecurityException e) {
            throw new PeerCertificateException(CertificateProblem.MALFORMED, "the peer's chain cannot be checked: "
                    + e.getMessage(), e);
        }
    }

    private static PeerCertificateException refusal(List<X509Certificate> path, CertPathValidatorException e,
                                                    Instant now) {
        int index = e.getIndex();
        X509Certificate at = index >= 0 && index < path.size() ? path.get(index) : null;
        String which = at == null ? "the peer's chain" : "certificate " + index + " (" + subject(at) + ")";
        CertPathValidatorException.Reason reason = e.getReason();
        if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
            return new PeerCertificateException(CertificateProblem.EXPIRED, which + " expired at "
                    + (at == null ? "?" : at.getNotAfter().toInstant()) + " (checked at " + now + ")", e);
        }
        if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return new PeerCertificateException(CertificateProblem.EXPIRED, which + " is not valid before "
                    + (at == null ? "?" : at.getNotBefore().toInstant()) + " (checked at " + now + ")", e);
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            X509Certificate top = path.get(path.size() - 1);
            String detail = top.getSubjectX500Principal().equals(top.getIssuerX500Principal())
                    ? subject(top) + " is self-signed and not a trust anchor"
                    : "its issuer " + top.getIssuerX500Principal().getName() + " is not a trust anchor";
            return new PeerCertificateException(CertificateProblem.UNTRUSTED, "the peer's chain does not lead to a"
                    + " trust anchor: " + detail, e);
        }
        return new PeerCertificateException(CertificateProblem.UNTRUSTED, which + " does not validate ("
                + reason + "): " + e.getMessage(), e);
    }

    /** RFC 5280 sections 4.2.1.3 and 4.2.1.12, RFC 7252 section 9.1.3.3: the key signs, for the peer's role. */
    private static void requireUsage(X509Certificate own, ConnectionEnd peerEnd) throws PeerCertificateException {
        boolean[] keyUsage = own.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE])) {
            throw new PeerCertificateException(CertificateProblem.BAD_KEY_USAGE, "the peer's certificate ("
                    + subject(own) + ") has a keyUsage without digitalSignature");
        }
        List<String> extended;
        try {
            extended = own.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new PeerCertificateException(CertificateProblem.MALFORMED, "the peer's certificate ("
                    + subject(own) + ") has an extendedKeyUsage that does not parse", e);
        }
        if (extended == null || extended.contains(ANY_EXTENDED_KEY_USAGE)) {
            return;
        }
        boolean allowed = peerEnd == ConnectionEnd.SERVER ? extended.contains(SERVER_AUTH)
                : peerEnd == ConnectionEnd.CLIENT ? extended.contains(CLIENT_AUTH)
                : extended.contains(SERVER_AUTH) || extended.contains(CLIENT_AUTH);
        if (!allowed) {
            String wanted = peerEnd == ConnectionEnd.SERVER ? "serverAuth"
                    : peerEnd == ConnectionEnd.CLIENT ? "clientAuth" : "serverAuth or clientAuth";
            throw new PeerCertificateException(CertificateProblem.BAD_KEY_USAGE, "the peer's certificate ("
                    + subject(own) + ") has an extendedKeyUsage without " + wanted + ": " + extended);
        }
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
