package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openssl s_client -dtls1_2 -cipher PSK-AES128-CCM8} against our coaps server: the handshake
 * completes, and a CoAP request typed into it is answered inside the DTLS session.
 */
class OpensslClientToOurCoapsServerTest {
    private static final String IDENTITY = "openssl-client";
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @TempDir
    Path dataDir;

    /**
     * A NON GET /hello with message ID 0x1234 and a payload marker: s_client sends each line with its
     * final newline, which becomes the (ignored) payload of the GET.
     */
    private static final byte[] NON_GET_HELLO = {0x50, 0x01, 0x12, 0x34, (byte) 0xB5, 'h', 'e', 'l', 'l', 'o',
        (byte) 0xFF, '\n'};

    @Test
    void handshakeCompletesAndACoapRequestIsAnswered() throws Exception {
        Path openssl = ExternalProgram.require("openssl", "apt-get install openssl");
        try (OurCoapsServer server = OurCoapsServer.start(dataDir, IDENTITY, KEY);
             RunningProcess client = RunningProcess.startWithInput(List.of(openssl.toString(), "s_client", "-dtls1_2",
                     "-connect", "127.0.0.1:" + server.coapsPort(), "-psk", HexFormat.of().formatHex(KEY),
                     "-psk_identity", IDENTITY, "-cipher", "PSK-AES128-CCM8", "-ign_eof"))) {
            awaitOutput(client, "Cipher is PSK-AES128-CCM8", Duration.ofSeconds(15));
            assertThat(client.stdout()).contains("Protocol  : DTLSv1.2");

            OutputStream stdin = client.stdin();
            stdin.write(NON_GET_HELLO);
            stdin.flush();

            awaitOutput(client, "Hello, world", Duration.ofSeconds(10));
        }
    }

    private static void awaitOutput(RunningProcess client, String expected, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!client.stdout().contains(expected)) {
            if (System.nanoTime() > deadline || !client.isAlive()) {
                throw new AssertionError("openssl s_client did not print '" + expected + "'; stdout: " + client.stdout()
                        + " stderr: " + client.stderr());
            }
            Thread.sleep(50);
        }
    }
}
