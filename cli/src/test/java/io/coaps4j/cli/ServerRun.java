package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.server.ServerLifecycle;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code coaps4j server} running in this JVM on loopback ephemeral ports (coap and, unless
 * {@code --no-coaps} is among the extra arguments, coaps), started through the command line exactly
 * as a user would, and stopped as Ctrl-C would stop it.
 */
public final class ServerRun implements AutoCloseable {
    private final ServerLifecycle lifecycle = ServerLifecycle.manual();
    private final CompletableFuture<CliRun> run;
    private final InetSocketAddress address;
    private final InetSocketAddress coapsAddress;

    private ServerRun(Path dataDir, String... extraArgs) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("server", "--bind", "127.0.0.1", "--port", "0", "--data",
                dataDir.toString()));
        boolean coaps = !List.of(extraArgs).contains("--no-coaps");
        if (coaps) {
            args.addAll(List.of("--coaps-port", "0"));
        }
        args.addAll(List.of(extraArgs));
        run = CompletableFuture.supplyAsync(() -> CliRun.with(lifecycle, args.toArray(String[]::new)));
        List<InetSocketAddress> endpoints = lifecycle.awaitStarted(Duration.ofSeconds(30));
        assertThat(endpoints).as("server did not start: %s", run.getNow(null)).hasSize(coaps ? 2 : 1);
        address = endpoints.get(0);
        coapsAddress = coaps ? endpoints.get(1) : null;
    }

    /**
     * A server with coap and coaps (the key generated into, or read from, the data folder), with
     * {@code extraArgs} added, e.g. {@code --no-coaps} or {@code --psk-identity ID --psk-key HEX}.
     */
    public static ServerRun start(Path dataDir, String... extraArgs) throws InterruptedException {
        return new ServerRun(dataDir, extraArgs);
    }

    public int port() {
        return address.getPort();
    }

    public int coapsPort() {
        assertThat(coapsAddress).as("this server has no coaps listener").isNotNull();
        return coapsAddress.getPort();
    }

    /** {@code coap://127.0.0.1:port} followed by {@code path}. */
    public String uri(String path) {
        return "coap://127.0.0.1:" + port() + path;
    }

    /** {@code coaps://127.0.0.1:coapsPort} followed by {@code path}. */
    public String coapsUri(String path) {
        return "coaps://127.0.0.1:" + coapsPort() + path;
    }

    /** Stops the server and returns how its command ended. */
    public CliRun stop() throws Exception {
        lifecycle.requestStop();
        return run.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (!run.isDone()) {
            stop();
        }
    }
}
