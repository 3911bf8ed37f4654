package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.server.ServerLifecycle;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coaps4j proxy} run as a user would: between {@code coaps4j get} and {@code coaps4j server}, each leg
 * with its own PSK, forward and reverse.
 */
class ProxyCommandTest {
    private static final String CLIENT_ID = "proxy-client";
    private static final String CLIENT_KEY = "00112233445566778899aabbccddeeff";
    private static final String ORIGIN_ID = "the-proxy";
    private static final String ORIGIN_KEY = "ffeeddccbbaa99887766554433221100";

    @TempDir
    Path dataDir;

    @Test
    void forwardsAndReverseProxiesBetweenTheCliClientAndServerOverPskLegs() throws Exception {
        try (ServerRun origin = ServerRun.start(dataDir, "--psk-identity", ORIGIN_ID, "--psk-key", ORIGIN_KEY)) {
            ServerLifecycle lifecycle = ServerLifecycle.manual();
            CompletableFuture<CliRun> proxy = CompletableFuture.supplyAsync(() -> CliRun.with(lifecycle, "proxy",
                    "--listen", "coap://127.0.0.1:0", "--listen", "coaps://127.0.0.1:0",
                    "--psk-identity", CLIENT_ID, "--psk-key", CLIENT_KEY,
                    "--origin-psk-identity", ORIGIN_ID, "--origin-psk-key", ORIGIN_KEY,
                    "--reverse", "/r=" + origin.coapsUri("/"), "--cache-entries", "10"));
            List<InetSocketAddress> listening = lifecycle.awaitStarted(Duration.ofSeconds(10));
            assertThat(listening).as("proxy did not start: %s", proxy.getNow(null)).hasSize(2);
            int coapsPort = listening.get(1).getPort();

            // Reverse: coaps client leg (the proxy's PSK) to a coaps origin (the origin's PSK).
            CliRun reverse = CliRun.of("get", "coaps://127.0.0.1:" + coapsPort + "/r/hello",
                    "--psk-identity", CLIENT_ID, "--psk-key", CLIENT_KEY);
            assertThat(reverse.exitCode()).as("%s", reverse).isZero();
            assertThat(reverse.stdout()).isEqualTo("Hello, world");

            // Forward: Proxy-Uri over the coap client leg.
            try (CoapClient client = CoapClient.builder().bind(new InetSocketAddress("127.0.0.1", 0)).build()) {
                CoapResponse forwarded = client.send(ClientRequest.get("coap://127.0.0.1:" + listening.get(0).getPort())
                        .option(Option.ofString(OptionNumber.PROXY_URI, origin.coapsUri("/hello"))).build());
                assertThat(forwarded.code()).isEqualTo(Code.CONTENT);
                assertThat(forwarded.payloadAsString()).isEqualTo("Hello, world");
            }

            lifecycle.requestStop();
            CliRun ended = proxy.get(10, TimeUnit.SECONDS);
            assertThat(ended.exitCode()).as("%s", ended).isZero();
            assertThat(ended.stdout()).contains("proxy listening on coap://127.0.0.1:", "proxy listening on coaps://",
                    "reverse /r=");
        }
    }

    @Test
    void helpAndUsageErrors() {
        CliRun help = CliRun.of("proxy", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("--listen", "--reverse", "--origin-psk-identity", "--cache-entries",
                "--cache-bytes", "--no-forward", "--trust");

        CliRun noKey = CliRun.of("proxy", "--listen", "coaps://127.0.0.1:0");
        assertThat(noKey.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noKey.stderr()).contains("needs the clients' key");

        CliRun badRoute = CliRun.of("proxy", "--listen", "coap://127.0.0.1:0", "--reverse", "sensors");
        assertThat(badRoute.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badRoute.stderr()).contains("--reverse needs PATH=URI");

        CliRun halfPsk = CliRun.of("proxy", "--listen", "coap://127.0.0.1:0", "--origin-psk-identity", "x");
        assertThat(halfPsk.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(halfPsk.stderr()).contains("go together");
    }
}
