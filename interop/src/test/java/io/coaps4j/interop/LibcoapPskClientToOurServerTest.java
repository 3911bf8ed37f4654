package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.psk.PskKeyFile;
import io.coaps4j.cli.server.ServerLifecycle;
import io.coaps4j.cli.store.EntryName;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libcoap's coap-client (OpenSSL and GnuTLS builds) against our coaps server, PSK with
 * TLS_PSK_WITH_AES_128_CCM_8. libcoap 4.3's {@code -k} takes the key as text, hence text keys here.
 */
class LibcoapPskClientToOurServerTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);
    private static final String IDENTITY = "libcoap-client";
    private static final String KEY = "libcoap-secret";

    @TempDir
    Path dataDir;

    private OurCoapsServer server;

    @BeforeEach
    void start() throws Exception {
        server = OurCoapsServer.start(dataDir, IDENTITY, KEY.getBytes(StandardCharsets.US_ASCII));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs {@code client} with {@code -B 5} (give up after 5 s), the identity and key, and {@code args}. */
    private static RunningProcess.Result coapClient(Path client, String identity, String key, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(client.toString(), "-B", "5", "-u", identity, "-k", key));
        command.addAll(List.of(args));
        return RunningProcess.run(RUN_LIMIT, command);
    }

    private RunningProcess.Result openssl(String... args) throws Exception {
        RunningProcess.Result result = coapClient(Libcoap.opensslClient(), IDENTITY, KEY, args);
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result;
    }

    @Test
    void opensslClientGetsHello() throws Exception {
        assertThat(openssl("-m", "get", server.uri("/hello")).stdout()).isEqualTo("Hello, world\n");
    }

    @Test
    void opensslClientObservesTheClockOverDtls() throws Exception {
        String output = openssl("-B", "10", "-s", "3", "-m", "get", server.uri("/clock")).stdout();

        // coap-client prints each notification's payload as it is: ISO 8601 times, one a second (RFC 7641).
        List<String> times = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")
                .matcher(output).results().map(MatchResult::group).toList();
        assertThat(times).as(output).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void opensslClientPutsThenGets() throws Exception {
        openssl("-m", "put", "-t", "text/plain", "-e", "over DTLS", server.uri("/store/x"));

        assertThat(openssl("-m", "get", server.uri("/store/x")).stdout()).isEqualTo("over DTLS\n");
        assertThat(server.store().get(EntryName.of("x")).orElseThrow().contentFormat()).hasValue(0);
    }

    @Test
    void opensslClientWithAWrongKeyGetsNoResponse() throws Exception {
        RunningProcess.Result result = coapClient(Libcoap.opensslClient(), IDENTITY, "wrong-secret", "-m", "get",
                server.uri("/hello"));

        assertThat(result.stdout()).doesNotContain("Hello");
        assertThat(openssl("-m", "get", server.uri("/hello")).stdout()).as("the server still serves").isEqualTo(
                "Hello, world\n");
    }

    @Test
    void gnutlsClientGetsHello() throws Exception {
        RunningProcess.Result result = coapClient(Libcoap.gnutlsClient(), IDENTITY, KEY, "-m", "get", server.uri("/hello"));

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout()).isEqualTo("Hello, world\n");
    }

    /** What the README promises: start the server, copy the printed identity and key into coap-client. */
    @Test
    void theGeneratedKeyOfCoaps4jServerWorksWithCoapClientAsPrinted() throws Exception {
        Path openssl = Libcoap.opensslClient();
        Path serverData = dataDir.resolve("generated");
        ServerLifecycle lifecycle = ServerLifecycle.manual();
        CompletableFuture<CommandLine> run = CompletableFuture.supplyAsync(() -> CommandLine.run(lifecycle,
                "server", "--bind", "127.0.0.1", "--port", "0", "--coaps-port", "0", "--data", serverData.toString()));
        try {
            List<InetSocketAddress> endpoints = lifecycle.awaitStarted(Duration.ofSeconds(10));
            assertThat(endpoints).as("server did not start: %s", run.getNow(null)).hasSize(2);
            PskKeyFile generated = PskKeyFile.read(serverData.resolve("psk.properties"));
            String keyText = new String(generated.key().bytes(), StandardCharsets.US_ASCII);

            RunningProcess.Result result = coapClient(openssl, generated.identity().orElseThrow().text(), keyText,
                    "-m", "get", "coaps://127.0.0.1:" + endpoints.get(1).getPort() + "/hello");

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(result.stdout()).isEqualTo("Hello, world\n");
        } finally {
            lifecycle.requestStop();
            CommandLine stopped = run.get(10, TimeUnit.SECONDS);
            assertThat(stopped.exitCode()).as("%s", stopped).isZero();
        }
    }
}
