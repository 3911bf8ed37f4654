package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --e2e} against {@code coaps4j server --e2e-psk} in this JVM (docs/E2E.md). */
class EndToEndCommandsTest {
    private static final String KEY = "client-e2e:00112233445566778899aabbccddeeff";

    @TempDir
    static Path dataDir;

    private static ServerRun server;

    @BeforeAll
    static void startServer() throws InterruptedException {
        server = ServerRun.start(dataDir, "--e2e-psk", KEY);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void getWithAnSaDerivedFromTheKey() {
        CliRun run = CliRun.of("get", "--e2e", "--e2e-psk", KEY, server.uri("/hello"));

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("Hello, world");
        assertThat(run.stderr()).isEqualTo("2.05 Content\n");
    }

    @Test
    void putThenGetWithTheHandshakeOverCoap() {
        CliRun put = CliRun.of("put", "--e2e", "--e2e-psk", KEY, "--e2e-handshake", "--payload", "sealed",
                server.uri("/store/e2e"));
        assertThat(put.exitCode()).as("%s", put).isZero();

        CliRun get = CliRun.of("get", "--e2e", "--e2e-psk", KEY, "--e2e-handshake", server.uri("/store/e2e"));
        assertThat(get.stdout()).as("%s", get).isEqualTo("sealed");
    }

    @Test
    void aWrongKeyIsRefusedAsNotAuthentic() {
        CliRun run = CliRun.of("get", "--e2e", "--e2e-psk", "client-e2e:ffeeddccbbaa99887766554433221100",
                server.uri("/hello"));

        assertThat(run.stderr()).startsWith("4.00");
        assertThat(run.stdout()).isEqualTo("e2e: not authentic");
    }

    @Test
    void usageErrorsNameTheOption() {
        assertThat(CliRun.of("get", "--e2e", server.uri("/hello")).stderr()).contains("--e2e needs --e2e-psk");
        assertThat(CliRun.of("get", "--e2e-psk", KEY, server.uri("/hello")).stderr()).contains("--e2e-psk needs --e2e");
        assertThat(CliRun.of("get", "--e2e", "--e2e-psk", "nocolon", server.uri("/hello")).stderr())
                .contains("--e2e-psk must be ID:HEX");
        assertThat(CliRun.of("observe", "--e2e", "--e2e-psk", KEY, server.uri("/time")).stderr())
                .contains("not supported yet");
    }
}
