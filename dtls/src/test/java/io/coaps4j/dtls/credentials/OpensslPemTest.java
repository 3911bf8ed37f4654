package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.ConnectionEnd;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The files the {@code openssl} command writes are read here, and the files written here are read by it. */
class OpensslPemTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void opensslIsInstalled() {
        boolean available;
        try {
            Process probe = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            available = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            available = false;
        }
        Assumptions.assumeTrue(available, "skipped: no openssl command on this machine");
    }

    /** Runs {@code openssl} in the temporary directory; returns its output, fails when it fails. */
    private String openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("openssl %s: %s", command, output).isZero();
        return output;
    }

    @Test
    void aPkcs8KeyFromGenpkeyAndItsPublicKeyAreRead() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
        openssl("pkey", "-in", "key.pem", "-pubout", "-out", "public.pem");

        KeyPair pair = Pem.readKeyPair(dir.resolve("key.pem"));

        assertThat(pair.getPublic()).isEqualTo(Pem.readPublicKey(dir.resolve("public.pem")));
        assertThat(RawPublicKeyCredentials.fromPem(dir.resolve("key.pem"), dir.resolve("public.pem"),
                List.of(dir.resolve("public.pem"))).trusts(pair.getPublic())).isTrue();
    }

    @Test
    void aSec1KeyFromEcparamIsRead() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.pem");
        openssl("pkey", "-in", "ec.pem", "-pubout", "-out", "public.pem");

        KeyPair pair = Pem.readKeyPair(dir.resolve("ec.pem"));

        assertThat(Files.readString(dir.resolve("ec.pem"))).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");
        assertThat(pair.getPublic()).isEqualTo(Pem.readPublicKey(dir.resolve("public.pem")));
    }

    @Test
    void opensslReadsTheKeysAndCertificatesWrittenHere() throws Exception {
        KeyPair keys = TestKeys.p256();
        Pem.writePrivateKey(dir.resolve("key.pem"), keys);
        Pem.writePublicKey(dir.resolve("public.pem"), keys.getPublic());
        Pem.writeCertificates(dir.resolve("cert.pem"), List.of(TestCertificates.root("CN=written here", keys)));

        assertThat(openssl("pkey", "-in", "key.pem", "-check", "-noout")).contains("valid");
        assertThat(openssl("pkey", "-in", "key.pem", "-pubout")).isEqualTo(Files.readString(dir.resolve("public.pem")));
        assertThat(openssl("pkey", "-in", "key.pem", "-text", "-noout")).contains("prime256v1");
        assertThat(openssl("x509", "-in", "cert.pem", "-noout", "-subject")).contains("CN = written here");
        String derived = openssl("ec", "-in", "key.pem", "-outform", "PEM");
        ECPrivateKey reread = (ECPrivateKey) Pem.readPrivateKey(Files.writeString(dir.resolve("sec1.pem"), derived));
        assertThat(reread.getS()).isEqualTo(((ECPrivateKey) keys.getPrivate()).getS());
    }

    @Test
    void aChainMadeByOpensslValidatesWithItsNames() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key");
        openssl("req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=OpenSSL Test CA", "-days", "30", "-out", "ca.pem");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "server.key");
        openssl("req", "-new", "-key", "server.key", "-subj", "/CN=server.example", "-out", "server.csr");
        Files.writeString(dir.resolve("ext.cnf"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                + "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:server.example,URI:coaps://server.example,IP:192.0.2.5\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "7",
                "-extfile", "ext.cnf", "-out", "server.pem");

        CertificateCredentials server = CertificateCredentials.fromPem(dir.resolve("server.key"), dir.resolve("server.pem"),
                dir.resolve("ca.pem"));
        CertificateCredentials client = CertificateCredentials.fromPem(dir.resolve("server.key"), dir.resolve("server.pem"),
                dir.resolve("ca.pem"));
        Instant now = Instant.now();

        assertThat(client.validatePeer(server.chain(), ConnectionEnd.SERVER, Optional.of("server.example"), now).getName())
                .isEqualTo("CN=server.example");
        assertThat(client.validatePeer(server.chain(), ConnectionEnd.SERVER, Optional.of("192.0.2.5"), now)).isNotNull();
        assertThatThrownBy(() -> client.validatePeer(server.chain(), ConnectionEnd.SERVER, Optional.of("other.example"), now))
                .isInstanceOfSatisfying(PeerCertificateException.class,
                        e -> assertThat(e.problem()).isEqualTo(CertificateProblem.NAME_MISMATCH));
        assertThatThrownBy(() -> client.validatePeer(server.chain(), ConnectionEnd.CLIENT, Optional.empty(), now))
                .isInstanceOfSatisfying(PeerCertificateException.class,
                        e -> assertThat(e.problem()).isEqualTo(CertificateProblem.BAD_KEY_USAGE));
        assertThatThrownBy(() -> client.validatePeer(server.chain(), ConnectionEnd.SERVER, Optional.of("server.example"),
                now.plusSeconds(8 * 24 * 3600))).isInstanceOfSatisfying(PeerCertificateException.class,
                        e -> assertThat(e.problem()).isEqualTo(CertificateProblem.EXPIRED));
    }

    @Test
    void keysOpensslWritesThatCannotServeAreRefusedClearly() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.pem");
        openssl("genpkey", "-algorithm", "ED25519", "-out", "ed25519.pem");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-128-cbc", "-pass",
                "pass:not-a-secret", "-out", "encrypted.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-param_enc", "explicit", "-out", "explicit.pem");

        assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("p384.pem"))).hasMessageContaining("not on secp256r1")
                .hasMessageContaining("secp384r1");
        assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("ed25519.pem"))).hasMessageContaining("not an EC key")
                .hasMessageContaining("Ed25519");
        assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("encrypted.pem"))).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("explicit.pem")))
                .hasMessageContaining("explicit curve parameters");
    }
}
