package io.coaps4j.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coaps4j keys}: a wrong command line exits with status 2 and one line saying what is wrong. */
class KeysUsageErrorsTest {
    @TempDir
    Path dir;

    private static void assertUsageError(CliRun run, String message) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
        assertThat(run.stderr()).startsWith("coaps4j: " + message);
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void keysAloneAsksForACommand() {
        assertUsageError(CliRun.of("keys"), "a keys command is required: psk, rpk, ca or cert\n");
    }

    @Test
    void rpkNeedsOut() {
        assertUsageError(CliRun.of("keys", "rpk"), "Missing required option: '--out=DIR'\n");
    }

    @Test
    void aServerCertificateNeedsANameAndNothingIsWritten() throws Exception {
        assertThat(CliRun.of("keys", "ca", "--out", dir.toString()).exitCode()).isZero();

        assertUsageError(CliRun.of("keys", "cert", "--ca", dir.toString(), "--out", dir.resolve("s").toString()),
                "a server certificate needs the names clients reach it by: give --uri, --dns or --ip"
                        + " (or --client for a client certificate)\n");
        assertThat(dir.resolve("s")).doesNotExist();
    }

    @Test
    void badNamesAreRefused() throws Exception {
        assertThat(CliRun.of("keys", "ca", "--out", dir.toString()).exitCode()).isZero();
        String ca = dir.toString();
        String out = dir.resolve("s").toString();

        assertUsageError(CliRun.of("keys", "cert", "--ca", ca, "--out", out, "--ip", "localhost"),
                "--ip: 'localhost' is not an IPv4 or IPv6 address\n");
        assertUsageError(CliRun.of("keys", "cert", "--ca", ca, "--out", out, "--dns", "bad host"),
                "--dns: 'bad host' is not a host name\n");
        assertUsageError(CliRun.of("keys", "cert", "--ca", ca, "--out", out, "--uri", "sensor.example"),
                "--uri: 'sensor.example' needs a scheme and a host, e.g. coaps://sensor.example\n");
        assertUsageError(CliRun.of("keys", "cert", "--ca", ca, "--out", out, "--dns", "a.example", "--days", "0"),
                "--days must be 1..36500, was 0\n");
    }

    @Test
    void aMissingCaIsNamed() {
        Path missing = dir.resolve("nope");

        assertUsageError(CliRun.of("keys", "cert", "--ca", missing.toString(), "--out", dir.toString(), "--client"),
                "--ca " + missing + ": " + missing.resolve("ca.pem") + " does not exist (make a CA with coaps4j keys"
                        + " ca --out " + missing + ")\n");
    }

    @Test
    void aCaKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        assertThat(CliRun.of("keys", "ca", "--out", dir.resolve("a").toString()).exitCode()).isZero();
        assertThat(CliRun.of("keys", "ca", "--out", dir.resolve("b").toString()).exitCode()).isZero();
        Files.copy(dir.resolve("b/ca-key.pem"), dir.resolve("a/ca-key.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertUsageError(CliRun.of("keys", "cert", "--ca", dir.resolve("a").toString(), "--out",
                dir.resolve("s").toString(), "--client"), dir.resolve("a/ca-key.pem") + " is not the key of "
                + dir.resolve("a/ca.pem") + "\n");
    }

    @Test
    void aFileThatIsNotPemIsNamed() throws Exception {
        Files.writeString(dir.resolve("ca.pem"), "hello\n");

        assertUsageError(CliRun.of("keys", "cert", "--ca", dir.toString(), "--out", dir.resolve("s").toString(),
                "--client"), "--ca " + dir + ": " + dir.resolve("ca.pem")
                + ": holds no \"CERTIFICATE\" PEM block (not a PEM file)\n");
    }
}
