package io.coaps4j.dtls.crypto;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * X.509 through the platform's JCA provider: decoding the certificates of a Certificate message (RFC 5246
 * section 7.4.2) and PKIX validation of a peer's chain to trust anchors (RFC 5280 section 6: signatures,
 * validity, basic constraints, key usage of the CAs).
 */
public final class CertificatePaths {
    private CertificatePaths() {
    }

    /**
     * The certificates of {@code encoded}, each one DER certificate, in order.
     *
     * @throws CertificateException when one is not a DER X.509 certificate
     */
    public static List<X509Certificate> decode(List<byte[]> encoded) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>(encoded.size());
        for (byte[] der : encoded) {
            chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        return chain;
    }

    /**
     * Validates {@code chain} (the peer's certificate first) to one of {@code anchors} at {@code now}, without
     * revocation checks (constrained peers publish none). The end-entity's key usage is left to the caller, which
     * knows the peer's role.
     *
     * @throws java.security.cert.CertPathValidatorException when the chain does not validate; its reason
     *                                  ({@code BasicReason}, {@code PKIXReason}) and index say why and where
     * @throws GeneralSecurityException when the chain cannot be checked at all
     */
    public static void validate(List<X509Certificate> chain, Set<TrustAnchor> anchors, Instant now)
            throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(now));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain), parameters);
    }
}
