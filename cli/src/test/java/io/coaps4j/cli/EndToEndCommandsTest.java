package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.server.ServerLifecycle;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    void getAndTheHandshakeGoEndToEndThroughCoaps4jProxy() throws Exception {
        ServerLifecycle lifecycle = ServerLifecycle.manual();
        CompletableFuture<CliRun> proxy = CompletableFuture.supplyAsync(() -> CliRun.with(lifecycle, "proxy",
                "--listen", "coap://127.0.0.1:0", "--no-cache"));
        List<InetSocketAddress> listening = lifecycle.awaitStarted(Duration.ofSeconds(10));
        assertThat(listening).as("proxy did not start: %s", proxy.getNow(null)).hasSize(1);
        String proxyUri = "coap://127.0.0.1:" + listening.get(0).getPort();
        try {
            CliRun get = CliRun.of("get", "--e2e", "--e2e-psk", KEY, "--proxy", proxyUri, server.uri("/hello"));
            assertThat(get.exitCode()).as("%s", get).isZero();
            assertThat(get.stdout()).isEqualTo("Hello, world");

            CliRun handshake = CliRun.of("get", "--e2e", "--e2e-psk", KEY, "--e2e-handshake", "--proxy", proxyUri,
                    server.uri("/hello"));
            assertThat(handshake.exitCode()).as("%s", handshake).isZero();
            assertThat(handshake.stdout()).isEqualTo("Hello, world");
        } finally {
            lifecycle.requestStop();
            assertThat(proxy.get(10, TimeUnit.SECONDS).exitCode()).isZero();
        }
    }

    @Test
    void observeWithNotificationsProtectedEndToEnd() {
        CliRun run = CliRun.of("observe", "--e2e", "--e2e-psk", KEY, "--count", "2", server.uri("/clock"));

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout().lines()).hasSize(2).allSatisfy(line -> assertThat(line).isNotBlank());
        assertThat(run.stderr()).isEqualTo("2.05 Content\n2.05 Content\n");
    }

    @Test
    void usageErrorsNameTheOption() {
        assertThat(CliRun.of("get", "--e2e", server.uri("/hello")).stderr()).contains("--e2e needs --e2e-psk");
        assertThat(CliRun.of("get", "--e2e-psk", KEY, server.uri("/hello")).stderr()).contains("--e2e-psk needs --e2e");
        assertThat(CliRun.of("get", "--e2e", "--e2e-psk", "nocolon", server.uri("/hello")).stderr())
                .contains("--e2e-psk must be ID:HEX");
        assertThat(CliRun.of("observe", "--proxy", "coap://127.0.0.1:1", server.uri("/time")).stderr())
                .contains("--proxy without --e2e");
    }
}
