package io.coaps4j.dtls.credentials;

import javax.security.auth.x500.X500Principal;
import java.security.Principal;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The peer a Certificate handshake authenticates: the subject of its end-entity certificate and the
 * URI and DNS names of its subjectAltName, the identifiers RFC 6125 section 6 matches against a
 * reference identity (RFC 7252 section 9.1.3.3).
 */
public final class CertificatePrincipal implements Principal {
    /** GeneralName tags of subjectAltName (RFC 5280 section 4.2.1.6). */
    private static final int DNS_NAME = 2;
    private static final int URI = 6;

    private final X500Principal subject;
    private final List<String> uris;
    private final List<String> dnsNames;

    /** The principal of {@code subject} with these subjectAltName URIs and DNS names. */
    public CertificatePrincipal(X500Principal subject, List<String> uris, List<String> dnsNames) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.uris = List.copyOf(uris);
        this.dnsNames = List.copyOf(dnsNames);
    }

    /**
     * The principal of {@code certificate}.
     *
     * @throws IllegalArgumentException when its subjectAltName cannot be parsed
     */
    public static CertificatePrincipal of(X509Certificate certificate) {
        List<String> uris = new ArrayList<>();
        List<String> dnsNames = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            for (List<?> name : names == null ? List.<List<?>>of() : names) {
                int tag = (Integer) name.get(0);
                if (tag == URI) {
                    uris.add((String) name.get(1));
                } else if (tag == DNS_NAME) {
                    dnsNames.add((String) name.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("the certificate's subjectAltName cannot be parsed", e);
        }
        return new CertificatePrincipal(certificate.getSubjectX500Principal(), uris, dnsNames);
    }

    /** The subject's distinguished name. */
    public X500Principal subject() {
        return subject;
    }

    /** The subjectAltName URIs, in certificate order. */
    public List<String> uris() {
        return uris;
    }

    /** The subjectAltName DNS names, in certificate order. */
    public List<String> dnsNames() {
        return dnsNames;
    }

    /** The subject's distinguished name (RFC 2253). */
    @Override
    public String getName() {
        return subject.getName();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificatePrincipal that && subject.equals(that.subject) && uris.equals(that.uris)
                && dnsNames.equals(that.dnsNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, uris, dnsNames);
    }

    @Override
    public String toString() {
        return "CertificatePrincipal[" + subject.getName() + (uris.isEmpty() ? "" : ", URIs " + uris)
                + (dnsNames.isEmpty() ? "" : ", DNS " + dnsNames) + "]";
    }
}
