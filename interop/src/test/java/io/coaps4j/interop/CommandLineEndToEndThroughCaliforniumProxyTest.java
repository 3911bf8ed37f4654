package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.server.ServerLifecycle;
import io.coaps4j.e2e.E2eOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.option.OpaqueOptionDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coaps4j get/put --e2e} through Californium's independent forward proxy (californium-proxy2) to
 * {@code coaps4j server --e2e-psk}: the proxy forwards the outer message it cannot read, and the origin's
 * answer comes back sealed, both with a key-derived SA and with the SA of a handshake carried over CoAP.
 */
class CommandLineEndToEndThroughCaliforniumProxyTest {
    private static final String KEY = "cli-e2e:0102030405060708090a0b0c0d0e0f10";

    @TempDir
    Path dataDir;

    @Test
    void getAndPutGoEndToEndThroughCaliforniumsProxy() throws Exception {
        ServerLifecycle lifecycle = ServerLifecycle.manual();
        CompletableFuture<CommandLine> server = CompletableFuture.supplyAsync(() -> CommandLine.run(lifecycle,
                "server", "--bind", "127.0.0.1", "--port", "0", "--coaps-port", "0", "--data", dataDir.toString(),
                "--e2e-psk", KEY));
        try (CaliforniumProxy2 proxy = CaliforniumProxy2.startKnowing(
                new OpaqueOptionDefinition(E2eOptions.E2E, "E2E", true, 0, E2eOptions.MAX_SA_ID_LENGTH))) {
            List<InetSocketAddress> endpoints = lifecycle.awaitStarted(Duration.ofSeconds(10));
            assertThat(endpoints).as("server did not start: %s", server.getNow(null)).hasSize(2);
            String origin = "coap://127.0.0.1:" + endpoints.get(0).getPort();
            String proxyUri = "coap://127.0.0.1:" + proxy.coapAddress().getPort();

            CommandLine get = CommandLine.run("get", "--e2e", "--e2e-psk", KEY, "--proxy", proxyUri, origin + "/hello");
            assertThat(get.exitCode()).as("%s", get).isZero();
            assertThat(get.stdout()).isEqualTo("Hello, world");

            CommandLine put = CommandLine.run("put", "--e2e", "--e2e-psk", KEY, "--e2e-handshake", "--proxy", proxyUri,
                    "--payload", "sealed through proxy2", origin + "/store/e2e");
            assertThat(put.exitCode()).as("%s", put).isZero();
            CommandLine back = CommandLine.run("get", "--e2e", "--e2e-psk", KEY, "--e2e-handshake", "--proxy",
                    proxyUri, origin + "/store/e2e");
            assertThat(back.stdout()).as("%s", back).isEqualTo("sealed through proxy2");
        } finally {
            lifecycle.requestStop();
            CommandLine stopped = server.get(10, TimeUnit.SECONDS);
            assertThat(stopped.exitCode()).as("%s", stopped).isZero();
        }
    }
}
