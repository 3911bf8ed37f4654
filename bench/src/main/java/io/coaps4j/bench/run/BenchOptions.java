package io.coaps4j.bench.run;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Settings of one side-by-side run. Immutable; {@link Builder#build()} names the field that is wrong. */
final class BenchOptions {
    private final Duration warmup;
    private final Duration measure;
    private final List<Integer> clientCounts;
    private final List<String> servers;
    private final int generatorThreads;
    private final Duration resendTimeout;
    private final List<String> serverJvmOptions;
    private final InetAddress host;
    private final Path logDir;
    private final Path output;
    private final List<Suite> suites;
    private final int handshakers;
    private final int handshakeRounds;
    private final int idleSessions;
    private final List<Integer> observerCounts;
    private final int block2Transfers;
    private final Optional<String> baselineClasspath;
    private final Path docs;

    private BenchOptions(Builder b) {
        this.warmup = b.warmup;
        this.measure = b.measure;
        this.clientCounts = List.copyOf(b.clientCounts);
        this.servers = List.copyOf(b.servers);
        this.generatorThreads = b.generatorThreads;
        this.resendTimeout = b.resendTimeout;
        this.serverJvmOptions = List.copyOf(b.serverJvmOptions);
        this.host = b.host;
        this.logDir = b.logDir;
        this.output = b.output;
        this.suites = List.copyOf(b.suites);
        this.handshakers = b.handshakers;
        this.handshakeRounds = b.handshakeRounds;
        this.idleSessions = b.idleSessions;
        this.observerCounts = List.copyOf(b.observerCounts);
        this.block2Transfers = b.block2Transfers;
        this.baselineClasspath = Optional.ofNullable(b.baselineClasspath);
        this.docs = b.docs;
    }

    /** The page whose latest-results section the report replaces (docs/BENCHMARKS.md), or null. */
    Path docs() {
        return docs;
    }

    /** Whether the windows are at least the defaults, the length the published table is measured with. */
    boolean fullLength() {
        return warmup.compareTo(DEFAULT_WARMUP) >= 0 && measure.compareTo(DEFAULT_MEASURE) >= 0;
    }

    static Builder builder() {
        return new Builder();
    }

    Duration warmup() {
        return warmup;
    }

    Duration measure() {
        return measure;
    }

    List<Integer> clientCounts() {
        return clientCounts;
    }

    /** Names of the servers to run, in order. */
    List<String> servers() {
        return servers;
    }

    int generatorThreads() {
        return generatorThreads;
    }

    Duration resendTimeout() {
        return resendTimeout;
    }

    List<String> serverJvmOptions() {
        return serverJvmOptions;
    }

    InetAddress host() {
        return host;
    }

    Path logDir() {
        return logDir;
    }

    /** Where the Markdown report is also written; null for standard output only. */
    Path output() {
        return output;
    }

    /** The suites to run, in their natural order. */
    List<Suite> suites() {
        return suites;
    }

    /** Concurrent threads opening new connections in the handshake suite. */
    int handshakers() {
        return handshakers;
    }

    /** Measured windows per server in the handshake suite, taken in turns; the median is reported. */
    int handshakeRounds() {
        return handshakeRounds;
    }

    /** Idle sessions opened per server in the sessions suite. */
    int idleSessions() {
        return idleSessions;
    }

    /** Observers per server in the observe suite, one run each. */
    List<Integer> observerCounts() {
        return observerCounts;
    }

    /** Measured 1 MB transfers per server in the block2 suite. */
    int block2Transfers() {
        return block2Transfers;
    }

    /** The classpath of the baseline build that the {@code coaps4j-baseline} server runs from, if one was given. */
    Optional<String> baselineClasspath() {
        return baselineClasspath;
    }

    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(3);
    static final Duration DEFAULT_MEASURE = Duration.ofSeconds(10);

    static final class Builder {
        private Duration warmup = DEFAULT_WARMUP;
        private Duration measure = DEFAULT_MEASURE;
        private List<Integer> clientCounts = List.of(1, 16, 128);
        private List<String> servers = List.of();
        private int generatorThreads = 1;
        private Duration resendTimeout = Duration.ofMillis(500);
        private List<String> serverJvmOptions = List.of("-Xms1g", "-Xmx4g");
        private InetAddress host = InetAddress.getLoopbackAddress();
        private Path logDir = Path.of("target", "bench-logs");
        private Path output;
        private List<Suite> suites = List.of(Suite.values());
        private int handshakers = 4;
        private int handshakeRounds = 3;
        private int idleSessions = 10_000;
        private List<Integer> observerCounts = List.of(1_000, 10_000);
        private int block2Transfers = 5;
        private String baselineClasspath;
        private Path docs;

        private Builder() {
        }

        Builder docs(Path docs) {
            this.docs = docs;
            return this;
        }

        Builder baselineClasspath(String classpath) {
            this.baselineClasspath = classpath;
            return this;
        }

        Builder suites(List<Suite> suites) {
            this.suites = suites;
            return this;
        }

        Builder handshakers(int handshakers) {
            this.handshakers = handshakers;
            return this;
        }

        Builder handshakeRounds(int handshakeRounds) {
            this.handshakeRounds = handshakeRounds;
            return this;
        }

        Builder idleSessions(int idleSessions) {
            this.idleSessions = idleSessions;
            return this;
        }

        Builder observerCounts(List<Integer> observerCounts) {
            this.observerCounts = observerCounts;
            return this;
        }

        Builder block2Transfers(int block2Transfers) {
            this.block2Transfers = block2Transfers;
            return this;
        }

        Builder warmup(Duration warmup) {
            this.warmup = warmup;
            return this;
        }

        Builder measure(Duration measure) {
            this.measure = measure;
            return this;
        }

        Builder clientCounts(List<Integer> clientCounts) {
            this.clientCounts = clientCounts;
            return this;
        }

        Builder servers(List<String> servers) {
            this.servers = servers;
            return this;
        }

        Builder generatorThreads(int generatorThreads) {
            this.generatorThreads = generatorThreads;
            return this;
        }

        Builder resendTimeout(Duration resendTimeout) {
            this.resendTimeout = resendTimeout;
            return this;
        }

        Builder serverJvmOptions(List<String> serverJvmOptions) {
            this.serverJvmOptions = serverJvmOptions;
            return this;
        }

        Builder host(InetAddress host) {
            this.host = host;
            return this;
        }

        Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        Builder output(Path output) {
            this.output = output;
            return this;
        }

        BenchOptions build() {
            if (warmup == null || warmup.isNegative()) {
                throw new IllegalArgumentException("warmup must be zero or more seconds, was " + warmup);
            }
            if (measure == null || measure.isNegative() || measure.isZero()) {
                throw new IllegalArgumentException("measure must be more than zero seconds, was " + measure);
            }
            if (clientCounts == null || clientCounts.isEmpty()) {
                throw new IllegalArgumentException("clients must list at least one client count");
            }
            for (Integer count : clientCounts) {
                if (count == null || count < 1 || count > 10_000) {
                    throw new IllegalArgumentException("clients must be 1..10000 each, was " + count);
                }
            }
            if (servers == null || servers.isEmpty()) {
                throw new IllegalArgumentException("servers must name at least one server");
            }
            if (generatorThreads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + generatorThreads);
            }
            if (resendTimeout == null || resendTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("resend timeout must be at least 1 ms, was " + resendTimeout);
            }
            if (suites == null || suites.isEmpty()) {
                throw new IllegalArgumentException("suite must name at least one suite");
            }
            suites = EnumSet.copyOf(suites).stream().toList();
            if (handshakers < 1 || handshakers > 64) {
                throw new IllegalArgumentException("handshakers must be 1..64, was " + handshakers);
            }
            if (handshakeRounds < 1 || handshakeRounds > 15) {
                throw new IllegalArgumentException("rounds must be 1..15, was " + handshakeRounds);
            }
            if (idleSessions < 1 || idleSessions > 15_000) {
                throw new IllegalArgumentException("sessions must be 1..15000 (one client socket each), was " + idleSessions);
            }
            if (observerCounts == null || observerCounts.isEmpty()
                    || observerCounts.stream().anyMatch(n -> n == null || n < 1 || n > 15_000)) {
                throw new IllegalArgumentException("observers must be 1..15000 each (one client socket each), was "
                        + observerCounts);
            }
            if (block2Transfers < 1 || block2Transfers > 100) {
                throw new IllegalArgumentException("block2-transfers must be 1..100, was " + block2Transfers);
            }
            if (servers.contains(ServerCatalog.COAPS4J_BASELINE) && (baselineClasspath == null || baselineClasspath.isBlank())) {
                throw new IllegalArgumentException("servers: " + ServerCatalog.COAPS4J_BASELINE
                        + " runs the baseline build: give --baseline REF to bench.sh (or --baseline-classpath CP)");
            }
            if (serverJvmOptions == null || host == null || logDir == null) {
                throw new IllegalArgumentException("serverJvmOptions, host and logDir must be set");
            }
            return new BenchOptions(this);
        }
    }
}
