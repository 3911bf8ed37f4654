package io.coaps4j.bench.run;

import io.coaps4j.bench.BenchRpk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The baseline server runs a mode only when the baseline build has that mode's server class. */
class BaselineModeTest {
    @TempDir
    Path emptyBuild;

    private static JavaServer baselineRpk() {
        return (JavaServer) ServerCatalog.rpk(BenchRpk.generate(), Path.of("not-written"), null).get(ServerCatalog.COAPS4J_BASELINE);
    }

    private static BenchOptions options(String baselineClasspath) {
        return BenchOptions.builder().servers(List.of(ServerCatalog.COAPS4J, ServerCatalog.COAPS4J_BASELINE))
                .baselineClasspath(baselineClasspath).build();
    }

    @Test
    void aBaselineBuildWithoutTheRpkServerCannotRunTheRpkMode() {
        assertThat(baselineRpk().runsFrom(options(emptyBuild.toString()))).isFalse();
        assertThat(baselineRpk().mainClassName()).isEqualTo("io.coaps4j.bench.server.OurRpkServer");
    }

    @Test
    void aBaselineBuildWithTheRpkServerRunsIt() {
        assertThat(baselineRpk().runsFrom(options(System.getProperty("java.class.path")))).isTrue();
    }

    @Test
    void ourOwnServerAlwaysRunsFromThisBuild() {
        JavaServer ours = (JavaServer) ServerCatalog.rpk(BenchRpk.generate(), Path.of("not-written"), null).get(ServerCatalog.COAPS4J);
        assertThat(ours.runsFrom(options(emptyBuild.toString()))).isTrue();
    }
}
