package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.TestKeys;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Keys, certificates and configurations of the RawPublicKey and Certificate modes for engine tests. */
public final class PublicKeyFixture {
    private static final AtomicLong SERIAL = new AtomicLong(1);
    public static final KeyPair SERVER_KEY = TestKeys.p256();
    public static final KeyPair CLIENT_KEY = TestKeys.p256();
    public static final KeyPair CA_KEY = TestKeys.p256();
    public static final X509Certificate CA = certificate("CN=Test CA", CA_KEY, "CN=Test CA", CA_KEY.getPrivate(), true,
            Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS), 0);

    private PublicKeyFixture() {
    }

    public static RawPublicKeyCredentials serverRpk() {
        return new RawPublicKeyCredentials(SERVER_KEY.getPrivate(), SERVER_KEY.getPublic(), Set.of(CLIENT_KEY.getPublic()));
    }

    public static RawPublicKeyCredentials clientRpk() {
        return new RawPublicKeyCredentials(CLIENT_KEY.getPrivate(), CLIENT_KEY.getPublic(), Set.of(SERVER_KEY.getPublic()));
    }

    /** A leaf certificate of {@code keys} issued by the test CA, valid now, naming {@code dnsName}. */
    public static X509Certificate leaf(String subject, KeyPair keys, String dnsName) {
        return certificate(subject, keys, "CN=Test CA", CA_KEY.getPrivate(), false,
                Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS), 0,
                new GeneralName(GeneralName.dNSName, dnsName));
    }

    public static CertificateCredentials serverCertificate() {
        return new CertificateCredentials(SERVER_KEY.getPrivate(), List.of(leaf("CN=server", SERVER_KEY, "server.example")),
                Set.of(new TrustAnchor(CA, null)));
    }

    public static CertificateCredentials clientCertificate() {
        return new CertificateCredentials(CLIENT_KEY.getPrivate(), List.of(leaf("CN=client", CLIENT_KEY, "client.example")),
                Set.of(new TrustAnchor(CA, null)));
    }

    public static DtlsConfig config(Consumer<DtlsConfig.Builder> tweak) {
        DtlsConfig.Builder builder = DtlsConfig.builder().retransmission(Fixture.FAST_GIVE_UP);
        tweak.accept(builder);
        return builder.build();
    }

    /**
     * A certificate; {@code padding} bytes of a throw-away extension make it as large as a test needs.
     */
    public static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
                                       boolean ca, Instant notBefore, Instant notAfter, int padding,
                                       GeneralName... altNames) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), subjectKeys.getPublic());
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
            }
            if (altNames.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames));
            }
            if (padding > 0) {
                builder.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), false,
                        new org.bouncycastle.asn1.DEROctetString(new byte[padding]));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
