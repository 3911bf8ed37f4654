package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Terminal terminal(boolean interactive) {
        return new Terminal(new PrintStream(out, true), new PrintWriter(new StringWriter()), interactive);
    }

    @Test
    void pipedPayloadsStayByteExact() {
        terminal(false).payload(new byte[] {'a', 'b'});

        assertThat(out.toByteArray()).containsExactly('a', 'b');
    }

    @Test
    void onATerminalATextPayloadEndsWithANewline() {
        terminal(true).payload(new byte[] {'a', 'b'});

        assertThat(out.toByteArray()).containsExactly('a', 'b', '\n');
    }

    @Test
    void onATerminalNoNewlineIsAddedWhenThereIsOneOrNoPayload() {
        terminal(true).payload(new byte[] {'a', '\n'});
        terminal(true).payload(new byte[0]);

        assertThat(out.toByteArray()).containsExactly('a', '\n');
    }
}
