package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands' {@code --trust}, {@code --key} and {@code --cert} (RawPublicKey and Certificate modes),
 * against a real {@code coaps4j server} in this JVM, with the files it generated and prints.
 */
class ClientKeysTest {
    @TempDir
    static Path dataDir;

    @TempDir
    static Path elsewhere;

    private static ServerRun server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerRun.start(dataDir);
        // Keys the server does not know: another CA with a client certificate, and another key pair.
        assertThat(CliRun.of("keys", "rpk", "--out", elsewhere.resolve("rpk").toString()).exitCode()).isZero();
        assertThat(CliRun.of("keys", "ca", "--out", elsewhere.resolve("ca").toString()).exitCode()).isZero();
        assertThat(CliRun.of("keys", "cert", "--ca", elsewhere.resolve("ca").toString(), "--out",
                elsewhere.resolve("client").toString(), "--client").exitCode()).isZero();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static String data(String name) {
        return dataDir.toAbsolutePath().resolve(name).toString();
    }

    private static String other(String name) {
        return elsewhere.resolve(name).toString();
    }

    private static String certificateUri() {
        return "coaps://localhost:" + server.coapsPort() + "/hello";
    }

    private static void assertUsage(CliRun run, String message) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("coaps4j: " + message + "\n");
    }

    @Test
    void thePrintedRawPublicKeyCommandReachesTheServer() {
        CliRun run = CliRun.of("get", server.coapsUri("/hello"), "--key", data("client-rpk-key.pem"), "--trust",
                data("rpk-pub.pem"));

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("Hello, world");
    }

    @Test
    void thePrintedCertificateCommandReachesTheServer() {
        CliRun run = CliRun.of("get", certificateUri(), "--cert", data("client-cert.pem"), "--key",
                data("client-key.pem"), "--trust", data("ca.pem"));

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("Hello, world");
    }

    @Test
    void anUntrustedServerKeyFailsWithItsIdentityAndHowToTrustIt() throws Exception {
        // Trusts a key that is not the server's.
        CliRun run = CliRun.of("get", server.coapsUri("/hello"), "--key", data("client-rpk-key.pem"), "--trust",
                other("rpk/pub.pem"));

        byte[] der = OpenSsl.run("pkey", "-pubin", "-in", data("rpk-pub.pem"), "-outform", "DER").stdout();
        String ni = "ni:///sha-256;" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.stderr()).startsWith("coaps4j: the server 127.0.0.1:" + server.coapsPort()
                + " presented the raw public key " + ni + ", which no --trust file holds;")
                .contains("--trust FILE").hasLineCount(1);
    }

    @Test
    void aServerCertificateFromAnotherCaFailsSayingHowToTrustIt() throws Exception {
        CliRun run = CliRun.of("get", certificateUri(), "--cert", other("client/cert.pem"), "--key",
                other("client/key.pem"), "--trust", other("ca/ca.pem"));

        // The failure carries the certificate the server presented: its fingerprint, not the handshake's words.
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(OpenSsl.run("x509", "-in", data("server-cert.pem"), "-outform", "DER").stdout()));
        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.stderr()).startsWith("coaps4j: the server 127.0.0.1:" + server.coapsPort()
                + " presented the certificate CN=localhost (SHA-256 " + fingerprint + "), which no CA given with"
                + " --trust signed;").contains("--trust FILE").hasLineCount(1);
    }

    @Test
    void trustWithoutAKeyReachesAServerThatWantsClientAuthenticationAndNotOneThatNeedsIt() throws Exception {
        // --trust alone: trust-only credentials, which answer a CertificateRequest with an empty Certificate.
        try (ServerRun wanting = ServerRun.start(elsewhere.resolve("wanting"), "--client-auth", "want")) {
            Path wantingData = elsewhere.resolve("wanting");
            CliRun rpk = CliRun.of("get", wanting.coapsUri("/hello"), "--trust",
                    wantingData.resolve("rpk-pub.pem").toString());
            CliRun certificate = CliRun.of("get", "coaps://localhost:" + wanting.coapsPort() + "/hello", "--trust",
                    wantingData.resolve("ca.pem").toString());

            assertThat(rpk.exitCode()).as("%s", rpk).isZero();
            assertThat(rpk.stdout()).isEqualTo("Hello, world");
            assertThat(certificate.exitCode()).as("%s", certificate).isZero();
            assertThat(certificate.stdout()).isEqualTo("Hello, world");
        }
        CliRun needing = CliRun.of("get", certificateUri(), "--trust", data("ca.pem"));

        assertThat(needing.exitCode()).as("%s", needing).isEqualTo(1);
        assertThat(needing.stderr()).contains("handshake_failure").hasLineCount(1);
    }

    @Test
    void keysAreForCoapsOnly() {
        assertUsage(CliRun.of("get", server.uri("/hello"), "--trust", data("ca.pem")),
                "--trust: keys are for coaps:// URIs; " + server.uri("/hello") + " is plain coap://");
    }

    @Test
    void aPreSharedKeyAndKeysTogetherAreRefused() {
        assertUsage(CliRun.of("get", server.coapsUri("/hello"), "--psk-key-file", data("psk.properties"), "--trust",
                data("ca.pem")), "give either a pre-shared key (--psk-key-file) or keys (--trust), not both");
    }

    @Test
    void aKeyWithoutTrustIsRefused() {
        assertUsage(CliRun.of("get", server.coapsUri("/hello"), "--key", data("client-rpk-key.pem")),
                "--key needs --trust FILE: the server's public key or its CA certificate (a server that is not checked"
                        + " could be anyone)");
    }

    @Test
    void keysThatDoNotFitTogetherAreRefused() {
        String uri = server.coapsUri("/hello");

        assertUsage(CliRun.of("get", uri, "--cert", data("client-cert.pem"), "--trust", data("ca.pem")),
                "--cert needs --key FILE: the certificate's private key");
        assertUsage(CliRun.of("get", uri, "--cert", data("client-cert.pem"), "--key", data("client-key.pem"),
                "--trust", data("rpk-pub.pem")), "--cert is for the Certificate mode, but --trust gives no CA"
                + " certificate: --trust the CA that signed the server's certificate");
        assertUsage(CliRun.of("get", uri, "--key", data("client-rpk-key.pem"), "--trust", data("ca.pem")),
                "--key without --cert is a raw public key, but --trust gives no server public key: add --cert FILE,"
                        + " or --trust the server's public key");
        assertUsage(CliRun.of("get", uri, "--cert", data("client-cert.pem"), "--key", data("client-rpk-key.pem"),
                "--trust", data("ca.pem")), "--key " + data("client-rpk-key.pem")
                + " is not the key of the certificate in --cert " + data("client-cert.pem"));
    }

    @Test
    void unusableTrustFilesAreNamed() throws Exception {
        String uri = server.coapsUri("/hello");
        Path missing = elsewhere.resolve("missing.pem");
        Path empty = elsewhere.resolve("empty.pem");
        Files.writeString(empty, "no PEM here\n");

        assertUsage(CliRun.of("get", uri, "--trust", missing.toString()), "--trust " + missing + " does not exist");
        assertUsage(CliRun.of("get", uri, "--trust", data("server-key.pem")), "--trust " + data("server-key.pem")
                + " holds neither a public key (-----BEGIN PUBLIC KEY-----) nor a certificate (-----BEGIN"
                + " CERTIFICATE-----)");
        assertUsage(CliRun.of("get", uri, "--trust", empty.toString()), "--trust " + empty
                + " holds neither a public key (-----BEGIN PUBLIC KEY-----) nor a certificate (-----BEGIN"
                + " CERTIFICATE-----)");
    }

    @Test
    void coapsWithoutCredentialsNamesBothKinds() {
        assertUsage(CliRun.of("discover", server.coapsUri("")), "coaps:// needs a pre-shared key: give --psk-identity"
                + " ID with --psk-key HEX or --psk-key-file FILE; or the server's public key or CA certificate:"
                + " --trust FILE");
    }
}
