package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.psk.PskKeyFile;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coaps4j server}'s coaps listener: its key, what it prints, and its options. */
class CoapsServerCommandTest {
    @TempDir
    Path dataDir;

    private PskKeyFile generatedKey() throws Exception {
        return PskKeyFile.read(dataDir.resolve("psk.properties"));
    }

    @Test
    void theFirstStartGeneratesAKeyPrintsItAndKeepsItPrivate() throws Exception {
        CliRun run;
        try (ServerRun server = ServerRun.start(dataDir)) {
            run = server.stop();
            PskKeyFile key = generatedKey();
            String identity = key.identity().orElseThrow().text();
            String hex = HexFormat.of().formatHex(key.key().bytes());
            String text = new String(key.key().bytes(), java.nio.charset.StandardCharsets.US_ASCII);

            assertThat(run.exitCode()).as("%s", run).isZero();
            assertThat(run.stdout())
                    .contains("listening on coap://127.0.0.1:" + server.port() + "\n")
                    .contains("listening on coaps://127.0.0.1:" + server.coapsPort() + "\n")
                    .contains("coaps pre-shared key (generated now into " + dataDir.toAbsolutePath().resolve("psk.properties")
                            + "):\n")
                    .contains("  identity    " + identity + "\n")
                    .contains("  key (hex)   " + hex + "\n")
                    .contains("  key (text)  " + text + "\n")
                    .contains("  try: ./coaps4j get coaps://127.0.0.1:" + server.coapsPort() + "/hello --psk-identity "
                            + identity + " --psk-key " + hex + "\n")
                    .contains("       coap-client-openssl -u " + identity + " -k " + text + " -m get coaps://127.0.0.1:"
                            + server.coapsPort() + "/hello\n");
            assertThat(run.stderr()).doesNotContain(hex).doesNotContain(text);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("psk.properties"))))
                .isEqualTo("rw-------");
    }

    @Test
    void itPrintsTheCoapsDropCountersWhenItStops() throws Exception {
        try (ServerRun server = ServerRun.start(dataDir)) {
            CliRun run = server.stop();

            assertThat(run.stderr()).contains("stopping\ncoaps drop counters: 0 handshakes refused at the connection limit, "
                    + "0 handshakes refused at the per-address limit, 0 handshakes stalled, 0 handshakes displaced, "
                    + "0 handshakes timed out, 0 sessions evicted, 0 messages too large for one DTLS record, "
                    + "0 messages for another session or epoch, 0 messages for a closed session\n");
        }
    }

    @Test
    void aRestartUsesTheSameKey() throws Exception {
        try (ServerRun first = ServerRun.start(dataDir)) {
            first.stop();
        }
        PskKeyFile key = generatedKey();

        CliRun second;
        try (ServerRun server = ServerRun.start(dataDir)) {
            CliRun get = CliRun.of("get", server.coapsUri("/hello"), "--psk-identity", key.identity().orElseThrow().text(),
                    "--psk-key", HexFormat.of().formatHex(key.key().bytes()));
            assertThat(get.exitCode()).as("%s", get).isZero();
            second = server.stop();
        }

        assertThat(second.stdout()).contains("coaps pre-shared key (from " + dataDir.toAbsolutePath().resolve("psk.properties"))
                .contains("  identity    " + key.identity().orElseThrow().text() + "\n");
        assertThat(generatedKey().key().bytes()).isEqualTo(key.key().bytes());
    }

    @Test
    void aKeyGivenOnTheCommandLineIsUsedNotStoredAndNotShown() throws Exception {
        String hex = "73656372657450534b";
        try (ServerRun server = ServerRun.start(dataDir, "--psk-identity", "device-1", "--psk-key", hex)) {
            CliRun get = CliRun.of("get", server.coapsUri("/hello"), "--psk-identity", "device-1", "--psk-key", hex);
            CliRun run = server.stop();

            assertThat(get.stdout()).as("%s", get).isEqualTo("Hello, world");
            assertThat(run.stdout()).contains("coaps pre-shared key: identity device-1, key as given (9 bytes, not shown)")
                    .doesNotContain(hex);
        }
        assertThat(dataDir.resolve("psk.properties")).doesNotExist();
    }

    @Test
    void noCoapsServesCoapOnlyAndCreatesNoKey() throws Exception {
        try (ServerRun server = ServerRun.start(dataDir, "--no-coaps")) {
            CliRun run = server.stop();

            assertThat(run.stdout()).contains("listening on coap://").doesNotContain("coaps");
        }
        assertThat(dataDir.resolve("psk.properties")).doesNotExist();
    }

    @Test
    void theKeyFileIsNotServedFromTheStore() throws Exception {
        try (ServerRun server = ServerRun.start(dataDir)) {
            CliRun get = CliRun.of("get", server.uri("/store/psk.properties"));
            CliRun discover = CliRun.of("discover", server.uri(""));

            assertThat(get.stderr()).isEqualTo("4.04 Not Found\n");
            assertThat(discover.stdout()).doesNotContain("psk");
        }
    }

    @Test
    void aCoapsPortInUseIsAOneLineFailureNamingCoaps() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CliRun run = CliRun.of("server", "--bind", "127.0.0.1", "--port", "0", "--coaps-port",
                    String.valueOf(taken.getLocalPort()), "--data", dataDir.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.stderr()).startsWith("coaps4j: cannot listen on UDP 127.0.0.1:" + taken.getLocalPort()
                    + " (coaps): ").doesNotContain("\tat ");
            assertThat(run.stderr().lines()).hasSize(1);
        }
    }

    @Test
    void aDamagedKeyFileIsAOneLineFailure() throws Exception {
        Files.writeString(dataDir.resolve("psk.properties"), "identity=x\n");

        CliRun run = CliRun.of("server", "--bind", "127.0.0.1", "--port", "0", "--coaps-port", "0", "--data",
                dataDir.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.stderr()).isEqualTo("coaps4j: cannot use the coaps key: "
                + dataDir.toAbsolutePath().resolve("psk.properties")
                + " has no 'key' line (fix the file, or delete it to have a new key generated)\n");
    }

    @Test
    void aKeyFileOthersCanReadIsWarnedAbout() throws Exception {
        Path file = Files.writeString(dataDir.resolve("psk.properties"), "identity=x\nkey=00ff\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (ServerRun server = ServerRun.start(dataDir)) {
            CliRun run = server.stop();

            assertThat(run.stderr()).contains("coaps4j: warning: other users can read " + file.toAbsolutePath()
                    + "; run chmod 600 " + file.toAbsolutePath());
        }
    }
}
