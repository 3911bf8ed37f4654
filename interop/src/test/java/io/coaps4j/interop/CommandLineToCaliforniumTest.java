package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.Main;
import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.server.ServerLifecycle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code coaps4j} request commands against a Californium server: what they put on the wire. */
class CommandLineToCaliforniumTest {
    private CaliforniumTestServer californium;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        californium = new CaliforniumTestServer();
    }

    @AfterEach
    void stop() {
        californium.close();
    }

    private int coaps4j(String... args) {
        out.reset();
        err.getBuffer().setLength(0);
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true),
                false);
        return Main.execute(terminal, ServerLifecycle.manual(), args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void acceptIsSentAsTheAcceptOption() {
        assertThat(coaps4j("get", californium.uri("/accept"), "--accept", "application/cbor")).isZero();
        assertThat(stdout()).isEqualTo("60");

        assertThat(coaps4j("get", californium.uri("/accept"))).isZero();
        assertThat(stdout()).isEqualTo("none");
    }

    @Test
    void postSendsPayloadAndContentFormat() {
        int status = coaps4j("post", californium.uri("/echo"), "--payload", "{\"a\":1}", "--content-format",
                "application/json");

        assertThat(status).isZero();
        assertThat(stdout()).isEqualTo("{\"a\":1}");
        assertThat(err.toString()).isEqualTo("2.04 Changed\n");
    }

    @Test
    void separateResponseThroughTheCommandLine() {
        assertThat(coaps4j("get", "--non", californium.uri("/separate"))).isZero();
        assertThat(stdout()).isEqualTo("separate from Californium");
    }

    @Test
    void discoverPrintsCaliforniumsLinks() {
        assertThat(coaps4j("discover", californium.uri(""))).isZero();
        assertThat(stdout().lines()).contains("</hello>;ct=0;title=\"Hello\"");
    }
}
