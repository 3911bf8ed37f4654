package io.coaps4j.cli;

import io.coaps4j.cli.server.ServerLifecycle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One run of the coaps4j command line in this JVM, with its streams captured. */
public final class CliRun {
    private final int exitCode;
    private final byte[] stdout;
    private final String stderr;

    private CliRun(int exitCode, byte[] stdout, String stderr) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs {@code args} to completion. */
    public static CliRun of(String... args) {
        return with(ServerLifecycle.manual(), args);
    }

    /** Runs {@code args} with a lifecycle the caller controls (for {@code server}). */
    public static CliRun with(ServerLifecycle lifecycle, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true),
                false);
        int exitCode = Main.execute(terminal, lifecycle, args);
        return new CliRun(exitCode, out.toByteArray(), err.toString());
    }

    public int exitCode() {
        return exitCode;
    }

    public byte[] stdoutBytes() {
        return stdout.clone();
    }

    public String stdout() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderr() {
        return stderr;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout:\n" + stdout() + "\n--- stderr:\n" + stderr;
    }
}
