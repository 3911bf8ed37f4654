package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.psk.PskConnectors;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our client against libcoap's coap-server built on OpenSSL, PSK with CCM_8. The server listens
 * for coap on {@code -p N} and for coaps on N+1; {@code -k} is its key (as text), {@code -h} the
 * identity hint it sends. Without an identity-match file it accepts any identity with that key.
 */
class OurClientToLibcoapPskServerTest {
    private static final String KEY = "libcoap-server-secret";
    private static final String IDENTITY = "coaps4j-client";
    private static final String TIME = "[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2}";

    private RunningProcess libcoap;
    private int port;
    private CoapClient plain;
    private CoapClient secure;

    @BeforeEach
    void start() throws Exception {
        Path coapServer = Libcoap.opensslServer();
        port = FreePorts.udpPairOnLoopback();
        libcoap = RunningProcess.start(List.of(coapServer.toString(), "-A", "127.0.0.1", "-p", String.valueOf(port),
                "-k", KEY, "-h", "coaps4j-interop-hint"));
        plain = CoapClient.builder().timeout(Duration.ofSeconds(5)).build();
        secure = CoapClient.builder()
                .connector(PskConnectors.client(new PskCredentials(PskIdentity.of(IDENTITY),
                        PreSharedKey.of(KEY.getBytes(StandardCharsets.US_ASCII)))))
                .timeout(Duration.ofSeconds(10))
                .build();
        awaitReady();
    }

    /** coap-server answers a CoAP ping on its plain port once it listens (coaps opens with it). */
    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                plain.send(ClientRequest.get("coap://127.0.0.1:" + port + "/").timeout(Duration.ofMillis(300)).build());
                return;
            } catch (CoapClientException notYet) {
                if (!libcoap.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("coap-server-openssl did not start: " + libcoap.stderr(), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterEach
    void stop() {
        if (secure != null) {
            secure.close();
        }
        if (plain != null) {
            plain.close();
        }
        if (libcoap != null) {
            libcoap.close();
        }
    }

    private String coaps(String path) {
        return "coaps://127.0.0.1:" + (port + 1) + path;
    }

    @Test
    void getTime() {
        CoapResponse response = secure.get(coaps("/time"));

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).matches(TIME);
    }

    @Test
    void severalRequestsShareOneSession() {
        assertThat(secure.get(coaps("/")).payloadAsString()).contains("libcoap");
        assertThat(secure.get(coaps("/time")).code()).isEqualTo(Code.CONTENT);
        assertThat(secure.get(coaps("/nowhere")).code()).isEqualTo(Code.NOT_FOUND);
    }

    @Test
    void theCommandLineClient() {
        CommandLine get = CommandLine.run("get", coaps("/time"), "--psk-identity", IDENTITY, "--psk-key",
                HexFormat.of().formatHex(KEY.getBytes(StandardCharsets.US_ASCII)));

        assertThat(get.exitCode()).as("%s", get).isZero();
        assertThat(get.stdout()).matches(TIME);
        assertThat(get.stderr()).isEqualTo("2.05 Content\n");
    }

    /** libcoap drops a Finished it cannot decrypt without an alert: the client can only time out and say why. */
    @Test
    void theCommandLineClientWithAWrongKeySaysTheHandshakeDidNotComplete() {
        CommandLine get = CommandLine.run("get", "--timeout", "3", coaps("/time"), "--psk-identity", IDENTITY,
                "--psk-key", HexFormat.of().formatHex("wrong".getBytes(StandardCharsets.US_ASCII)));

        assertThat(get.exitCode()).as("%s", get).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(get.stderr()).startsWith("coaps4j: no DTLS session with 127.0.0.1:" + (port + 1) + " within 3 s: the"
                + " handshake did not complete").contains("does not accept identity '" + IDENTITY + "' with this key");
        assertThat(get.stderr().lines()).hasSize(1);
    }
}
