package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.psk.PskKeyFile;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every client command over coaps:// with a pre-shared key, against a real {@code coaps4j server} in this JVM. */
class CoapsClientCommandsTest {
    @TempDir
    static Path dataDir;

    private static ServerRun server;
    private static String identity;
    private static String keyHex;
    private static String keyFile;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerRun.start(dataDir);
        keyFile = dataDir.resolve("psk.properties").toString();
        PskKeyFile generated = PskKeyFile.read(Path.of(keyFile));
        identity = generated.identity().orElseThrow().text();
        keyHex = HexFormat.of().formatHex(generated.key().bytes());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static CliRun coaps(String command, String path, String... more) {
        String[] args = new String[more.length + 6];
        args[0] = command;
        args[1] = server.coapsUri(path);
        args[2] = "--psk-identity";
        args[3] = identity;
        args[4] = "--psk-key";
        args[5] = keyHex;
        System.arraycopy(more, 0, args, 6, more.length);
        return CliRun.of(args);
    }

    @Test
    void getWithAHeartbeatCheckedSession() {
        CliRun run = coaps("get", "/hello", "--heartbeat", "1");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("Hello, world");
    }

    @Test
    void getWithIdentityAndHexKey() {
        CliRun run = coaps("get", "/hello");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("Hello, world");
        assertThat(run.stderr()).isEqualTo("2.05 Content\n");
    }

    @Test
    void getWithTheServersKeyFileAlone() {
        CliRun run = CliRun.of("get", server.coapsUri("/hello"), "--psk-key-file", keyFile);

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("Hello, world");
    }

    @Test
    void putPostGetDeleteOverCoaps() {
        assertThat(coaps("put", "/store/secure", "--payload", "one", "--content-format", "text/plain").stderr())
                .isEqualTo("2.01 Created\n");
        assertThat(coaps("post", "/store/secure", "--payload", "two").stderr()).isEqualTo("2.04 Changed\n");
        assertThat(coaps("get", "/store/secure").stdout()).isEqualTo("two");
        assertThat(coaps("delete", "/store/secure").stderr()).isEqualTo("2.02 Deleted\n");
        assertThat(coaps("get", "/store/secure").exitCode()).isEqualTo(ExitCodes.CLIENT_ERROR_RESPONSE);
    }

    @Test
    void whatIsStoredOverCoapsIsTheSameOverCoap() {
        coaps("put", "/store/shared", "--payload", "both ways");

        assertThat(CliRun.of("get", server.uri("/store/shared")).stdout()).isEqualTo("both ways");
    }

    @Test
    void discoverOverCoaps() {
        CliRun run = coaps("discover", "");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout().lines()).contains("</hello>;ct=0;title=\"Hello\"");
    }

    @Test
    void aWrongKeyIsAHandshakeFailureSaidInOneLine() {
        long start = System.nanoTime();

        CliRun run = CliRun.of("get", "--timeout", "10", server.coapsUri("/hello"), "--psk-identity", identity,
                "--psk-key", "00".repeat(16));

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.stderr()).startsWith("coaps4j: the DTLS handshake with 127.0.0.1:" + server.coapsPort()
                + " failed").contains("the pre-shared key").doesNotContain("\tat ");
        assertThat(run.stderr().lines()).hasSize(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused, not timed out").isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aBodyLargerThanOneDtlsRecordTravelsBlockWise() throws Exception {
        byte[] large = new byte[40_000];
        new java.util.Random(3).nextBytes(large);
        Path body = dataDir.resolve("big.bin");
        java.nio.file.Files.write(body, large);

        CliRun put = coaps("put", "/store/big", "--payload-file", body.toString());
        CliRun get = coaps("get", "/store/big");

        assertThat(put.exitCode()).as("%s", put).isZero();
        assertThat(get.exitCode()).as("%s", get).isZero();
        assertThat(get.stdoutBytes()).isEqualTo(large);
    }

    @Test
    void aPayloadFileOverTheBodyLimitIsSaidInOneLineBeforeAnyHandshake() throws Exception {
        Path body = dataDir.resolve("huge.bin");
        java.nio.file.Files.write(body, new byte[(1 << 20) + 1]);

        CliRun run = coaps("put", "/store/huge", "--payload-file", body.toString());

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("1048577 bytes; at most 1048576 can be sent").doesNotContain("\tat ");
        assertThat(run.stderr().lines()).hasSize(1);
    }

    @Test
    void anUnknownIdentityIsAHandshakeFailureToo() {
        CliRun run = CliRun.of("get", "--timeout", "10", server.coapsUri("/hello"), "--psk-identity", "nobody",
                "--psk-key", keyHex);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.stderr()).startsWith("coaps4j: the DTLS handshake with 127.0.0.1:" + server.coapsPort()
                + " failed");
        assertThat(run.stderr().lines()).hasSize(1);
    }

    @Test
    void noCoapsServerIsATimeoutWithExitStatus3() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CliRun run = CliRun.of("get", "--timeout", "0.5", "coaps://127.0.0.1:" + silent.getLocalPort() + "/hello",
                    "--psk-identity", identity, "--psk-key", keyHex);

            assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.TIMEOUT);
            assertThat(run.stderr()).isEqualTo("coaps4j: no DTLS session with 127.0.0.1:" + silent.getLocalPort()
                    + " within 0.5 s: the handshake did not complete; either no coaps server listens there, or it does"
                    + " not accept identity '" + identity + "' with this key (servers may drop a wrong key silently)\n");
            assertThat(run.stderr().lines()).hasSize(1);
        }
    }

    @Test
    void coapsWithoutAKeyIsAUsageError() {
        CliRun run = CliRun.of("get", server.coapsUri("/hello"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).startsWith("coaps4j: coaps:// needs a pre-shared key: give --psk-identity ID with"
                + " --psk-key HEX or --psk-key-file FILE; or the server's public key or CA certificate: --trust FILE\n");
    }

    @Test
    void aKeyForPlainCoapIsAUsageError() {
        CliRun run = CliRun.of("get", server.uri("/hello"), "--psk-identity", identity, "--psk-key", keyHex);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).startsWith("coaps4j: --psk-identity, --psk-key: a pre-shared key is for coaps:// URIs;")
                .doesNotContain(keyHex);
    }
}
