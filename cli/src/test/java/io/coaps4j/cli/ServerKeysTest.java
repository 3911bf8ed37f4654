package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.psk.PskKeyFile;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coaps4j server}'s RawPublicKey and Certificate keys: generated into the data folder at the first
 * start (OpenSSL reads them all), re-used later, printed with commands that use them, or given by options.
 */
class ServerKeysTest {
    private static final List<String> PRIVATE = List.of("rpk-key.pem", "client-rpk-key.pem", "ca-key.pem",
            "server-key.pem", "client-key.pem");
    private static final List<String> PUBLIC = List.of("rpk-pub.pem", "client-rpk-pub.pem", "ca.pem",
            "server-cert.pem", "client-cert.pem");

    @TempDir
    Path dataDir;

    @TempDir
    Path elsewhere;

    @BeforeEach
    void openssl() {
        OpenSsl.assumeInstalled();
    }

    private Path data(String name) {
        return dataDir.toAbsolutePath().resolve(name);
    }

    /** RFC 6920 from OpenSSL's own DER of the public key in {@code file}. */
    private static String niOf(Path file) throws Exception {
        byte[] der = OpenSsl.run("pkey", "-pubin", "-in", file.toString(), "-outform", "DER").stdout();
        return "ni:///sha-256;" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
    }

    private static String fingerprint(Path certificate) throws Exception {
        String line = OpenSsl.ok("x509", "-in", certificate.toString(), "-noout", "-fingerprint", "-sha256");
        return line.substring(line.indexOf('=') + 1).trim();
    }

    private Map<String, String> contents() throws Exception {
        Map<String, String> contents = new TreeMap<>();
        for (String name : PRIVATE) {
            contents.put(name, Files.readString(data(name)));
        }
        for (String name : PUBLIC) {
            contents.put(name, Files.readString(data(name)));
        }
        return contents;
    }

