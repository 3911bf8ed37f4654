package io.coaps4j.cli.server;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.store.DurableStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coaps4j server}: serves the demo resources until stopped (Ctrl-C). */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {
            "Serve CoAP on UDP until stopped with Ctrl-C.",
            "Resources: /hello (GET), /time (GET), /store/{name} (GET, PUT, POST, DELETE; kept in the data folder),"
                + " /.well-known/core (GET, RFC 6690 discovery)."})
public final class ServerCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 5683;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "local address to listen on (default: every IPv4 and IPv6 address)")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT,
            description = "UDP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "coaps4j-data",
            description = "folder that keeps /store entries across restarts (default: ./${DEFAULT-VALUE})")
    Path data;

    private final Terminal terminal;
    private final ServerLifecycle lifecycle;

    public ServerCommand(Terminal terminal, ServerLifecycle lifecycle) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            InetSocketAddress bindAddress = bindAddress();
            DurableStore store = openStore();
            try (CliServer server = start(bindAddress, store)) {
                List<String> endpoints = describe(server.localAddress());
                for (String endpoint : endpoints) {
                    terminal.outLine("listening on " + endpoint);
                }
                terminal.outLine("data folder " + store.directory());
                terminal.errLine("Press Ctrl-C to stop.");
                lifecycle.arm();
                lifecycle.started(List.of(server.localAddress()));
                lifecycle.awaitStopRequest();
                terminal.errLine("stopping");
            }
            return ExitCodes.OK;
        } finally {
            lifecycle.stopped();
        }
    }

    private InetSocketAddress bindAddress() {
        if (port < 0 || port > 65535) {
            throw new CommandFailure(ExitCodes.USAGE, "--port must be 0..65535, was " + port);
        }
        if (bind == null) {
            // The wildcard address: on a dual-stack host one socket serves IPv4 and IPv6.
            return new InetSocketAddress(port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(bind), port);
        } catch (UnknownHostException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--bind: unknown address '" + bind + "'");
        }
    }

    private DurableStore openStore() {
        try {
            return DurableStore.open(data);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot use data folder " + data.toAbsolutePath() + ": "
                    + reason(e));
        }
    }

    private static CliServer start(InetSocketAddress bindAddress, DurableStore store) {
        try {
            return CliServer.start(bindAddress, store, Clock.systemUTC());
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            throw new CommandFailure(ExitCodes.FAILURE, "cannot listen on UDP " + printable(bindAddress) + ": "
                    + reason(cause));
        }
    }

    /** One coap:// URI per address family the socket accepts. */
    static List<String> describe(InetSocketAddress local) {
        List<String> lines = new ArrayList<>(2);
        InetAddress address = local.getAddress();
        if (address.isAnyLocalAddress()) {
            lines.add("coap://0.0.0.0:" + local.getPort() + " (every IPv4 address)");
            if (address instanceof Inet6Address) {
                lines.add("coap://[::]:" + local.getPort() + " (every IPv6 address)");
            }
        } else {
            lines.add("coap://" + printable(local));
        }
        return lines;
    }

    private static String printable(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null ? address.getHostString()
                : ip instanceof Inet6Address ? "[" + ip.getHostAddress().replaceFirst("%.*$", "") + "]"
                : ip.getHostAddress();
        return host + ":" + address.getPort();
    }

    private static String reason(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
