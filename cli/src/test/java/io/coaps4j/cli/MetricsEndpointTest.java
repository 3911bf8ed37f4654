package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coaps4j server --metrics}: a Prometheus page scraped and parsed, whose counters move with real requests. */
class MetricsEndpointTest {
    private static final String HEX_KEY = "73656372657450534b";
    /** A sample line of the text format: name, optional labels, integer value. */
    private static final Pattern SAMPLE = Pattern.compile("([a-z_][a-z0-9_]*)(\\{[^}]*\\})? (-?\\d+)");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The page parsed: every sample by name and labels; every sample line must parse, every name have a TYPE. */
    private Map<String, Long> scrape(int port) throws Exception {
        HttpResponse<String> page = get(port, "/metrics");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Map<String, Long> samples = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        for (String line : page.body().split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertThat(parts[3]).isIn("counter", "gauge");
                assertThat(types.put(parts[2], parts[3])).as("one TYPE line per name: " + parts[2]).isNull();
            } else if (!line.startsWith("# HELP ")) {
                Matcher sample = SAMPLE.matcher(line);
                assertThat(sample.matches()).as("a sample line: " + line).isTrue();
                assertThat(types).as("TYPE before the samples of " + sample.group(1)).containsKey(sample.group(1));
                String key = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2));
                assertThat(samples.put(key, Long.parseLong(sample.group(3)))).as("repeated " + key).isNull();
            }
        }
        return samples;
    }

    @Test
    void theCountersOnThePageMoveWithARealCoapsRequest() throws Exception {
        int port = freeTcpPort();
        try (ServerRun server = ServerRun.start(dataDir, "--psk-identity", "device-1", "--psk-key", HEX_KEY,
                "--metrics", "127.0.0.1:" + port)) {
            HttpResponse<String> ready = get(port, "/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");

            Map<String, Long> before = scrape(port);
            assertThat(before).containsEntry("coaps4j_ready", 1L)
                    .containsEntry("coaps_handshakes_succeeded_total", 0L)
                    .containsEntry("coaps_sessions{role=\"server\"}", 0L)
                    .containsEntry("coaps_records_dropped_total{reason=\"bad_tag\"}", 0L)
                    .containsEntry("coap_messages_received_total{scheme=\"coaps\",type=\"con\"}", 0L)
                    .containsEntry("coap_messages_received_total{scheme=\"coap\",type=\"con\"}", 0L);

            CliRun getHello = CliRun.of("get", server.coapsUri("/hello"), "--psk-identity", "device-1", "--psk-key",
                    HEX_KEY);
            assertThat(getHello.stdout()).as("%s", getHello).isEqualTo("Hello, world");

            CliRun plain = CliRun.of("get", server.uri("/hello"));
            assertThat(plain.stdout()).as("%s", plain).isEqualTo("Hello, world");

            Map<String, Long> after = scrape(port);
            assertThat(after).containsEntry("coaps_handshakes_succeeded_total", 1L)
                    .containsEntry("coap_messages_received_total{scheme=\"coaps\",type=\"con\"}", 1L)
                    .containsEntry("coap_messages_sent_total{scheme=\"coaps\",type=\"ack\"}", 1L)
                    .containsEntry("coap_messages_received_total{scheme=\"coap\",type=\"con\"}", 1L);
            assertThat(get(port, "/nothing").statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(405);

            CliRun run = server.stop();
            assertThat(run.stdout()).contains("metrics on http://127.0.0.1:" + port + "/metrics, readiness on /ready");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(port, "/ready"))
                .as("the page is gone with the server").isInstanceOf(ConnectException.class);
    }

    @Test
    void aMetricsAddressWithoutAPortIsAUsageError() {
        CliRun run = CliRun.of("server", "--port", "0", "--no-coaps", "--data", dataDir.toString(), "--metrics",
                "localhost");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--metrics must be HOST:PORT");
    }
}
