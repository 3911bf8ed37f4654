package io.coaps4j.cli.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coaps4j.coaps.Metric;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * {@code coaps4j server --metrics HOST:PORT}: the JDK's HTTP server with two pages. {@code /metrics} is the
 * Prometheus text format ({@link PrometheusText}) of the coaps connector's metrics plus {@code coaps4j_ready};
 * {@code /ready} answers 200 "ready" once the CoAP listeners are bound and 503 before, for a readiness probe.
 * GET and HEAD only; one daemon thread.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService thread;
    private final Supplier<List<Metric>> metrics;
    private volatile boolean ready;

    private MetricsServer(HttpServer http, ExecutorService thread, Supplier<List<Metric>> metrics) {
        this.http = http;
        this.thread = thread;
        this.metrics = metrics;
    }

    /** Serves {@code metrics} (read at each scrape) on {@code address}; not ready until {@link #ready()}. */
    public static MetricsServer start(InetSocketAddress address, Supplier<List<Metric>> metrics) throws IOException {
        HttpServer http = HttpServer.create(address, 16);
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "coaps4j-metrics");
            t.setDaemon(true);
            return t;
        });
        MetricsServer server = new MetricsServer(http, thread, metrics);
        http.createContext("/metrics", server::metricsPage);
        http.createContext("/ready", server::readyPage);
        http.setExecutor(thread);
        http.start();
        return server;
    }

    /** Where it listens (the port chosen when 0 was asked). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The CoAP listeners are bound: {@code /ready} answers 200 from now on. */
    public void ready() {
        ready = true;
    }

    private void metricsPage(HttpExchange exchange) throws IOException {
        if (!allowed(exchange) || !exactPath(exchange, "/metrics")) {
            return;
        }
        List<Metric> all = new ArrayList<>(metrics.get());
        all.add(new Metric("coaps4j_ready", "1 once the server's CoAP listeners are bound", Metric.Type.GAUGE,
                Map.of(), ready ? 1 : 0));
        send(exchange, 200, PrometheusText.CONTENT_TYPE, PrometheusText.of(all));
    }

    private void readyPage(HttpExchange exchange) throws IOException {
        if (allowed(exchange) && exactPath(exchange, "/ready")) {
            send(exchange, ready ? 200 : 503, "text/plain; charset=utf-8", ready ? "ready\n" : "starting\n");
        }
    }

    private static boolean allowed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return false;
    }

    private static boolean exactPath(HttpExchange exchange, String path) throws IOException {
        if (exchange.getRequestURI().getPath().equals(path)) {
            return true;
        }
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
        return false;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        thread.shutdownNow();
    }
}
