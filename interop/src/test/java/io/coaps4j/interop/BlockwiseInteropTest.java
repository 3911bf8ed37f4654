package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.server.CliServer;
import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block-wise transfer (RFC 7959) against the real peers, both roles: Californium 3.13 (Block1 and
 * Block2) and libcoap ({@code -b} block size, {@code -f} large PUT, its server's
 * {@code /example_data}), over coap:// and, with libcoap's OpenSSL build, over coaps:// with a PSK.
 */
class BlockwiseInteropTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    /** Printable text (libcoap's stdout and files compare byte for byte), {@code length} bytes. */
    private static String body(long seed, int length) {
        byte[] random = new byte[length];
        new Random(seed).nextBytes(random);
        return Base64.getEncoder().encodeToString(random).substring(0, length);
    }

    private CliServer ourServer() throws Exception {
        return CliServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), dataDir);
    }

    private static String uri(CliServer server, String path) {
        return "coap://127.0.0.1:" + server.localAddress().getPort() + path;
    }

    // ------------------------------------------------------------------------------ Californium

    @Test
    void californiumClientPutsAndGetsALargeBodyOnOurServer() throws Exception {
        // Californium's client takes at most 8,192 bytes of body by default (MAX_RESOURCE_BODY_SIZE).
        String body = body(1, 8_000);
        try (CliServer server = ourServer()) {
            org.eclipse.californium.core.CoapClient client = CaliforniumPeers.client(uri(server, "/store/large"));
            try {
                Request put = Request.newPut();
                put.setPayload(body);
                assertThat(client.advanced(put).getCode()).isEqualTo(CoAP.ResponseCode.CREATED);

                org.eclipse.californium.core.CoapResponse get = client.advanced(Request.newGet());
                assertThat(get.getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
                assertThat(get.getResponseText()).isEqualTo(body);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void ourClientPutsAndGetsALargeBodyOnCaliforniumsServer() {
        // Californium's server reassembles at most 8,192 bytes by default (MAX_RESOURCE_BODY_SIZE).
        byte[] body = body(2, 8_000).getBytes(StandardCharsets.US_ASCII);
        try (CaliforniumTestServer californium = new CaliforniumTestServer();
             CoapClient client = CoapClient.builder().timeout(Duration.ofSeconds(10)).build()) {
            assertThat(client.put(californium.uri("/value"), body, 0).code()).isEqualTo(Code.CREATED);
            CoapResponse response = client.get(californium.uri("/value"));
            assertThat(response.code()).isEqualTo(Code.CONTENT);
            assertThat(response.payload()).isEqualTo(body);
        }
    }

    @Test
    void ourClientWithSmallBlocksGetsALargeBodyFromCaliforniumsServer() {
        byte[] body = body(3, 6_000).getBytes(StandardCharsets.US_ASCII);
        try (CaliforniumTestServer californium = new CaliforniumTestServer();
             CoapClient client = CoapClient.builder().timeout(Duration.ofSeconds(10))
                     .blockwise(BlockwiseConfig.builder().blockSize(64).build()).build()) {
            assertThat(client.put(californium.uri("/value"), body, 0).code()).isEqualTo(Code.CREATED);
            assertThat(client.get(californium.uri("/value")).payload()).isEqualTo(body);
        }
    }

    // ---------------------------------------------------------------------------------- libcoap

    private static RunningProcess.Result run(String... command) throws Exception {
        RunningProcess.Result result = RunningProcess.run(RUN_LIMIT, List.of(command));
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result;
    }

    @Test
    void libcoapClientPutsAndGetsALargeBodyOnOurServerInBlocksOf64() throws Exception {
        String body = body(4, 20_000);
        Path in = Files.writeString(files.resolve("in.txt"), body);
        Path out = files.resolve("out.txt");
        String client = Libcoap.client().toString();
        try (CliServer server = ourServer()) {
            run(client, "-B", "10", "-m", "put", "-b", "64", "-f", in.toString(), uri(server, "/store/lib"));
            run(client, "-B", "10", "-m", "get", "-b", "64", "-o", out.toString(), uri(server, "/store/lib"));

            assertThat(Files.readString(out)).isEqualTo(body);
            assertThat(server.store().get(io.coaps4j.cli.store.EntryName.of("lib")).orElseThrow().payload())
                    .hasSize(20_000);
        }
    }

    @Test
    void ourClientPutsAndGetsALargeBodyOnLibcoapsServer() throws Exception {
        int port = FreePorts.udpOnLoopback();
        RunningProcess libcoap = RunningProcess.start(List.of(Libcoap.server().toString(), "-A", "127.0.0.1",
                "-p", String.valueOf(port), "-d", "10"));
        String base = "coap://127.0.0.1:" + port;
        byte[] body = body(5, 30_000).getBytes(StandardCharsets.US_ASCII);
        try (CoapClient client = CoapClient.builder().timeout(Duration.ofSeconds(10)).build()) {
            awaitReady(client, base, libcoap);
            CoapResponse put = client.put(base + "/example_data", body, 0);
            assertThat(put.code().isSuccess()).as("%s", put).isTrue();
            CoapResponse get = client.get(base + "/example_data");
            assertThat(get.code()).isEqualTo(Code.CONTENT);
            assertThat(get.payload()).isEqualTo(body);
        } finally {
            libcoap.close();
        }
    }

    @Test
    void libcoapOpensslClientMovesALargeBodyOverCoapsWithAPsk() throws Exception {
        String identity = "libcoap-client";
        String key = "libcoap-secret";
        String body = body(6, 40_000);
        Path in = Files.writeString(files.resolve("in.txt"), body);
        Path out = files.resolve("out.txt");
        String client = Libcoap.opensslClient().toString();
        try (OurCoapsServer server = OurCoapsServer.start(dataDir, identity, key.getBytes(StandardCharsets.US_ASCII))) {
            List<String> common = new ArrayList<>(List.of(client, "-B", "10", "-u", identity, "-k", key));
            List<String> put = new ArrayList<>(common);
            put.addAll(List.of("-m", "put", "-b", "512", "-f", in.toString(), server.uri("/store/big")));
            run(put.toArray(String[]::new));
            List<String> get = new ArrayList<>(common);
            get.addAll(List.of("-m", "get", "-b", "256", "-o", out.toString(), server.uri("/store/big")));
            run(get.toArray(String[]::new));

            assertThat(Files.readString(out)).isEqualTo(body);
        }
    }

    @Test
    void discoveryOfHundredsOfStoredEntriesOverCoapsArrivesWholeInBlocks() throws Exception {
        String identity = "libcoap-client";
        String key = "libcoap-secret";
        Path out = files.resolve("core.txt");
        try (OurCoapsServer server = OurCoapsServer.start(dataDir, identity, key.getBytes(StandardCharsets.US_ASCII))) {
            for (int i = 0; i < 600; i++) {
                server.store().put(io.coaps4j.cli.store.EntryName.of("entry-number-" + i),
                        io.coaps4j.cli.store.StoredRepresentation.of(50, "{}".getBytes(StandardCharsets.US_ASCII)));
            }
            run(Libcoap.opensslClient().toString(), "-B", "10", "-u", identity, "-k", key, "-m", "get",
                    "-o", out.toString(), server.uri("/.well-known/core"));

            String links = Files.readString(out);
            assertThat(links.length()).as("larger than one DTLS record").isGreaterThan(16_384);
            assertThat(links).contains("</store/entry-number-0>;ct=50").contains("</store/entry-number-599>;ct=50");
        }
    }

    private static void awaitReady(CoapClient client, String base, RunningProcess libcoap) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                client.send(ClientRequest.get(base + "/").timeout(Duration.ofMillis(300)).build());
                return;
            } catch (CoapClientException notYet) {
                if (!libcoap.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("coap-server-notls did not start: " + libcoap.stderr(), notYet);
                }
                Thread.sleep(100);
            }
        }
    }
}
