package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.server.ServerLifecycle;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code coaps4j server} running in this JVM on a loopback ephemeral port, started through the
 * command line exactly as a user would, and stopped as Ctrl-C would stop it.
 */
public final class ServerRun implements AutoCloseable {
    private final ServerLifecycle lifecycle = ServerLifecycle.manual();
    private final CompletableFuture<CliRun> run;
    private final InetSocketAddress address;

    private ServerRun(Path dataDir) throws InterruptedException {
        run = CompletableFuture.supplyAsync(() -> CliRun.with(lifecycle,
                "server", "--bind", "127.0.0.1", "--port", "0", "--data", dataDir.toString()));
        List<InetSocketAddress> endpoints = lifecycle.awaitStarted(Duration.ofSeconds(10));
        assertThat(endpoints).as("server did not start: %s", run.getNow(null)).hasSize(1);
        address = endpoints.get(0);
    }

    public static ServerRun start(Path dataDir) throws InterruptedException {
        return new ServerRun(dataDir);
    }

    public int port() {
        return address.getPort();
    }

    /** {@code coap://127.0.0.1:port} followed by {@code path}. */
    public String uri(String path) {
        return "coap://127.0.0.1:" + port() + path;
    }

    /** Stops the server and returns how its command ended. */
    public CliRun stop() throws Exception {
        lifecycle.requestStop();
        return run.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (!run.isDone()) {
            stop();
        }
    }
}
