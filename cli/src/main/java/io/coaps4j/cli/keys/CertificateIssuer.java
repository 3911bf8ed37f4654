package io.coaps4j.cli.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the X.509 certificates of the Certificate mode (RFC 7252 section 9.1.3.3) with the profile of
 * RFC 5280 and RFC 7925 section 4.4.2: a self-signed CA, and end-entity certificates it signs, all on
 * secp256r1 signed with ecdsa-with-SHA256.
 */
public final class CertificateIssuer {
    /** Backdated so that a peer whose clock is a little behind accepts a certificate issued just now. */
    static final Duration BACKDATE = Duration.ofHours(1);
    private static final int SERIAL_BITS = 127;

    private final SecureRandom random;
    private final Instant now;

    public CertificateIssuer(SecureRandom random, Instant now) {
        this.random = Objects.requireNonNull(random, "random");
        this.now = Objects.requireNonNull(now, "now");
    }

    /** A CA: the authority itself and its key. */
    public record Authority(X509Certificate certificate, PrivateKey privateKey) {
        public Authority {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    /** The names an end-entity certificate carries in its subjectAltName. */
    public record Names(List<String> uris, List<String> dnsNames, List<String> ipAddresses) {
        public Names {
            uris = List.copyOf(uris);
            dnsNames = List.copyOf(dnsNames);
            ipAddresses = List.copyOf(ipAddresses);
        }

        boolean isEmpty() {
            return uris.isEmpty() && dnsNames.isEmpty() && ipAddresses.isEmpty();
        }
    }

    /**
     * A self-signed CA certificate for {@code keys}: basicConstraints CA:true (critical), keyUsage
     * keyCertSign and cRLSign (critical), and its subject key identifier (RFC 5280 section 4.2.1).
     */
    public X509Certificate selfSignedCa(KeyPair keys, String commonName, Duration validity) {
        X500Name subject = name(commonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), validity)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue the CA certificate", e);
        }
    }

    /**
     * A self-signed end-entity certificate for {@code keys} (keyUsage digitalSignature, clientAuth), which no
     * peer trusts: what a client holds when it was given no certificate of its own.
     */
    public X509Certificate selfSignedClient(KeyPair keys, String commonName, Duration validity) {
        X500Name subject = name(commonName);
        try {
            X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), validity)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return sign(builder, keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue the certificate", e);
        }
    }

    /**
     * An end-entity certificate for {@code subjectKey} signed by {@code authority}: basicConstraints CA:false,
     * keyUsage digitalSignature (critical; ECDHE_ECDSA signs, RFC 7925 section 4.4.2), extendedKeyUsage
     * serverAuth or clientAuth, and {@code names} in the subjectAltName, where RFC 6125 looks for them.
     *
     * @throws IllegalArgumentException when an IP address or URI is malformed
     */
    public X509Certificate endEntity(Authority authority, PublicKey subjectKey, String commonName, Names names,
                                     boolean client, Duration validity) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X500Name issuer = X500Name.getInstance(authority.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = builder(issuer, name(commonName), subjectKey, validity)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(client ? KeyPurposeId.id_kp_clientAuth
                                    : KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(authority.certificate()));
            if (!names.isEmpty()) {
                // RFC 5280 section 4.2.1.6: critical when the subject is empty; ours always has a CN.
                builder.addExtension(Extension.subjectAlternativeName, false, generalNames(names));
            }
            return sign(builder, authority.privateKey());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue the certificate", e);
        }
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, was " + validity);
        }
        // RFC 5280 section 4.1.2.2: a positive serial of at most 20 octets, unpredictable (CA/B BR 7.1).
        BigInteger serial = new BigInteger(SERIAL_BITS, random).setBit(SERIAL_BITS - 1);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(validity)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with the issuer's key", e);
        }
    }

    private static X500Name name(String commonName) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("the common name must not be empty");
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static GeneralNames generalNames(Names names) {
        List<GeneralName> all = new ArrayList<>();
        for (String uri : names.uris()) {
            all.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
        }
        for (String dns : names.dnsNames()) {
            all.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : names.ipAddresses()) {
            // GeneralName parses the literal itself and refuses a host name: no lookup happens here.
            all.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        return new GeneralNames(all.toArray(GeneralName[]::new));
    }
}
