package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.Main;
import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.server.ServerLifecycle;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.linkformat.Link;
import io.coaps4j.coap.linkformat.LinkFormat;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our client, as a library and as the {@code coaps4j} command, against libcoap's coap-server, which
 * serves {@code /} (a banner), {@code /time} (a clock), {@code /async?N} (answers after N seconds) and
 * {@code /.well-known/core}.
 */
class OurClientToLibcoapServerTest {
    private RunningProcess libcoap;
    private String base;
    private CoapClient client;

    @BeforeEach
    void start() throws Exception {
        java.nio.file.Path coapServer = Libcoap.server();
        int port = FreePorts.udpOnLoopback();
        libcoap = RunningProcess.start(List.of(coapServer.toString(), "-A", "127.0.0.1", "-p", String.valueOf(port)));
        base = "coap://127.0.0.1:" + port;
        client = CoapClient.builder().timeout(Duration.ofSeconds(5)).build();
        awaitReady();
    }

    /** coap-server answers a CoAP ping (empty CON) with an RST once it listens. */
    private void awaitReady() throws InterruptedException {
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

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (libcoap != null) {
            libcoap.close();
        }
    }

    @Test
    void getTime() {
        CoapResponse response = client.get(base + "/time");

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).matches("[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void getRootBanner() {
        assertThat(client.get(base + "/").payloadAsString()).contains("libcoap");
    }

    @Test
    void nonConfirmableGet() {
        CoapResponse response = client.send(ClientRequest.get(base + "/time").nonConfirmable().build());

        assertThat(response.code()).isEqualTo(Code.CONTENT);
    }

    @Test
    void separateResponseFromAsync() {
        long start = System.nanoTime();

        CoapResponse response = client.get(base + "/async?1");

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).isEqualToIgnoringCase("done");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void discovery() throws Exception {
        CoapResponse response = client.get(base + "/.well-known/core");

        assertThat(response.contentFormat()).hasValue(ContentFormat.LINK_FORMAT.number());
        List<Link> links = LinkFormat.parse(response.payload());
        Link time = links.stream().filter(l -> l.target().equals("/time")).findFirst().orElseThrow();
        assertThat(time.title()).hasValue("Internal Clock");
        assertThat(time.resourceTypes()).containsExactly("ticks");
        assertThat(time.observable()).isTrue();
    }

    @Test
    void unknownPathIsNotFound() {
        assertThat(client.get(base + "/nowhere").code()).isEqualTo(Code.NOT_FOUND);
    }

    @Test
    void theCommandLineClient() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true),
                false);

        int get = Main.execute(terminal, ServerLifecycle.manual(), "get", base + "/time");
        assertThat(get).as("%s", err).isZero();
        assertThat(err.toString()).isEqualTo("2.05 Content\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).matches("[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2}");

        out.reset();
        int discover = Main.execute(terminal, ServerLifecycle.manual(), "discover", base);
        assertThat(discover).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .contains("</time>;if=\"clock\";rt=\"ticks\";title=\"Internal Clock\";ct=0;obs");
    }
}
