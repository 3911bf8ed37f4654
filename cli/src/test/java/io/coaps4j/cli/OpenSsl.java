package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The {@code openssl} command, to prove that what the CLI writes is read by the tool everyone else uses. */
public final class OpenSsl {
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private OpenSsl() {
    }

    /** Skips the calling test, with a message, when openssl is not installed. */
    public static void assumeInstalled() {
        boolean installed;
        try {
            installed = run("version").exitCode() == 0;
        } catch (IOException e) {
            installed = false;
        }
        Assumptions.assumeTrue(installed, "openssl is not installed: skipping the OpenSSL cross-check");
    }

    public static Result run(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                .toFile())).start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("openssl " + args[0] + " did not finish");
            }
            return new Result(process.exitValue(), out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs openssl, asserts it succeeded, returns its standard output as text. */
    public static String ok(String... args) throws IOException {
        Result result = run(args);
        assertThat(result.exitCode()).as("openssl %s failed: %s", String.join(" ", args), result.stderr()).isZero();
        return result.text();
    }
}
