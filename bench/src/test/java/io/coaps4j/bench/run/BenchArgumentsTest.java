package io.coaps4j.bench.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchArgumentsTest {
    private static final List<String> KNOWN = List.of("coaps4j", "californium", "libcoap", "echo");

    @Test
    void defaultsRunEveryServerAtOneSixteenAndHundredTwentyEightClients() throws Exception {
        BenchOptions options = BenchArguments.parse(new String[0], KNOWN);
        assertThat(options.servers()).isEqualTo(KNOWN);
        assertThat(options.clientCounts()).containsExactly(1, 16, 128);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.measure()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.generatorThreads()).isEqualTo(1);
        assertThat(options.output()).isNull();
        assertThat(options.suites()).containsExactly(Suite.NOSEC, Suite.PSK, Suite.HANDSHAKES, Suite.SESSIONS,
                Suite.RESUMED_HANDSHAKES, Suite.RPK, Suite.RPK_HANDSHAKES, Suite.RPK_SESSIONS, Suite.OBSERVE, Suite.BLOCK2);
        assertThat(options.observerCounts()).containsExactly(1_000, 10_000);
        assertThat(options.block2Transfers()).isEqualTo(5);
        assertThat(options.handshakers()).isEqualTo(4);
        assertThat(options.handshakeRounds()).isEqualTo(3);
        assertThat(options.idleSessions()).isEqualTo(10_000);
    }

    @Test
    void deviceGeneratorGivesEveryClientItsOwnThreadAndBatchingKeepsTheConfiguredThreads() throws Exception {
        BenchOptions device = BenchArguments.parse(new String[] {"--generator", "device", "--threads", "2"}, KNOWN);
        assertThat(device.generator()).isEqualTo(Generator.DEVICE);
        assertThat(device.generatorThreads(16)).isEqualTo(16);
        assertThat(device.generatorThreads(128)).isEqualTo(128);
        BenchOptions batching = BenchArguments.parse(new String[] {"--generator=batching", "--threads", "2"}, KNOWN);
        assertThat(batching.generator()).isEqualTo(Generator.BATCHING);
        assertThat(batching.generatorThreads(16)).isEqualTo(2);
        assertThat(BenchArguments.parse(new String[0], KNOWN).generator()).isEqualTo(Generator.BATCHING);
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--generator", "gnutls"}, KNOWN))
                .hasMessageContaining("--generator").hasMessageContaining("scandium");
    }

    @Test
    void scandiumGeneratorKeepsTheConfiguredThreadsAndNamesItselfInTheReport() throws Exception {
        BenchOptions scandium = BenchArguments.parse(new String[] {"--generator", "scandium", "--threads", "2"}, KNOWN);
        assertThat(scandium.generator()).isEqualTo(Generator.SCANDIUM);
        assertThat(scandium.generatorThreads(128)).isEqualTo(2);
        assertThat(scandium.generator().describe(2)).startsWith("scandium generator").contains("2 generator thread(s)");
    }

    @Test
    void rpkSuitesAreNamedWithHyphensAndRunAfterThePskOnes() throws Exception {
        BenchOptions options = BenchArguments.parse(new String[] {"--suite", "rpk-sessions,rpk,psk,rpk-handshakes"}, KNOWN);
        assertThat(options.suites()).containsExactly(Suite.PSK, Suite.RPK, Suite.RPK_HANDSHAKES, Suite.RPK_SESSIONS);
        assertThat(Suite.RPK_HANDSHAKES.label()).isEqualTo("rpk-handshakes");
        assertThat(DtlsMode.RPK.anyOf(options.suites())).isTrue();
        assertThat(DtlsMode.PSK.anyOf(List.of(Suite.RPK, Suite.NOSEC))).isFalse();
    }

    @Test
    void theObserveAndBlock2SuitesTakeTheirSizes() throws Exception {
        BenchOptions options = BenchArguments.parse(new String[] {"--suite", "block2,observe", "--observers", "10,20",
                "--block2-transfers=2"}, KNOWN);
        assertThat(options.suites()).containsExactly(Suite.OBSERVE, Suite.BLOCK2);
        assertThat(options.observerCounts()).containsExactly(10, 20);
        assertThat(options.block2Transfers()).isEqualTo(2);
        assertThat(DtlsMode.PSK.anyOf(options.suites())).as("not a DTLS mode's suites").isFalse();
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--observers", "0"}, KNOWN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("observers must be 1..15000");
        assertThat(BenchArguments.USAGE).contains("--observers").contains("--block2-transfers");
    }

    @Test
    void anUnknownSuiteIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--suite", "rpk_handshakes"}, KNOWN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rpk_handshakes'")
                .hasMessageContaining("rpk, rpk-handshakes, rpk-sessions");
    }

    @Test
    void usageListsTheRpkSuites() {
        assertThat(BenchArguments.USAGE).contains("rpk (CoAP over DTLS RawPublicKey").contains("rpk-handshakes")
                .contains("rpk-sessions");
    }

    @Test
    void suitesRunInTheirNaturalOrderWhateverOrderTheyAreGivenIn() throws Exception {
        BenchOptions options = BenchArguments.parse(new String[] {"--suite", "sessions,psk", "--handshakers", "2",
                "--sessions=500", "--rounds", "5"}, KNOWN);
        assertThat(options.suites()).containsExactly(Suite.PSK, Suite.SESSIONS);
        assertThat(options.handshakeRounds()).isEqualTo(5);
        assertThat(options.handshakers()).isEqualTo(2);
        assertThat(options.idleSessions()).isEqualTo(500);
    }

    @Test
    void quickShortensBothPhasesAndLaterOptionsWin() throws Exception {
        BenchOptions quick = BenchArguments.parse(new String[] {"--quick"}, KNOWN);
        assertThat(quick.warmup()).isEqualTo(Duration.ofSeconds(1));
        assertThat(quick.measure()).isEqualTo(Duration.ofSeconds(3));

        BenchOptions tuned = BenchArguments.parse(new String[] {"--quick", "--measure=0.5", "--clients", "2,4",
                "--servers", "echo,libcoap", "--threads", "2", "--server-jvm-opts", "-Xmx256m -XX:+UseSerialGC",
                "--out", "x.md", "--resend-ms", "250"}, KNOWN);
        assertThat(tuned.measure()).isEqualTo(Duration.ofMillis(500));
        assertThat(tuned.clientCounts()).containsExactly(2, 4);
        assertThat(tuned.servers()).containsExactly("echo", "libcoap");
        assertThat(tuned.generatorThreads()).isEqualTo(2);
        assertThat(tuned.serverJvmOptions()).containsExactly("-Xmx256m", "-XX:+UseSerialGC");
        assertThat(tuned.output()).isEqualTo(Path.of("x.md"));
        assertThat(tuned.resendTimeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theBaselineRunsOnlyWithABaselineBuildAndThenRightAfterOurServer() throws Exception {
        List<String> known = List.of("coaps4j", "coaps4j-baseline", "californium", "echo");
        assertThat(BenchArguments.parse(new String[0], known).servers()).containsExactly("coaps4j", "californium", "echo");

        BenchOptions withBaseline = BenchArguments.parse(new String[] {"--baseline-classpath", "/b/classes:/b/x.jar"}, known);
        assertThat(withBaseline.servers()).containsExactly("coaps4j", "coaps4j-baseline", "californium", "echo");
        assertThat(withBaseline.baselineClasspath()).contains("/b/classes:/b/x.jar");

        BenchOptions named = BenchArguments.parse(new String[] {"--servers", "coaps4j,coaps4j-baseline",
                "--baseline-classpath", "/b"}, known);
        assertThat(named.servers()).containsExactly("coaps4j", "coaps4j-baseline");

        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--servers", "coaps4j-baseline"}, known))
                .hasMessageContaining("--baseline");
    }

    @Test
    void errorsNameTheOption() {
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--bogus"}, KNOWN)).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--clients", "1,x"}, KNOWN)).hasMessageContaining("--clients");
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--clients", "0"}, KNOWN)).hasMessageContaining("clients");
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--servers", "nginx"}, KNOWN)).hasMessageContaining("nginx");
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--measure"}, KNOWN)).hasMessageContaining("--measure needs a value");
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--measure", "0"}, KNOWN)).hasMessageContaining("measure");
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--warmup", "soon"}, KNOWN)).hasMessageContaining("--warmup");
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--threads", "0"}, KNOWN)).hasMessageContaining("threads");
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--suite", "ecdhe"}, KNOWN)).hasMessageContaining("ecdhe");
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--handshakers", "0"}, KNOWN)).hasMessageContaining("handshakers");
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--sessions", "20000"}, KNOWN)).hasMessageContaining("sessions");
        assertThatThrownBy(() -> BenchArguments.parse(new String[] {"--rounds", "0"}, KNOWN)).hasMessageContaining("rounds");
    }
}
