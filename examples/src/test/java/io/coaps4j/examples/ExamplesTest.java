package io.coaps4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.server.CoapServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each example program run end to end on loopback, its output checked. */
class ExamplesTest {

    private static String output(java.util.function.Consumer<PrintStream> program) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            program.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void thePskClientIsGreetedByThePskServerWithItsIdentity() {
        try (CoapServer server = PskServer.start(0)) {
            String uri = "coaps://localhost:" + server.localAddress().getPort() + "/hello";

            assertThat(output(out -> PskClient.get(uri, out))).isEqualTo("2.05 Content Hello, device-1\n");
        }
    }

    @Test
    void theDoorOpensForTheAdmittedIdentityOnly() {
        assertThat(output(AuthorizedResource::run)).isEqualTo(
                "device-1: 2.05 Content opened for device-1\n"
                        + "guest-7: 4.03 Forbidden\n");
    }
}
