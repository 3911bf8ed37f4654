package io.coaps4j.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external program run by a test, with its output collected in memory. Every wait is bounded;
 * {@link #close()} kills the process (and its children) if it is still running, so a test that
 * fails half-way never leaves a peer behind.
 */
final class RunningProcess implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private RunningProcess(List<String> command, Process process) {
        this.command = command;
        this.process = process;
        this.stdoutPump = pump(process.getInputStream(), stdout, "stdout");
        this.stderrPump = pump(process.getErrorStream(), stderr, "stderr");
    }

    static RunningProcess start(List<String> command) throws IOException {
        RunningProcess running = startWithInput(command);
        running.process.getOutputStream().close();
        return running;
    }

    /** Starts {@code command} with its standard input left open for {@link #stdin()}. */
    static RunningProcess startWithInput(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        return new RunningProcess(List.copyOf(command), builder.start());
    }

    /** The process's standard input (open only when started with {@link #startWithInput}). */
    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Runs {@code command} to completion, killing it after {@code timeout}. */
    static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        try (RunningProcess running = start(command)) {
            return running.waitFor(timeout);
        }
    }

    private Thread pump(InputStream in, ByteArrayOutputStream sink, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (sink) {
                        sink.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // The process was killed; what was read so far is kept.
            }
        }, "interop-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit; on timeout kills it and fails with what it printed. */
    Result waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                    + "; stdout: " + stdout() + " stderr: " + stderr());
        }
        stdoutPump.join(2000);
        stderrPump.join(2000);
        return new Result(process.exitValue(), stdoutBytes(), stderr());
    }

    String stdout() {
        return new String(stdoutBytes(), StandardCharsets.UTF_8);
    }

    private byte[] stdoutBytes() {
        synchronized (stdout) {
            return stdout.toByteArray();
        }
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    /** Asks the process to end (SIGTERM on Unix), so that it can finish what it writes; see {@link #waitFor}. */
    void terminate() {
        process.destroy();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                throw new UncheckedIOException(new IOException("could not kill " + command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How a finished process ended. */
    record Result(int exitCode, byte[] stdoutBytes, String stderr) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", stdout: " + stdout() + ", stderr: " + stderr;
        }
    }
}
