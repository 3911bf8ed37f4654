package io.coaps4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a command writes. Payloads go to {@code out} as raw bytes (they may be binary, e.g. CBOR);
 * response codes, listening addresses and messages go to {@code err} as text, like libcoap's
 * coap-client, so that {@code out} can be piped.
 */
public final class Terminal {
    private final PrintStream out;
    private final PrintWriter err;
    private final boolean interactive;

    /**
     * @param interactive true when {@code out} is a terminal: a text payload then gets a final newline
     *                    so that the shell prompt starts on its own line; piped output stays byte-exact
     */
    public Terminal(PrintStream out, PrintWriter err, boolean interactive) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.interactive = interactive;
    }

    /** The process's own streams. */
    public static Terminal system() {
        return new Terminal(System.out, new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                System.console() != null);
    }

    /** Writes {@code payload} to standard output exactly as received. */
    public void payload(byte[] payload) {
        out.write(payload, 0, payload.length);
        if (interactive && payload.length > 0 && payload[payload.length - 1] != '\n') {
            out.write('\n');
        }
        out.flush();
    }

    /** Writes one line of text to standard output. */
    public void outLine(String line) {
        out.print(line);
        out.print('\n');
        out.flush();
    }

    /** Writes one line of text to standard error. */
    public void errLine(String line) {
        err.print(line);
        err.print('\n');
        err.flush();
    }

    public PrintStream out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }
}
