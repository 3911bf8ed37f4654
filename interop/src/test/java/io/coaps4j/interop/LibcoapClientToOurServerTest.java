package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.server.CliServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libcoap's coap-client against the server that {@code coaps4j server} runs. */
class LibcoapClientToOurServerTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    private Path coapClient;
    private CliServer server;

    @BeforeEach
    void start() throws Exception {
        coapClient = Libcoap.client();
        server = CliServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), dataDir);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String uri(String path) {
        return "coap://127.0.0.1:" + server.localAddress().getPort() + path;
    }

    /** Runs coap-client with {@code -B 5} (give up after 5 s) and the given arguments. */
    private RunningProcess.Result coapClient(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(coapClient.toString(), "-B", "5"));
        command.addAll(List.of(args));
        RunningProcess.Result result = RunningProcess.run(RUN_LIMIT, command);
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result;
    }

    @Test
    void getHello() throws Exception {
        assertThat(coapClient("-m", "get", uri("/hello")).stdout()).isEqualTo("Hello, world\n");
    }

    @Test
    void nonConfirmableGetHello() throws Exception {
        assertThat(coapClient("-N", "-m", "get", uri("/hello")).stdout()).isEqualTo("Hello, world\n");
    }

    @Test
    void putThenGetStoredEntry() throws Exception {
        RunningProcess.Result put = coapClient("-m", "put", "-t", "text/plain", "-e", "from libcoap", uri("/store/x"));
        RunningProcess.Result get = coapClient("-m", "get", uri("/store/x"));

        assertThat(put.stdout()).isEmpty(); // coap-client prints only payloads and error codes
        assertThat(get.stdout()).isEqualTo("from libcoap\n");
        assertThat(server.store().get(io.coaps4j.cli.store.EntryName.of("x")).orElseThrow().contentFormat())
                .hasValue(0);
    }

    @Test
    void getAbsentEntryShowsNotFound() throws Exception {
        RunningProcess.Result result = coapClient("-m", "get", uri("/store/absent"));

        assertThat(result.stdout() + result.stderr()).contains("4.04");
    }

    @Test
    void discovery() throws Exception {
        coapClient("-m", "put", "-t", "application/json", "-e", "{}", uri("/store/j"));

        String links = coapClient("-m", "get", uri("/.well-known/core")).stdout();

        assertThat(links).contains("</hello>;ct=0;title=\"Hello\"").contains("</time>").contains("</store/j>;ct=50");
    }
}
