package io.coaps4j.interop;

import io.coaps4j.cli.Main;
import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.server.ServerLifecycle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One run of the {@code coaps4j} command line in this JVM, with its output captured. */
record CommandLine(int exitCode, String stdout, String stderr) {

    static CommandLine run(String... args) {
        return run(ServerLifecycle.manual(), args);
    }

    /** Runs {@code args} with a lifecycle the caller controls (for {@code server}). */
    static CommandLine run(ServerLifecycle lifecycle, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true),
                false);
        int exitCode = Main.execute(terminal, lifecycle, args);
        return new CommandLine(exitCode, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
