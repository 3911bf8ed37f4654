package io.coaps4j.dtls.credentials;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Certificates with chosen validity, CA flag, key usage, extended key usage and names, made with Bouncy Castle. */
final class TestCertificates {
    /** The time the tests check at; certificates are valid a year around it unless told otherwise. */
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private final String subject;
    private final KeyPair subjectKeys;
    private String issuer;
    private PrivateKey issuerKey;
    private Instant notBefore = NOW.minus(365, ChronoUnit.DAYS);
    private Instant notAfter = NOW.plus(365, ChronoUnit.DAYS);
    private Integer caPathLength;
    private boolean ca;
    private Integer keyUsage;
    private KeyPurposeId[] extendedKeyUsage;
    private final List<GeneralName> names = new ArrayList<>();

    private TestCertificates(String subject, KeyPair subjectKeys) {
        this.subject = subject;
        this.subjectKeys = subjectKeys;
        this.issuer = subject;
        this.issuerKey = subjectKeys.getPrivate();
    }

    /** A certificate of {@code subjectKeys} for {@code subject}, self-signed unless {@link #issuedBy}. */
    static TestCertificates of(String subject, KeyPair subjectKeys) {
        return new TestCertificates(subject, subjectKeys);
    }

    /** A self-signed CA certificate: a root. */
    static X509Certificate root(String subject, KeyPair keys) {
        return of(subject, keys).ca().build();
    }

    TestCertificates issuedBy(X509Certificate issuerCertificate, PrivateKey key) {
        this.issuer = issuerCertificate.getSubjectX500Principal().getName();
        this.issuerKey = key;
        return this;
    }

    TestCertificates valid(Instant from, Instant until) {
        this.notBefore = from;
        this.notAfter = until;
        return this;
    }

    TestCertificates ca() {
        this.ca = true;
        this.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;
        return this;
    }

    TestCertificates caPathLength(int length) {
        this.caPathLength = length;
        return ca();
    }

    /** keyUsage bits of {@link KeyUsage}. */
    TestCertificates keyUsage(int bits) {
        this.keyUsage = bits;
        return this;
    }

    TestCertificates extendedKeyUsage(KeyPurposeId... purposes) {
        this.extendedKeyUsage = purposes;
        return this;
    }

    TestCertificates dns(String name) {
        names.add(new GeneralName(GeneralName.dNSName, name));
        return this;
    }

    TestCertificates uri(String uri) {
        names.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
        return this;
    }

    TestCertificates ip(String address) {
        names.add(new GeneralName(GeneralName.iPAddress, address));
        return this;
    }

    X509Certificate build() {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), subjectKeys.getPublic());
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true,
                        caPathLength == null ? new BasicConstraints(true) : new BasicConstraints(caPathLength));
            }
            if (keyUsage != null) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (extendedKeyUsage != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(extendedKeyUsage));
            }
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
