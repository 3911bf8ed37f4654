package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void printsWhereItListensAndStopsCleanly() throws Exception {
        ServerRun server = ServerRun.start(dataDir);
        assertThat(CliRun.of("get", server.uri("/hello")).exitCode()).isZero();

        CliRun run = server.stop();

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).contains("listening on coap://127.0.0.1:" + server.port() + "\n")
                .contains("data folder " + dataDir.toAbsolutePath());
        assertThat(run.stderr()).contains("Press Ctrl-C to stop.").contains("stopping");
    }

    @Test
    void storeBodiesAreLimitedByMaxBodySizeWith413() throws Exception {
        try (ServerRun server = ServerRun.start(dataDir, "--max-body-size", "3000")) {
            java.nio.file.Path fits = java.nio.file.Files.write(dataDir.resolve("fits.bin"), new byte[3000]);
            java.nio.file.Path over = java.nio.file.Files.write(dataDir.resolve("over.bin"), new byte[3001]);

            CliRun accepted = CliRun.of("put", server.uri("/store/fits"), "--payload-file", fits.toString());
            CliRun refused = CliRun.of("put", server.uri("/store/over"), "--payload-file", over.toString());

            assertThat(accepted.exitCode()).as("%s", accepted).isZero();
            assertThat(refused.exitCode()).as("%s", refused).isEqualTo(ExitCodes.CLIENT_ERROR_RESPONSE);
            assertThat(refused.stderr()).startsWith("4.13");
            assertThat(CliRun.of("get", server.uri("/store/over")).exitCode()).isEqualTo(ExitCodes.CLIENT_ERROR_RESPONSE);
        }
    }

    @Test
    void itsPortIsFreeAgainAfterStopping() throws Exception {
        ServerRun server = ServerRun.start(dataDir);
        server.stop();

        try (DatagramSocket again = new DatagramSocket(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()))) {
            assertThat(again.getLocalPort()).isEqualTo(server.port());
        }
    }

    @Test
    void aRestartedServerStillServesWhatWasStored() throws Exception {
        try (ServerRun first = ServerRun.start(dataDir)) {
            assertThat(CliRun.of("put", first.uri("/store/kept"), "--payload", "survives", "--content-format",
                    "text/plain").exitCode()).isZero();
        }

        try (ServerRun second = ServerRun.start(dataDir)) {
            CliRun get = CliRun.of("get", second.uri("/store/kept"));

            assertThat(get.stdout()).isEqualTo("survives");
            assertThat(get.stderr()).isEqualTo("2.05 Content\n");
        }
    }

    @Test
    void storeWritesHonourIfNoneMatchAndIfMatchOverTheWire() throws Exception {
        try (ServerRun server = ServerRun.start(dataDir, "--no-coaps");
             CoapClient client = CoapClient.builder().timeout(Duration.ofSeconds(5)).build()) {
            String entry = server.uri("/store/once");
            CoapResponse created = client.send(ClientRequest.put(entry).payload("first")
                    .option(Option.empty(OptionNumber.IF_NONE_MATCH)).build());
            CoapResponse again = client.send(ClientRequest.put(entry).payload("second")
                    .option(Option.empty(OptionNumber.IF_NONE_MATCH)).build());
            byte[] etag = created.option(OptionNumber.ETAG).orElseThrow().value();
            CoapResponse matched = client.send(ClientRequest.put(entry).payload("third")
                    .option(Option.of(OptionNumber.IF_MATCH, etag)).build());
            CoapResponse stale = client.send(ClientRequest.delete(entry)
                    .option(Option.of(OptionNumber.IF_MATCH, etag)).build());

            assertThat(created.code()).isEqualTo(Code.CREATED);
            assertThat(again.code()).isEqualTo(Code.PRECONDITION_FAILED);
            assertThat(matched.code()).isEqualTo(Code.CHANGED);
            assertThat(stale.code()).isEqualTo(Code.PRECONDITION_FAILED);
            assertThat(client.get(entry).payloadAsString()).isEqualTo("third");
        }
    }

    @Test
    void aPortInUseIsAOneLineFailure() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CliRun run = CliRun.of("server", "--bind", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort()),
                    "--data", dataDir.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.stderr()).startsWith("coaps4j: cannot listen on UDP 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .doesNotContain("\tat ");
            assertThat(run.stderr().lines()).hasSize(1);
        }
    }

    @Test
    void aDataFolderThatIsAFileIsAOneLineFailure() throws Exception {
        Path file = java.nio.file.Files.writeString(dataDir.resolve("file"), "x");

        CliRun run = CliRun.of("server", "--bind", "127.0.0.1", "--port", "0", "--data", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.stderr()).startsWith("coaps4j: cannot use data folder " + file);
        assertThat(run.stderr().lines()).hasSize(1);
    }
}
