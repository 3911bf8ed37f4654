package io.coaps4j.bench.run;

import io.coaps4j.bench.BenchRpk;
import io.coaps4j.bench.loadgen.LoadGenerator;
import io.coaps4j.bench.loadgen.LoadResult;
import io.coaps4j.bench.loadgen.LoadSpec;
import io.coaps4j.bench.process.ClockTicks;
import io.coaps4j.bench.process.MachineCpu;
import io.coaps4j.bench.process.ProcessCpu;
import io.coaps4j.bench.process.ServerProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each benchmarked server starts in its own process, answers GET /hello with the common payload (checked
 * inside start), and carries a short load whose CPU shows up in its own process, not ours.
 */
class ServersAnswerHelloTest {
    @TempDir
    Path logs;

    static Stream<Arguments> servers() {
        return Stream.of(
                ServerCatalog.noSec().names().stream().map(name -> Arguments.of("nosec", name)),
                ServerCatalog.psk().names().stream().map(name -> Arguments.of("psk", name)),
                ServerCatalog.rpk(BenchRpk.generate(), Path.of("names-only"), null).names().stream().map(name -> Arguments.of("rpk", name)),
                ServerCatalog.observe(Duration.ofSeconds(10)).names().stream().map(name -> Arguments.of("observe", name)))
                .flatMap(s -> s);
    }

    /** The RawPublicKey servers with a fresh key pair each for them and the generator, as a run makes. */
    private static ServerCatalog rpk(Path keyDir) {
        try {
            BenchRpk keys = BenchRpk.generate();
            keys.writeTo(keyDir);
            return ServerCatalog.rpk(keys, keyDir, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ServerCatalog catalog(String mode) {
        return switch (mode) {
            case "psk" -> ServerCatalog.psk();
            case "rpk" -> rpk(logs.resolve("rpk-keys"));
            case "observe" -> ServerCatalog.observe(Duration.ofSeconds(10));
            default -> ServerCatalog.noSec();
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("servers")
    void serverRunsInItsOwnProcessAndCarriesLoad(String mode, String name) throws Exception {
        if (name.equals(ServerCatalog.LIBCOAP)) {
            String command = !mode.equals("nosec") ? LibcoapDtlsServer.COMMAND : LibcoapServer.COMMAND;
            Assumptions.assumeTrue(onPath(command), command + " is not installed");
        }
        // The baseline server runs from the classpath it is given: here this build's own, which checks the plumbing.
        BenchOptions options = BenchOptions.builder().servers(List.of(name)).logDir(logs)
                .baselineClasspath(System.getProperty("java.class.path"))
                .serverJvmOptions(List.of("-Xmx128m")).build();
        ServerCatalog catalog = catalog(mode);
        try (ServerProcess process = catalog.get(name).start(options)) {
            assertThat(process.pid()).isNotEqualTo(ProcessHandle.current().pid());
            CpuWindow window = new CpuWindow(ProcessCpu.of(process.pid(), ClockTicks.perSecond()),
                    ProcessCpu.of(ProcessHandle.current().pid(), ClockTicks.perSecond()), MachineCpu.of(ClockTicks.perSecond()));
            LoadResult result = LoadGenerator.run(LoadSpec.builder().server(process.address()).clients(4)
                    .transport(catalog.transportTo(process.address()))
                    .warmup(Duration.ofMillis(200)).measure(Duration.ofMillis(800)).build(), window);

            assertThat(result.successes()).isPositive();
            assertThat(result.failures()).isZero();
            assertThat(window.serverNanos()).isPositive();
            assertThat(window.machineBusyNanos()).isGreaterThanOrEqualTo(window.serverNanos() - 20_000_000L); // tick skew
            assertThat(process.isAlive()).isTrue();
            if (process.reportsHeap()) {
                // The control channel of the Java servers: heap in use after full collections.
                assertThat(process.heapAfterFullGc(Duration.ofSeconds(30))).isPositive().isLessThan(128L << 20);
            }
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
