package io.coaps4j.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.CliRun;
import io.coaps4j.cli.OpenSsl;
import io.coaps4j.cli.psk.PskKeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coaps4j keys}: every file it writes is read by OpenSSL, with the extensions asked for. */
class KeysCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void openssl() {
        OpenSsl.assumeInstalled();
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void rpkWritesAKeyPairOpenSslReadsAndPrintsTheKeysNiIdentity() throws Exception {
        Path out = dir.resolve("rpk");
        CliRun run = CliRun.of("keys", "rpk", "--out", out.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        Path key = out.resolve("key.pem");
        Path pub = out.resolve("pub.pem");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----\n");
        OpenSsl.ok("pkey", "-in", key.toString(), "-noout");
        OpenSsl.ok("pkey", "-pubin", "-in", pub.toString(), "-noout");
        assertThat(OpenSsl.ok("pkey", "-in", key.toString(), "-text", "-noout")).contains("NIST CURVE: P-256");
        // The private key file's public key is the public key file's.
        assertThat(OpenSsl.ok("pkey", "-in", key.toString(), "-pubout")).isEqualTo(Files.readString(pub));
        // RFC 6920: ni:///sha-256; and the base64url of the SHA-256 of the DER SubjectPublicKeyInfo.
        byte[] der = OpenSsl.run("pkey", "-pubin", "-in", pub.toString(), "-outform", "DER").stdout();
        String expected = "ni:///sha-256;" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
        assertThat(run.stdout()).isEqualTo(expected + "\n");
        assertThat(permissions(key)).isEqualTo("rw-------");
        assertThat(permissions(pub)).isEqualTo("rw-r--r--");
    }

    @Test
    void caWritesASelfSignedAuthorityOpenSslAccepts() throws Exception {
        CliRun run = CliRun.of("keys", "ca", "--out", dir.toString(), "--name", "Test Root");

        assertThat(run.exitCode()).as("%s", run).isZero();
        Path ca = dir.resolve("ca.pem");
        String text = OpenSsl.ok("x509", "-in", ca.toString(), "-noout", "-text");
        assertThat(text).contains("Subject: CN = Test Root", "Issuer: CN = Test Root", "ecdsa-with-SHA256",
                        "NIST CURVE: P-256", "X509v3 Subject Key Identifier", "X509v3 Authority Key Identifier")
                .containsPattern("X509v3 Basic Constraints: critical\\s+CA:TRUE")
                .containsPattern("X509v3 Key Usage: critical\\s+Certificate Sign, CRL Sign");
        assertThat(OpenSsl.ok("verify", "-CAfile", ca.toString(), ca.toString())).contains(": OK");
        OpenSsl.ok("pkey", "-in", dir.resolve("ca-key.pem").toString(), "-noout");
        assertThat(permissions(dir.resolve("ca-key.pem"))).isEqualTo("rw-------");
        String fingerprint = OpenSsl.ok("x509", "-in", ca.toString(), "-noout", "-fingerprint", "-sha256");
        assertThat(run.stdout()).isEqualTo("SHA-256 fingerprint " + fingerprint.substring(fingerprint.indexOf('=') + 1));
    }

    @Test
    void certWritesAServerCertificateSignedByTheCaWithItsNames() throws Exception {
        assertThat(CliRun.of("keys", "ca", "--out", dir.resolve("ca").toString()).exitCode()).isZero();
        Path out = dir.resolve("server");

        CliRun run = CliRun.of("keys", "cert", "--ca", dir.resolve("ca").toString(), "--out", out.toString(),
                "--uri", "coaps://sensor.example", "--dns", "sensor.example", "--dns", "localhost",
                "--ip", "127.0.0.1", "--ip", "::1");

        assertThat(run.exitCode()).as("%s", run).isZero();
        Path ca = dir.resolve("ca/ca.pem");
        Path cert = out.resolve("cert.pem");
        String text = OpenSsl.ok("x509", "-in", cert.toString(), "-noout", "-text");
        assertThat(text).contains("Subject: CN = sensor.example", "Issuer: CN = coaps4j CA",
                        "TLS Web Server Authentication", "URI:coaps://sensor.example", "DNS:sensor.example",
                        "DNS:localhost", "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1")
                .doesNotContain("TLS Web Client Authentication")
                .containsPattern("X509v3 Key Usage: critical\\s+Digital Signature\\s")
                .containsPattern("X509v3 Basic Constraints: critical\\s+CA:FALSE");
        assertThat(OpenSsl.ok("verify", "-CAfile", ca.toString(), cert.toString())).isEqualTo(cert + ": OK\n");
        assertThat(OpenSsl.ok("verify", "-purpose", "sslserver", "-CAfile", ca.toString(), cert.toString()))
                .contains(": OK");
        assertThat(OpenSsl.run("verify", "-purpose", "sslclient", "-CAfile", ca.toString(), cert.toString())
                .exitCode()).as("a server certificate must not pass as a client's").isNotZero();
        // chain.pem: the certificate, then the CA's.
        assertThat(Files.readString(out.resolve("chain.pem"))).isEqualTo(Files.readString(cert) + Files.readString(ca));
        OpenSsl.ok("pkey", "-in", out.resolve("key.pem").toString(), "-noout");
        assertThat(OpenSsl.ok("pkey", "-in", out.resolve("key.pem").toString(), "-pubout"))
                .isEqualTo(OpenSsl.ok("x509", "-in", cert.toString(), "-noout", "-pubkey"));
        assertThat(permissions(out.resolve("key.pem"))).isEqualTo("rw-------");
    }

    @Test
    void certWithClientMakesAClientCertificate() throws Exception {
        assertThat(CliRun.of("keys", "ca", "--out", dir.toString()).exitCode()).isZero();
        Path out = dir.resolve("client");

        CliRun run = CliRun.of("keys", "cert", "--ca", dir.toString(), "--out", out.toString(), "--client",
                "--name", "device-17", "--days", "30");

        assertThat(run.exitCode()).as("%s", run).isZero();
        Path cert = out.resolve("cert.pem");
        String text = OpenSsl.ok("x509", "-in", cert.toString(), "-noout", "-text");
        assertThat(text).contains("Subject: CN = device-17", "TLS Web Client Authentication")
                .doesNotContain("TLS Web Server Authentication", "Subject Alternative Name");
        assertThat(OpenSsl.ok("verify", "-purpose", "sslclient", "-CAfile", dir.resolve("ca.pem").toString(),
                cert.toString())).contains(": OK");
        assertThat(OpenSsl.ok("x509", "-in", cert.toString(), "-noout", "-checkend", "" + 29 * 86400))
                .contains("will not expire");
        assertThat(OpenSsl.run("x509", "-in", cert.toString(), "-noout", "-checkend", "" + 31 * 86400).exitCode())
                .as("valid for 30 days, not more").isNotZero();
    }

    @Test
    void noFileIsReplacedWithoutForce() throws Exception {
        assertThat(CliRun.of("keys", "rpk", "--out", dir.toString()).exitCode()).isZero();
        String before = Files.readString(dir.resolve("key.pem"));

        CliRun again = CliRun.of("keys", "rpk", "--out", dir.toString());

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.stderr()).isEqualTo("coaps4j: " + dir.resolve("key.pem").toAbsolutePath()
                + " exists; give --force to replace it (and 1 other file)\n");
        assertThat(Files.readString(dir.resolve("key.pem"))).isEqualTo(before);

        CliRun forced = CliRun.of("keys", "rpk", "--out", dir.toString(), "--force");

        assertThat(forced.exitCode()).as("%s", forced).isZero();
        assertThat(Files.readString(dir.resolve("key.pem"))).isNotEqualTo(before);
        assertThat(permissions(dir.resolve("key.pem"))).isEqualTo("rw-------");
        OpenSsl.ok("pkey", "-in", dir.resolve("key.pem").toString(), "-noout");
    }

    @Test
    void pskPrintsAKeyFileThatPskKeyFileReads() throws Exception {
        CliRun run = CliRun.of("keys", "psk", "--identity", "device-17");

        assertThat(run.exitCode()).as("%s", run).isZero();
        Path file = dir.resolve("client-psk.properties");
        Files.writeString(file, run.stdout());
        PskKeyFile key = PskKeyFile.read(file);
        assertThat(key.identity().orElseThrow().text()).isEqualTo("device-17");
        assertThat(key.key().length()).isEqualTo(22);
        String text = new String(key.key().bytes(), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(text).matches("[0-9A-Za-z]{22}");
        assertThat(run.stdout()).contains("# key as text (libcoap -k): " + text + "\n");
        assertThat(CliRun.of("keys", "psk").stdout()).containsPattern("identity=coaps4j-[0-9a-f]{8}\n")
                .doesNotContain(text);
    }
}
