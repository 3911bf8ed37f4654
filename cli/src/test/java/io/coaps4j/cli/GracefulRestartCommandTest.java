package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.server.ServerLifecycle;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart of {@code coaps4j server} is invisible to a connected coaps client: the sessions are saved in the data
 * folder on a clean stop and taken back at the next start; the client's next request needs no handshake.
 */
class GracefulRestartCommandTest {
    private static final String IDENTITY = "restart-client";
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @TempDir
    Path data;

    /** A server run on the given coaps port, as the command line starts it. */
    private final class Run {
        final ServerLifecycle lifecycle = ServerLifecycle.manual();
        final CompletableFuture<CliRun> run;

        Run(int coapsPort) throws InterruptedException {
            String[] args = {"server", "--bind", "127.0.0.1", "--port", "0", "--coaps-port", "" + coapsPort,
                "--data", data.toString(), "--psk-identity", IDENTITY, "--psk-key", HexFormat.of().formatHex(KEY)};
            run = CompletableFuture.supplyAsync(() -> CliRun.with(lifecycle, args));
            List<InetSocketAddress> endpoints = lifecycle.awaitStarted(Duration.ofSeconds(10));
            assertThat(endpoints).as("server did not start: %s", run.getNow(null)).hasSize(2);
        }

        CliRun stop() throws Exception {
            lifecycle.requestStop();
            return run.get(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void ourClientGoesOnAfterARestartWithNoHandshake() throws Exception {
        int port = freePort();
        DtlsConnector dtls = DtlsConnector.client(InMemoryPskStore.builder().add(IDENTITY, KEY).build());
        try (CoapClient client = CoapClient.builder().connector(dtls).timeout(Duration.ofSeconds(5)).build()) {
            String uri = "coaps://127.0.0.1:" + port + "/hello";
            Run first = new Run(port);
            assertThat(client.get(uri).payloadAsString()).isEqualTo("Hello, world");
            CliRun stopped = first.stop();
            assertThat(stopped.stderr()).contains("coaps sessions saved");

            Path export = data.resolve("sessions.export");
            assertThat(export).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(export))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("session-export.key"))))
                    .isEqualTo("rw-------");

            Run second = new Run(port);
            try {
                assertThat(client.get(uri).payloadAsString()).isEqualTo("Hello, world");
                assertThat(dtls.metrics().handshakesSucceeded()).as("no new handshake after the restart").isEqualTo(1);
                assertThat(export).as("an export is used once").doesNotExist();
            } finally {
                CliRun ended = second.stop();
                assertThat(ended.stderr()).contains("1 coaps sessions taken over from the last run");
            }
        }
    }
}
