package io.coaps4j.dtls.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@code openssl} command-line process for the interop tests: its output (stdout and stderr) is
 * collected line by line as it comes, its stdin takes lines, and closing it ends the process.
 */
final class OpensslProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private OpensslProcess(Process process) {
        this.process = process;
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread pump = new Thread(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        pump.setDaemon(true);
        pump.start();
    }

    /** Whether an {@code openssl} command runs here; the tests are skipped without it. */
    static boolean available() {
        try {
            Process probe = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Starts {@code openssl} with {@code arguments}. */
    static OpensslProcess start(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(arguments.size() + 1);
        command.add("openssl");
        command.addAll(arguments);
        return new OpensslProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The lines printed so far (a live, synchronized list). */
    List<String> output() {
        return output;
    }

    /** Waits up to {@code millis} for {@code line} to be printed; true when it was. */
    boolean awaitLine(String line, long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (!output.contains(line) && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        return output.contains(line);
    }

    /** Writes {@code text} to the process's stdin. */
    void type(String text) throws IOException {
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Waits up to {@code seconds} for the process to end on its own. */
    void awaitExit(long seconds) throws InterruptedException {
        process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
