package io.coaps4j.bench.proxy;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.loadgen.ClientTransport;
import io.coaps4j.bench.loadgen.DtlsClientTransport;
import io.coaps4j.bench.loadgen.LoadGenerator;
import io.coaps4j.bench.loadgen.LoadResult;
import io.coaps4j.bench.loadgen.LoadSpec;
import io.coaps4j.bench.loadgen.PlainUdpTransport;
import io.coaps4j.bench.loadgen.WindowObserver;
import io.coaps4j.bench.process.ClockTicks;
import io.coaps4j.bench.process.LoadAverage;
import io.coaps4j.bench.process.ProcessCpu;
import io.coaps4j.bench.process.ServerProcess;
import io.coaps4j.bench.run.DocsSection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The proxy suite of {@code scripts/bench.sh --suite proxy}: requests/s and proxy CPU per request through the
 * coaps4j forward-proxy and Californium's proxy2, each its own process, with the same origin (the coaps4j
 * server) and the same load generator sending GETs with Proxy-Uri. Legs: PSK on both (the default), or
 * coap:// on both ({@code --legs coap}; {@code --legs psk,coap} for both). The target: forwards at least
 * 2x the requests/s of proxy2 at the same CPU, read as requests per proxy CPU-second. Arguments:
 * {@code [--quick] [--legs L] [--clients N,..] [--log-dir DIR] [--out FILE] [--docs FILE]}; with {@code --docs} a
 * run with the default windows and client counts replaces the proxy section of that page (docs/BENCHMARKS.md).
 */
public final class ProxyBench {
    private static final InetAddress HOST = InetAddress.getLoopbackAddress();
    private static final List<String> JVM = List.of("-Xms512m", "-Xmx1g");

    private record Row(String legs, String proxy, int clients, LoadResult load, long proxyCpuNanos,
                       long originCpuNanos) {
        double proxyMicrosPerRequest() {
            return load.successes() == 0 ? Double.NaN : proxyCpuNanos / 1000.0 / load.successes();
        }

        double requestsPerProxyCpuSecond() {
            return proxyCpuNanos == 0 ? Double.NaN : load.successes() * 1e9 / proxyCpuNanos;
        }
    }

