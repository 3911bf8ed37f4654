package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.psk.PskKeyFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coaps4j observe} against the {@code /clock} of a real {@code coaps4j server} in this JVM. */
class ObserveCommandTest {
    @TempDir
    static Path dataDir;

    private static ServerRun server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerRun.start(dataDir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static List<Instant> times(CliRun run) {
        return run.stdout().lines().map(Instant::parse).toList();
    }

    @Test
    void observesTheClockOverCoapForCountNotifications() {
        CliRun run = CliRun.of("observe", server.uri("/clock"), "--count", "3");

        assertThat(run.exitCode()).as("%s", run).isZero();
        List<Instant> times = times(run);
        assertThat(times).hasSize(3);
        assertThat(times).as("a second apart, in order").isSorted().doesNotHaveDuplicates();
        assertThat(run.stderr()).startsWith("2.05 Content\n");
    }

    @Test
    void observesTheClockOverCoapsWithAPreSharedKey() throws Exception {
        PskKeyFile generated = PskKeyFile.read(dataDir.resolve("psk.properties"));
        CliRun run = CliRun.of("observe", server.coapsUri("/clock"), "--count", "2",
                "--psk-identity", generated.identity().orElseThrow().text(),
                "--psk-key", HexFormat.of().formatHex(generated.key().bytes()));

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(times(run)).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void durationEndsTheObservation() {
        long start = System.nanoTime();
        CliRun run = CliRun.of("observe", server.uri("/clock"), "--duration", "1.5");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(times(run)).hasSizeBetween(1, 3);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void aNonObservableResourceAnswersOnceAndEnds() {
        CliRun run = CliRun.of("observe", server.uri("/hello"), "--duration", "20");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("Hello, world\n");
        assertThat(run.stderr()).contains("2.05 Content").contains("ended");
    }

    @Test
    void clockIsListedAsObservable() {
        CliRun run = CliRun.of("get", server.uri("/.well-known/core"));

        assertThat(run.stdout()).contains("</clock>").contains("obs");
    }

    @Test
    void countMustBePositive() {
        CliRun run = CliRun.of("observe", server.uri("/clock"), "--count", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--count");
    }
}
