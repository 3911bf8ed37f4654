package io.coaps4j.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.keys.CertificateIssuer;
import io.coaps4j.cli.keys.P256Keys;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The one line an untrusted server key ends in: the key's identity, and how to trust it. */
class UntrustedServerTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void aRawPublicKeyIsNamedByItsNiIdentity() {
        KeyPair key = P256Keys.generate(random);
        String ni = new RawPublicKeyPrincipal(key.getPublic()).getName();

        CommandFailure failure = UntrustedServer.rawPublicKey("192.0.2.1:5684", key.getPublic());

        assertThat(failure.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(failure.getMessage()).isEqualTo("the server 192.0.2.1:5684 presented the raw public key " + ni
                + ", which no --trust file holds; if that is the server's identity (a coaps4j server prints it at start),"
                + " give its public key file (rpk-pub.pem in a coaps4j server's data folder) with --trust FILE");
    }

    @Test
    void aCertificateIsNamedByItsSubjectAndSha256Fingerprint() throws Exception {
        KeyPair key = P256Keys.generate(random);
        X509Certificate certificate = new CertificateIssuer(random, Instant.now()).selfSignedCa(key, "sensor.example",
                Duration.ofDays(1));
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));

        CommandFailure failure = UntrustedServer.certificate("192.0.2.1:5684", certificate);

        assertThat(failure.getMessage()).startsWith("the server 192.0.2.1:5684 presented the certificate"
                + " CN=sensor.example (SHA-256 " + fingerprint + "), which no CA given with --trust signed;")
                .endsWith("with --trust FILE");
    }

    @Test
    void aCertificateRefusedForAnotherReasonSaysWhich() throws Exception {
        KeyPair key = P256Keys.generate(random);
        X509Certificate certificate = new CertificateIssuer(random, Instant.now()).selfSignedCa(key, "sensor.example",
                Duration.ofDays(1));

        CommandFailure failure = UntrustedServer.certificateRefused("192.0.2.1:5684", certificate,
                "certificate_expired", "aborted with a fatal certificate_expired alert: the certificate expired");

        assertThat(failure.getMessage()).startsWith("the server 192.0.2.1:5684 presented the certificate"
                + " CN=sensor.example (SHA-256 ").endsWith("), which is not acceptable (certificate_expired): the"
                + " certificate expired");
    }

    @Test
    void otherwiseItRepeatsTheExplanationAndHowToTrust() {
        CommandFailure failure = UntrustedServer.fromDetail("192.0.2.1:5684", "unknown_ca",
                "aborted with a fatal unknown_ca alert: the peer's chain ends at CN=Other CA, no trust anchor");

        assertThat(failure.getMessage()).isEqualTo("the server 192.0.2.1:5684 is not trusted (unknown_ca): the peer's"
                + " chain ends at CN=Other CA, no trust anchor; give its public key or the CA that signed its"
                + " certificate with --trust FILE");
    }
}
