package io.coaps4j.interop;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insecure key log decrypts a real capture: coaps PSK traffic on loopback, captured with {@code dumpcap}, is
 * read back by {@code tshark} with the server's key log, and the CoAP request and response appear in clear. Without
 * the key log the same capture shows no CoAP at all. Needs tshark (scripts/test-all.sh installs it) and the right to
 * capture on loopback (root here).
 */
class KeyLogDecryptionTest {
    private static final byte[] KEY = "keylog-test-key!".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET_PAYLOAD = "visible-only-with-the-key-log";

    @Test
    void tsharkDecryptsThePskCaptureWithTheKeyLog(@TempDir Path dir) throws Exception {
        Path tshark = ExternalProgram.require("tshark", "apt-get install tshark");
        Path dumpcap = ExternalProgram.require("dumpcap", "apt-get install tshark");
        Path keyLog = dir.resolve("keys.log");
        Path capture = dir.resolve("coaps.pcapng");
        InMemoryPskStore keys = InMemoryPskStore.builder().add("wireshark", KEY).build();
        DtlsConfig serverDtls = DtlsConfig.builder().pskStore(keys).insecureKeyLog(keyLog).build();
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (CoapServer server = CoapServer.builder()
                .connector(DtlsConnector.builder().bind(loopback).dtlsConfig(serverDtls).build())
                .resource(Resource.builder("secret").get(request -> CoapResponse.content(SECRET_PAYLOAD)).build())
                .build().start()) {
            int port = server.localAddress().getPort();
            try (RunningProcess capturing = RunningProcess.start(List.of(dumpcap.toString(), "-q", "-i", "lo",
                    "-f", "udp port " + port, "-w", capture.toString()))) {
                awaitCapturing(capture, capturing);
                try (CoapClient client = CoapClient.builder().connector(DtlsConnector.client(keys)).build()) {
                    CoapResponse response = client.get("coaps://127.0.0.1:" + port + "/secret");
                    assertThat(response.payloadAsString()).isEqualTo(SECRET_PAYLOAD);
                }
                Thread.sleep(500); // dumpcap writes what the kernel buffered
                capturing.terminate();
                capturing.waitFor(Duration.ofSeconds(10));
            }
            assertThat(Files.readString(keyLog)).matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}\n");

            List<String> decode = List.of(tshark.toString(), "-r", capture.toString(), "-d", "udp.port==" + port + ",dtls",
                    "-d", "dtls.port==" + port + ",coap");
            String withKeys = tsharkCoap(decode, "tls.keylog_file:" + keyLog);
            assertThat(withKeys).as("the CoAP messages tshark decrypted").contains("/secret", SECRET_PAYLOAD);
            String withoutKeys = tsharkCoap(decode, "tls.keylog_file:" + dir.resolve("none.log"));
            assertThat(withoutKeys).as("without the key log").doesNotContain(SECRET_PAYLOAD).doesNotContain("Constrained");
        }
    }

    /** The packets with CoAP that tshark shows of the capture, in full detail ({@code -V}). */
    private static String tsharkCoap(List<String> decode, String keyLogOption) throws Exception {
        List<String> command = new ArrayList<>(decode);
        command.addAll(List.of("-o", keyLogOption, "-Y", "coap", "-V"));
        RunningProcess.Result result = RunningProcess.run(Duration.ofSeconds(60), command);
        assertThat(result.exitCode()).as("tshark: " + result.stderr()).isZero();
        return result.stdout();
    }

    /** Waits until dumpcap has opened its file (it captures from then on). */
    private static void awaitCapturing(Path capture, RunningProcess capturing) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(capture) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(capture).as("dumpcap's capture file; dumpcap said: " + capturing).exists();
        Thread.sleep(300);
    }
}
