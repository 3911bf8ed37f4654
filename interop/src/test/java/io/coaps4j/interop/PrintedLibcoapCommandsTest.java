package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.server.ServerLifecycle;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libcoap commands {@code coaps4j server} prints for its PreSharedKey, RawPublicKey and Certificate modes, run as printed
 * against the server (in this JVM, with a temporary data folder), and the server's generated raw public key
 * loaded by libcoap's GnuTLS server ({@code coap-server-gnutls -M}), which our client then reaches.
 *
 * <p>A first start generates the keys and prints the commands; the second start reads the same files on a new
 * ephemeral port, which is the one change made to the printed command line (besides libcoap's {@code -B} wait
 * limit, put first).
 */
class PrintedLibcoapCommandsTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);
    private static final Pattern PORT = Pattern.compile("(coaps://[^/:]+):\\d+/");

    @TempDir
    Path data;

    @Test
    void thePrintedRawPublicKeyAndCertificateCommandsReachTheServer() throws Exception {
        Libcoap.gnutlsClient();
        Libcoap.opensslClient();
        List<String> printed = printedLibcoapCommands();
        // PreSharedKey (-u -k), RawPublicKey (GnuTLS -M), Certificate (-c -j -C).
        assertThat(printed).hasSize(3);
        assertThat(printed.get(0)).startsWith("coap-client-openssl -u ");
        assertThat(printed.get(1)).startsWith("coap-client-gnutls -M ");
        assertThat(printed.get(2)).startsWith("coap-client-openssl -c ");

        ServerLifecycle lifecycle = ServerLifecycle.manual();
        // No --bind: the certificate command names localhost, which may resolve to ::1 or 127.0.0.1.
        CompletableFuture<CommandLine> run = CompletableFuture.supplyAsync(() -> CommandLine.run(lifecycle,
                "server", "--port", "0", "--coaps-port", "0", "--data", data.toString()));
        try {
            List<InetSocketAddress> endpoints = lifecycle.awaitStarted(Duration.ofSeconds(10));
            assertThat(endpoints).as("server did not start: %s", run.getNow(null)).hasSize(2);
            int coapsPort = endpoints.get(1).getPort();
            for (String command : printed) {
                RunningProcess.Result result = RunningProcess.run(RUN_LIMIT, onPort(command, coapsPort));

                assertThat(result.exitCode()).as("%s: %s", command, result).isZero();
                assertThat(result.stdout()).as(command).isEqualTo("Hello, world\n");
            }
        } finally {
            lifecycle.requestStop();
            CommandLine stopped = run.get(10, TimeUnit.SECONDS);
            assertThat(stopped.exitCode()).as("%s", stopped).isZero();
        }
    }

    @Test
    void gnutlsServesTheGeneratedRawPublicKeyToOurClient() throws Exception {
        Path gnutlsServer = ExternalProgram.require("coap-server-gnutls",
                "apt-get install libcoap3-bin, or run ./scripts/test-all.sh as root");
        printedLibcoapCommands(); // generates the key files
        int port = FreePorts.udpOnLoopback();
        try (RunningProcess libcoap = RunningProcess.start(List.of(gnutlsServer.toString(), "-A", "127.0.0.1",
                "-p", String.valueOf(port), "-M", data.resolve("rpk-key.pem").toString()))) {
            // libcoap serves coaps on the port after its coap port.
            int coapsPort = port + 1;
            CommandLine get = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // The server needs a moment to listen; until then the handshake times out.
            while (System.nanoTime() < deadline && libcoap.isAlive()) {
                get = CommandLine.run("get", "coaps://127.0.0.1:" + coapsPort + "/", "--key",
                        data.resolve("client-rpk-key.pem").toString(), "--trust", data.resolve("rpk-pub.pem").toString(),
                        "--timeout", "2");
                if (get.exitCode() == 0) {
                    break;
                }
            }

            assertThat(get).as("coap-server-gnutls: %s", libcoap.stderr()).isNotNull();
            assertThat(get.exitCode()).as("%s / coap-server-gnutls: %s", get, libcoap.stderr()).isZero();
            assertThat(get.stdout()).contains("libcoap");
        }
    }

    /** Starts and stops the server once (generating its keys into the data folder) and returns its libcoap lines. */
    private List<String> printedLibcoapCommands() throws Exception {
        ServerLifecycle lifecycle = ServerLifecycle.manual();
        CompletableFuture<CommandLine> run = CompletableFuture.supplyAsync(() -> CommandLine.run(lifecycle,
                "server", "--bind", "127.0.0.1", "--port", "0", "--coaps-port", "0", "--data", data.toString()));
        lifecycle.awaitStarted(Duration.ofSeconds(10));
        lifecycle.requestStop();
        CommandLine first = run.get(10, TimeUnit.SECONDS);
        assertThat(first.exitCode()).as("%s", first).isZero();
        List<String> commands = new ArrayList<>();
        for (String line : first.stdout().split("\n")) {
            String command = line.strip();
            if (command.startsWith("coap-client-")) {
                commands.add(command);
            }
        }
        return commands;
    }

    private static List<String> onPort(String printed, int port) {
        Matcher uri = PORT.matcher(printed);
        assertThat(uri.find()).as("a coaps URI with a port in %s", printed).isTrue();
        String command = uri.replaceFirst(Matcher.quoteReplacement(uri.group(1) + ":" + port + "/"));
        List<String> words = new ArrayList<>(Arrays.asList(command.split(" +")));
        words.addAll(1, List.of("-B", "5"));
        return words;
    }
}