    @Test
    void theFirstStartGeneratesKeysAndCertificatesThatOpenSslAccepts() throws Exception {
        try (ServerRun server = ServerRun.start(dataDir)) {
            CliRun run = server.stop();
            assertThat(run.exitCode()).as("%s", run).isZero();
        }

        for (String name : PRIVATE) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data(name)))).as(name)
                    .isEqualTo("rw-------");
            OpenSsl.ok("pkey", "-in", data(name).toString(), "-noout");
        }
        OpenSsl.ok("pkey", "-pubin", "-in", data("rpk-pub.pem").toString(), "-noout");
        assertThat(OpenSsl.ok("pkey", "-in", data("client-rpk-key.pem").toString(), "-pubout"))
                .isEqualTo(Files.readString(data("client-rpk-pub.pem")));
        String ca = data("ca.pem").toString();
        assertThat(OpenSsl.ok("x509", "-in", ca, "-noout", "-text"))
                .containsPattern("X509v3 Basic Constraints: critical\\s+CA:TRUE");
        String server = OpenSsl.ok("x509", "-in", data("server-cert.pem").toString(), "-noout", "-text");
        assertThat(server).contains("DNS:localhost", "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1",
                "URI:coaps://localhost", "TLS Web Server Authentication");
        String hostName = InetAddress.getLocalHost().getHostName();
        if (!hostName.equals("localhost")) {
            assertThat(server).contains("DNS:" + hostName);
        }
        assertThat(OpenSsl.ok("verify", "-purpose", "sslserver", "-CAfile", ca, data("server-cert.pem").toString()))
                .contains(": OK");
        assertThat(OpenSsl.ok("verify", "-purpose", "sslclient", "-CAfile", ca, data("client-cert.pem").toString()))
                .contains(": OK");
        // libcoap's -M reads the private and the public key from one file.
        assertThat(Files.readString(data("client-rpk-key.pem"))).contains("-----BEGIN PRIVATE KEY-----",
                "-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void itPrintsTheIdentitiesTheCaAndACommandForEachMode() throws Exception {
        CliRun run;
        int port;
        try (ServerRun server = ServerRun.start(dataDir)) {
            port = server.coapsPort();
            run = server.stop();
        }

        String dir = dataDir.toAbsolutePath().toString();
        String rpkUri = "coaps://127.0.0.1:" + port + "/hello";
        String certUri = "coaps://localhost:" + port + "/hello";
        assertThat(run.stdout())
                .contains("coaps raw public key (generated now into " + dir + "):\n"
                        + "  identity    " + niOf(data("rpk-pub.pem")) + " (" + data("rpk-pub.pem") + ")\n"
                        + "  trusts      " + niOf(data("client-rpk-pub.pem")) + " (" + data("client-rpk-pub.pem") + ")\n"
                        + "  try: ./coaps4j get " + rpkUri + " --key " + data("client-rpk-key.pem") + " --trust "
                        + data("rpk-pub.pem") + "\n"
                        + "       coap-client-gnutls -M " + data("client-rpk-key.pem") + " -m get " + rpkUri + "\n")
                .contains("coaps certificates (generated now into " + dir + "):\n"
                        + "  CA          " + data("ca.pem") + " (SHA-256 " + fingerprint(data("ca.pem")) + ")\n"
                        + "  server      " + data("server-cert.pem") + " (SHA-256 "
                        + fingerprint(data("server-cert.pem")) + ")\n"
                        + "  try: ./coaps4j get " + certUri + " --cert " + data("client-cert.pem") + " --key "
                        + data("client-key.pem") + " --trust " + data("ca.pem") + "\n"
                        + "       coap-client-openssl -c " + data("client-cert.pem") + " -j " + data("client-key.pem")
                        + " -C " + data("ca.pem") + " -m get " + certUri + "\n")
                .contains("coaps client authentication (RawPublicKey, Certificate): need\n");
        assertThat(run.stdout() + run.stderr()).doesNotContain(Files.readString(data("rpk-key.pem")).split("\n")[1]);
    }

    @Test
    void aRestartReusesTheKeysAndThePreSharedKeyStillWorks() throws Exception {
        try (ServerRun first = ServerRun.start(dataDir)) {
            first.stop();
        }
        Map<String, String> before = contents();

        CliRun second;
        CliRun get;
        try (ServerRun server = ServerRun.start(dataDir)) {
            PskKeyFile psk = PskKeyFile.read(dataDir.resolve("psk.properties"));
            get = CliRun.of("get", server.coapsUri("/hello"), "--psk-identity", psk.identity().orElseThrow().text(),
                    "--psk-key", HexFormat.of().formatHex(psk.key().bytes()));
            second = server.stop();
        }

        assertThat(contents()).isEqualTo(before);
        assertThat(second.stdout()).contains("coaps raw public key (from " + dataDir.toAbsolutePath() + "):\n",
                "coaps certificates (from " + dataDir.toAbsolutePath() + "):\n");
        assertThat(get.stdout()).as("%s", get).isEqualTo("Hello, world");
    }

    @Test
    void aBrokenSetInTheDataFolderIsNamedNotReplaced() throws Exception {
        try (ServerRun first = ServerRun.start(dataDir)) {
            first.stop();
        }
        Files.delete(data("ca-key.pem"));

        CliRun run = CliRun.of("server", "--bind", "127.0.0.1", "--port", "0", "--coaps-port", "0", "--data",
                dataDir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("coaps4j: cannot use the coaps keys in the data folder: "
                + dataDir.toAbsolutePath() + " holds ca.pem, server-cert.pem, server-key.pem, client-cert.pem,"
                + " client-key.pem but not ca-key.pem; restore them, or delete ca.pem, server-cert.pem,"
                + " server-key.pem, client-cert.pem, client-key.pem to have new ones generated\n");
        assertThat(data("ca.pem")).exists();
    }

    @Test
    void keysGivenByOptionsAreUsedAndNothingIsGenerated() throws Exception {
        Path rpk = elsewhere.resolve("rpk");
        Path client = elsewhere.resolve("client");
        Path ca = elsewhere.resolve("ca");
        Path cert = elsewhere.resolve("server");
        assertThat(CliRun.of("keys", "rpk", "--out", rpk.toString()).exitCode()).isZero();
        assertThat(CliRun.of("keys", "rpk", "--out", client.toString()).exitCode()).isZero();
        assertThat(CliRun.of("keys", "ca", "--out", ca.toString()).exitCode()).isZero();
        assertThat(CliRun.of("keys", "cert", "--ca", ca.toString(), "--out", cert.toString(), "--dns", "localhost")
                .exitCode()).isZero();

        CliRun run;
        try (ServerRun server = ServerRun.start(dataDir, "--rpk-key", rpk.resolve("key.pem").toString(),
                "--trust-rpk", client.resolve("pub.pem").toString(), "--cert", cert.resolve("chain.pem").toString(),
                "--key", cert.resolve("key.pem").toString(), "--ca", ca.resolve("ca.pem").toString(),
                "--client-auth", "want")) {
            run = server.stop();
        }

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout())
                .contains("coaps raw public key:\n"
                        + "  identity    " + niOf(rpk.resolve("pub.pem")) + " (" + rpk.resolve("key.pem") + ")\n"
                        + "  trusts      " + niOf(client.resolve("pub.pem")) + " (" + client.resolve("pub.pem") + ")\n"
                        + "coaps certificates:\n"
                        + "  CA          " + ca.resolve("ca.pem") + " (SHA-256 " + fingerprint(ca.resolve("ca.pem"))
                        + ")\n"
                        + "  server      " + cert.resolve("chain.pem") + " (SHA-256 "
                        + fingerprint(cert.resolve("cert.pem")) + ")\n"
                        + "coaps client authentication (RawPublicKey, Certificate): want\n")
                .doesNotContain("client-key.pem");
        List<String> generated = new ArrayList<>(PRIVATE);
        generated.addAll(PUBLIC);
        for (String name : generated) {
            assertThat(data(name)).as(name).doesNotExist();
        }
    }

    @Test
    void unusableKeyOptionsAreUsageErrors() throws Exception {
        Path rsa = elsewhere.resolve("rsa.pem");
        OpenSsl.ok("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", rsa.toString());
        Path missing = elsewhere.resolve("missing.pem");
        String[] server = {"server", "--bind", "127.0.0.1", "--port", "0", "--coaps-port", "0", "--data",
                dataDir.toString()};

        assertUsage(run(server, "--cert", rsa.toString()), "--cert needs --key FILE: the certificate's private key");
        assertUsage(run(server, "--trust-rpk", missing.toString()), "--trust-rpk " + missing + " does not exist");
        assertUsage(run(server, "--rpk-key", rsa.toString()), "--rpk-key: " + rsa
                + ": the PKCS#8 key is not an EC key: its algorithm is RSA (OID 1.2.840.113549.1.1.1)");
        assertUsage(run(server, "--trust-rpk", rsa.toString()), "--trust-rpk: " + rsa
                + ": holds no \"PUBLIC KEY\" PEM block, only [PRIVATE KEY]");
        assertUsage(run(server, "--client-auth", "maybe"), "Invalid value for option '--client-auth': must be none, want or need, was 'maybe'");
        assertUsage(CliRun.of("server", "--no-coaps", "--rpk-key", rsa.toString()),
                "--no-coaps cannot be combined with --rpk-key");
    }

    private static CliRun run(String[] base, String... more) {
        List<String> args = new ArrayList<>(List.of(base));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void assertUsage(CliRun run, String message) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.stderr()).startsWith("coaps4j: " + message + "\n");
    }
}
