package io.coaps4j.bench.e2e;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.HelloResource;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.e2e.E2eAssociations;
import io.coaps4j.e2e.E2eKeys;
import io.coaps4j.e2e.E2eLayer;
import io.coaps4j.e2e.E2eOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code e2e} benchmark suite (issue 11): the origin server's CPU per request with end-to-end protection
 * (docs/E2E.md) against the same requests without it, both over DTLS PSK, in one run. The origin and the
 * client run in this process; the origin's CPU is the CPU time of its event-loop thread (all of its CoAP,
 * DTLS and end-to-end work), read with {@link ThreadMXBean}. With {@code --proxy coaps://HOST:PORT} the
 * requests go through that forward proxy (Proxy-Uri, PSK on the client's leg; the proxy's leg to the origin
 * is its own configuration, which must use the benchmark PSK): that is the target setup of the suite, to be
 * used with coaps4j's proxy. Without it the client talks to the origin directly.
 *
 * <p>Arguments: {@code [--proxy URI] [--warmup S] [--measure S] [--concurrency N]}. Prints a Markdown table.
 */
public final class E2eSuite {
    private static final String ORIGIN = "bench-e2e-origin";

    private E2eSuite() {
    }

    public static void main(String[] args) throws Exception {
        Optional<String> proxy = Optional.ofNullable(arg(args, "--proxy", null));
        Duration warmup = Duration.ofMillis((long) (1000 * Double.parseDouble(arg(args, "--warmup", "3"))));
        Duration measure = Duration.ofMillis((long) (1000 * Double.parseDouble(arg(args, "--measure", "10"))));
        int concurrency = Integer.parseInt(arg(args, "--concurrency", "16"));
        List<Row> rows = run(proxy, warmup, measure, concurrency);
        System.out.println(table(rows, proxy));
    }

    /** One measured point. */
    public record Row(String mode, double requestsPerSecond, double originCpuMicrosPerRequest, long failures) {
    }

    /** Measures plain PSK then PSK with end-to-end protection, against one origin. */
    public static List<Row> run(Optional<String> proxy, Duration warmup, Duration measure, int concurrency)
            throws Exception {
        E2eAssociations originSas = new E2eAssociations();
        originSas.resolver(E2eKeys.resolver(BenchPsk.key(), BenchPsk.IDENTITY, Duration.ofHours(1)));
        EngineConfig config = EngineConfig.builder()
                .recognizedOptions(E2eOptions.withE2e(EngineConfig.DEFAULT_OPTIONS)).build();
        CoapResponse hello = CoapResponse.content(HelloResource.TEXT);
        InMemoryPskStore psk = InMemoryPskStore.builder().add(BenchPsk.IDENTITY, BenchPsk.key()).build();
        try (CoapServer origin = CoapServer.builder().name(ORIGIN).config(config)
                .connector(DtlsConnector.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .psk(psk).build())
                .layers(List.of(new E2eLayer(originSas)))
                .resource(Resource.builder(HelloResource.PATH).get(request -> hello).build())
                .build().start()) {
            String originUri = "coaps://127.0.0.1:" + origin.localAddress().getPort() + "/" + HelloResource.PATH;
            List<BenchClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < concurrency; i++) {
                    clients.add(BenchClient.open(config, psk, originUri, proxy));
                }
                // The DTLS sessions and the first SAs up before anything is timed, then both modes warmed (JIT)
                // before either is measured, so neither gains from running second.
                for (BenchClient client : clients) {
                    client.client.send(client.plain);
                    client.client.send(client.sealed);
                }
                point("warm-up", clients, false, Duration.ZERO, warmup);
                point("warm-up", clients, true, Duration.ZERO, warmup);
                Row plainRow = point("PSK", clients, false, Duration.ofMillis(100), measure);
                Row e2eRow = point("PSK + end-to-end", clients, true, Duration.ofMillis(100), measure);
                return List.of(plainRow, e2eRow);
            } finally {
                clients.forEach(BenchClient::close);
            }
        }
    }

    /**
     * One closed loop's client: its own endpoint (own source port, own DTLS session) and its own SA. A CoAP
     * endpoint may not reuse a message ID towards a peer within EXCHANGE_LIFETIME (RFC 7252 section 4.4, 247 s), so
     * one endpoint sending thousands of requests per second to one origin runs out of message IDs within seconds
     * and must wait; one endpoint per loop gives each loop its own 65,536. An SA's sender state is not shared
     * between event loops either.
     */
    private record BenchClient(CoapEndpoint endpoint, CoapClient client, ClientRequest plain, ClientRequest sealed) {
        static BenchClient open(EngineConfig config, InMemoryPskStore psk, String originUri, Optional<String> proxy)
                throws java.io.IOException {
            E2eAssociations clientSas = new E2eAssociations();
            byte[] saId = E2eKeys.freshSaId(new SecureRandom());
            clientSas.install(saId, E2eKeys.fromPsk(BenchPsk.key(), Arrays.copyOfRange(saId, 1, saId.length), saId,
                    E2eKeys.Role.CLIENT), Duration.ofHours(1), "origin");
            CoapEndpoint endpoint = CoapEndpoint.builder().config(config).layers(List.of(new E2eLayer(clientSas)))
                    .connector(DtlsConnector.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                            .psk(psk).acceptHandshakes(false).build())
                    .name("bench-e2e-client").start();
            CoapClient client = CoapClient.builder().endpoint(endpoint).timeout(Duration.ofSeconds(5)).build();
            return new BenchClient(endpoint, client, request(originUri, proxy, Optional.empty()),
                    request(originUri, proxy, Optional.of(saId)));
        }

        void close() {
            client.close();
            endpoint.close();
        }
    }

    private static ClientRequest request(String originUri, Optional<String> proxy, Optional<byte[]> saId) {
        ClientRequest.Builder request = proxy.isPresent()
                ? ClientRequest.get(proxy.get()).option(Option.ofString(OptionNumber.PROXY_URI, originUri))
                : ClientRequest.get(originUri);
        saId.ifPresent(id -> request.option(E2eOptions.protectWith(id)));
        return request.build();
    }

    /** Closed loops, one per client, each with one request in flight: answered, the next one follows. */
    private static Row point(String mode, List<BenchClient> clients, boolean sealed, Duration warmup, Duration measure)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        for (BenchClient client : clients) {
            loop(client.client, sealed ? client.sealed : client.plain, running, done, failed);
        }
        Thread.sleep(warmup.toMillis());
        long requests0 = done.get();
        long failed0 = failed.get();
        long cpu0 = originCpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(measure.toMillis());
        long requests = done.get() - requests0;
        long cpu = originCpuNanos() - cpu0;
        long elapsed = System.nanoTime() - t0;
        long failures = failed.get() - failed0;
        running.set(false);
        Thread.sleep(500); // let the loops drain
        return new Row(mode, requests * 1e9 / elapsed, requests == 0 ? Double.NaN : cpu / 1e3 / requests, failures);
    }

    private static void loop(CoapClient client, ClientRequest request, AtomicBoolean running, AtomicLong done,
                             AtomicLong failed) {
        if (!running.get()) {
            return;
        }
        CompletableFuture<CoapResponse> future = client.sendAsync(request);
        future.whenComplete((response, error) -> {
            if (error == null && response.isSuccess()) {
                done.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            loop(client, request, running, done, failed);
        });
    }

    /** CPU time of the origin's threads (its event loop is named after the server). */
    private static long originCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(ORIGIN)) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(cpu, 0);
            }
        }
        return total;
    }

    static String table(List<Row> rows, Optional<String> proxy) {
        StringBuilder out = new StringBuilder();
        out.append("### e2e: origin CPU per request, ").append(proxy.map(p -> "through " + p).orElse("direct (no proxy)"))
                .append("\n\n| mode | requests/s | origin CPU µs/request | failures |\n|---|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %d |%n", row.mode(), row.requestsPerSecond(),
                    row.originCpuMicrosPerRequest(), row.failures()));
        }
        if (rows.size() == 2) {
            out.append(String.format(Locale.ROOT, "%nend-to-end / PSK origin CPU per request: %.2f× (target ≤ 1.3×)%n",
                    rows.get(1).originCpuMicrosPerRequest() / rows.get(0).originCpuMicrosPerRequest()));
        }
        return out.toString();
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