    private ProxyBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> legs = List.of("psk");
        List<Integer> clients = null;
        Path logDir = Path.of("bench/target/bench-logs");
        Path out = Path.of("bench/target/bench-proxy-results.md");
        Path docs = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--legs" -> legs = List.of(args[++i].split(","));
                case "--clients" -> {
                    clients = new ArrayList<>();
                    for (String n : args[++i].split(",")) {
                        clients.add(Integer.parseInt(n));
                    }
                }
                case "--log-dir" -> logDir = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--docs" -> docs = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("proxy bench: unknown argument " + args[i]);
            }
        }
        boolean publishable = !quick && clients == null;
        if (clients == null) {
            clients = quick ? List.of(16) : List.of(1, 16, 64);
        }
        Duration warmup = quick ? Duration.ofSeconds(1) : Duration.ofSeconds(3);
        Duration measure = quick ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
        long ticks = ClockTicks.perSecond();
        String header = String.format(Locale.ROOT, "Run %s on %d CPUs (load average before: %s), JDK %s; %s s warm-up"
                        + " + %s s measured per point; proxy JVM options: %s",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                LoadAverage.now(), System.getProperty("java.version"), warmup.toMillis() / 1e3,
                measure.toMillis() / 1e3, String.join(" ", JVM));
        String classpath = System.getProperty("java.class.path");
        List<Row> rows = new ArrayList<>();
        for (String leg : legs) {
            boolean psk = leg.equals("psk");
            if (!psk && !leg.equals("coap")) {
                throw new IllegalArgumentException("--legs takes psk and coap, not " + leg);
            }
            String originMain = psk ? "io.coaps4j.bench.server.OurPskServer" : "io.coaps4j.bench.server.OurNoSecServer";
            try (ServerProcess origin = ServerProcess.startJava("proxy-origin-" + leg, classpath, originMain, JVM, HOST,
                    List.of(), logDir, Duration.ofSeconds(30))) {
                String target = (psk ? "coaps" : "coap") + "://127.0.0.1:" + origin.address().getPort() + "/hello";
                for (String[] proxy : new String[][] {{"coaps4j", OurProxyServer.class.getName()},
                        {"californium-proxy2", CaliforniumProxy2Server.class.getName()}}) {
                    try (ServerProcess running = ServerProcess.startJava("proxy-" + proxy[0] + "-" + leg, classpath,
                            proxy[1], JVM, HOST, List.of(leg), logDir, Duration.ofSeconds(30))) {
                        for (int n : clients) {
                            rows.add(measure(leg, proxy[0], n, running, origin, target, psk, warmup, measure, ticks));
                            System.err.println(format(rows.get(rows.size() - 1)));
                        }
                    }
                }
            }
        }
        String report = report(header, rows, quick);
        System.out.print(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        if (docs != null && publishable) {
            DocsSection.PROXY.write(docs, report);
        }
    }

    private static Row measure(String leg, String name, int clients, ServerProcess proxy, ServerProcess origin,
                               String target, boolean psk, Duration warmup, Duration measure, long ticks)
            throws IOException, InterruptedException {
        ClientTransport.Factory transport = psk
                ? DtlsClientTransport.factory(DtlsClientTransport.pskConfig(HOST, BenchPsk.IDENTITY, BenchPsk.key()))
                : PlainUdpTransport.factory();
        ProcessCpu proxyCpu = ProcessCpu.of(proxy.pid(), ticks);
        ProcessCpu originCpu = ProcessCpu.of(origin.pid(), ticks);
        long[] marks = new long[4];
        WindowObserver window = new WindowObserver() {
            @Override
            public void beforeWindow() {
                read(0);
            }

            @Override
            public void afterWindow() {
                read(2);
            }

            private void read(int at) {
                try {
                    marks[at] = proxyCpu.ticks();
                    marks[at + 1] = originCpu.ticks();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the CPU time of " + name, e);
                }
            }
        };
        LoadResult load = LoadGenerator.run(LoadSpec.builder().server(proxy.address()).proxyUri(target)
                .clients(clients).generatorThreads(Math.min(2, clients)).warmup(warmup).measure(measure)
                .resendTimeout(Duration.ofMillis(1000)).transport(transport).build(), window);
        return new Row(leg, name, clients, load, proxyCpu.toNanos(marks[2] - marks[0]),
                originCpu.toNanos(marks[3] - marks[1]));
    }

    private static String format(Row row) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.1f | %.0f | %.1f | %.2f | %.2f | %d |", row.legs(),
                row.proxy(), row.clients(), row.load().requestsPerSecond(), row.proxyMicrosPerRequest(),
                row.requestsPerProxyCpuSecond(),
                row.load().successes() == 0 ? Double.NaN : row.originCpuNanos() / 1000.0 / row.load().successes(),
                row.load().p50Nanos() / 1e6, row.load().p99Nanos() / 1e6, row.load().failures());
    }

    private static String report(String header, List<Row> rows, boolean quick) {
        StringBuilder out = new StringBuilder();
        out.append("### Proxy: coaps4j forward-proxy vs Californium proxy2").append(quick ? " (--quick)" : "")
                .append("\n\n").append(header).append("\n\n");
        out.append("GET with Proxy-Uri through each proxy (its own JVM, no cache) to the coaps4j origin; legs as in the"
                + " first column on both sides.\n\n");
        out.append("| legs | proxy | clients | req/s | proxy CPU µs/req | req per proxy CPU-s | origin CPU µs/req"
                + " | p50 ms | p99 ms | failures |\n");
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row row : rows) {
            out.append(format(row)).append('\n');
        }
        out.append('\n');
        for (Row ours : rows) {
            if (!ours.proxy().equals("coaps4j")) {
                continue;
            }
            for (Row theirs : rows) {
                if (theirs.proxy().equals("californium-proxy2") && theirs.legs().equals(ours.legs())
                        && theirs.clients() == ours.clients()) {
                    out.append(String.format(Locale.ROOT, "- %s legs, %d clients: req/s ×%.2f, req per proxy CPU-s"
                                    + " ×%.2f (target ≥ 2)%n", ours.legs(), ours.clients(),
                            ours.load().requestsPerSecond() / theirs.load().requestsPerSecond(),
                            ours.requestsPerProxyCpuSecond() / theirs.requestsPerProxyCpuSecond()));
                }
            }
        }
        return out.toString();
    }
}
