package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.psk.PskConnectors;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our client, as a library and as the {@code coaps4j} command, against a Californium 3.13 server on Scandium, PSK with CCM_8. */
class OurClientToScandiumPskTest {
    private static final String IDENTITY = "coaps4j-interop";
    private static final byte[] KEY = "interop-secret-16".getBytes(StandardCharsets.US_ASCII);

    private ScandiumPskServer scandium;
    private CoapClient client;

    @BeforeEach
    void start() {
        scandium = new ScandiumPskServer(IDENTITY, KEY);
        client = CoapClient.builder()
                .connector(PskConnectors.client(new PskCredentials(PskIdentity.of(IDENTITY), PreSharedKey.of(KEY))))
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (scandium != null) {
            scandium.close();
        }
    }

    @Test
    void getReachesTheServerAsOurIdentity() {
        CoapResponse response = client.get(scandium.uri("/hello"));

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).isEqualTo(ScandiumPskServer.HELLO + IDENTITY);
    }

    @Test
    void putThenGetInOneSession() {
        byte[] first = "21.5".getBytes(StandardCharsets.UTF_8);
        byte[] second = "22.0".getBytes(StandardCharsets.UTF_8);
        int text = ContentFormat.TEXT_PLAIN.number();

        assertThat(client.put(scandium.uri("/value"), first, text).code()).isEqualTo(Code.CREATED);
        assertThat(client.put(scandium.uri("/value"), second, text).code()).isEqualTo(Code.CHANGED);
        assertThat(client.get(scandium.uri("/value")).payloadAsString()).isEqualTo("22.0");
    }

    @Test
    void theCommandLineClient() {
        String hex = HexFormat.of().formatHex(KEY);

        CommandLine put = CommandLine.run("put", scandium.uri("/value"), "--payload", "from the CLI",
                "--psk-identity", IDENTITY, "--psk-key", hex);
        CommandLine get = CommandLine.run("get", scandium.uri("/value"), "--psk-identity", IDENTITY, "--psk-key", hex);

        assertThat(put.exitCode()).as("%s", put).isZero();
        assertThat(put.stderr()).isEqualTo("2.01 Created\n");
        assertThat(get.stdout()).isEqualTo("from the CLI");
        assertThat(get.stderr()).isEqualTo("2.05 Content\n");
    }

    /** Scandium drops a Finished it cannot decrypt without an alert, so the client can only time out and say why. */
    @Test
    void theCommandLineClientWithAWrongKeySaysTheHandshakeDidNotComplete() {
        CommandLine get = CommandLine.run("get", "--timeout", "3", scandium.uri("/hello"), "--psk-identity", IDENTITY,
                "--psk-key", HexFormat.of().formatHex("not-the-right-key".getBytes(StandardCharsets.US_ASCII)));

        assertThat(get.exitCode()).as("%s", get).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(get.stderr()).startsWith("coaps4j: no DTLS session with 127.0.0.1:" + scandium.port() + " within 3 s:"
                + " the handshake did not complete").contains("does not accept identity '" + IDENTITY + "' with this key");
        assertThat(get.stderr().lines()).hasSize(1);
    }
}
