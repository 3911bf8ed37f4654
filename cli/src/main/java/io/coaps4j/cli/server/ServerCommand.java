package io.coaps4j.cli.server;

import io.coaps4j.cli.Addresses;
import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.TraceOption;
import io.coaps4j.cli.metrics.MetricsServer;
import io.coaps4j.cli.psk.HeartbeatOption;
import io.coaps4j.cli.psk.ConnectionIdOption;
import io.coaps4j.cli.psk.ResumptionOption;
import io.coaps4j.cli.psk.PskOptions;
import io.coaps4j.cli.psk.ServerPskFile;
import io.coaps4j.cli.store.DurableStore;
import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.PskCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coaps4j server}: serves the demo resources until stopped (Ctrl-C). */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {
            "Serve CoAP on UDP (coap://, port 5683) and CoAP over DTLS 1.2 (coaps://, port 5684) until stopped with"
                + " Ctrl-C; coaps serves the PreSharedKey, RawPublicKey and Certificate modes (RFC 7252 section 9) on"
                + " one port.",
            "Resources: /hello (GET), /time (GET), /store/{name} (GET, PUT, POST, DELETE; kept in the data folder),"
                + " /.well-known/core (GET, RFC 6690 discovery).",
            "Without --psk-identity and a key, the coaps key is generated at the first start into psk.properties in"
                + " the data folder (readable by its owner only), re-used later, and printed at every start.",
            "A clean stop (Ctrl-C, SIGTERM) saves the coaps sessions, sealed, in sessions.export in the data folder"
                + " (key: session-export.key, made at the first start) and the next start takes them back: connected"
                + " clients go on with no handshake.",
            "Likewise the RawPublicKey and Certificate keys not given by the options below: a key pair (rpk-key.pem),"
                + " a CA (ca.pem), a server certificate for localhost signed by it, and a client's key and certificate"
                + " for the commands printed at start."})
public final class ServerCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 5683;
    static final int DEFAULT_COAPS_PORT = 5684;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "local address to listen on (default: every IPv4 and IPv6 address)")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT,
            description = "UDP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "coaps4j-data",
            description = "folder that keeps /store entries across restarts (default: ./${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--coaps-port", paramLabel = "N",
            description = "UDP port of coaps:// (CoAP over DTLS 1.2, PSK mode); 0 picks a free one (default: "
                    + DEFAULT_COAPS_PORT + ")")
    Integer coapsPort;

    @Option(names = "--no-coaps", description = "serve coap:// only")
    boolean noCoaps;

    @Option(names = "--max-body-size", paramLabel = "BYTES", defaultValue = "1048576",
            description = "largest /store body accepted block-wise (RFC 7959); a larger one gets 4.13"
                    + " (default: ${DEFAULT-VALUE}, 1 MiB)")
    int maxBodySize;

    @Option(names = "--insecure-key-log", paramLabel = "FILE",
            description = "INSECURE, for debugging: append every coaps session's secrets to FILE in the NSS key log"
                    + " format, with which Wireshark (tls.keylog_file) decrypts a capture; anyone who reads FILE can"
                    + " read the traffic")
    Path insecureKeyLog;

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "serve the metrics of coap:// and coaps:// over HTTP on HOST:PORT: /metrics in the"
                    + " Prometheus text format, /ready answering 200 once the server listens (docs/METRICS.md)")
    String metrics;

    @Mixin
    PskOptions psk;

    @Option(names = "--e2e-psk", paramLabel = "ID:HEX",
            description = "accept requests protected end to end (docs/E2E.md) with this pre-shared key: SAs derived"
                    + " from it and a client's nonce, or agreed by a DTLS PSK handshake over CoAP at"
                    + " /.well-known/e2e-hs (client identity ID, key HEX)")
    String e2ePsk;

    @Mixin
    ServerKeyOptions keys;

    @Mixin
    HeartbeatOption heartbeat;

    @Mixin
    ResumptionOption resumption;

    @Option(names = "--session-cache", paramLabel = "N", defaultValue = "10000",
            description = "sessions kept to be resumed by session id, the least recently used dropped first"
                    + " (default: ${DEFAULT-VALUE})")
    int sessionCache;

    @Mixin
    TraceOption trace;

    @Mixin
    ConnectionIdOption cid;

    private final Terminal terminal;
    private final ServerLifecycle lifecycle;

    public ServerCommand(Terminal terminal, ServerLifecycle lifecycle) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            if (sessionCache < 1) {
                throw new CommandFailure(ExitCodes.USAGE, "--session-cache must be at least 1, was " + sessionCache);
            }
            InetSocketAddress bindAddress = bindAddress();
            Optional<InetSocketAddress> coapsAddress = coapsAddress(bindAddress);
            Optional<PskCredentials> given = psk.credentials();
            DurableStore store = openStore();
            Optional<ServerPsk> serverPsk = coapsAddress.isPresent() ? Optional.of(serverPsk(given, store))
                    : Optional.empty();
            Optional<ServerKeyMaterial> material = serverPsk.map(unused -> ServerKeyMaterial.load(keys,
                    new ServerKeyFiles(store.directory(), new SecureRandom(), Instant.now()), hostName(),
                    line -> terminal.errLine("coaps4j: " + line)));
            Optional<DtlsConnector> coaps = coapsAddress.map(address -> new ServerSecurity(
                    serverPsk.orElseThrow().credentials(),
                    Optional.of(material.orElseThrow().rawPublicKeyCredentials()),
                    Optional.of(material.orElseThrow().certificateCredentials()),
                    keys.clientAuth(), resumption.enabled(), cid.policy(), sessionCache).connector(address, heartbeat.keepAlive(),
                    Optional.ofNullable(insecureKeyLog)));
            if (insecureKeyLog != null) {
                terminal.errLine("coaps4j: warning: INSECURE: --insecure-key-log writes every coaps session's secrets to "
                        + insecureKeyLog.toAbsolutePath() + "; anyone who reads it can decrypt the traffic");
            }
            AtomicReference<CliServer> running = new AtomicReference<>();
            Optional<MetricsServer> metricsServer = startMetrics(running);
            Optional<SessionCarryOver> carryOver = coaps.map(unused -> carryOver(store.directory()));
            try (CliServer server = start(bindAddress, store, coapsAddress, coaps)) {
                coaps.ifPresent(connector -> carryOver.orElseThrow().restore(connector, terminal));
                printWhereItListens(server, serverPsk, material);
                metricsServer.ifPresent(page -> {
                    running.set(server);
                    page.ready();
                    terminal.outLine("metrics on http://" + printable(page.address()) + "/metrics, readiness on /ready");
                });
                terminal.outLine("data folder " + store.directory());
                terminal.errLine("Press Ctrl-C to stop.");
                lifecycle.arm();
                List<InetSocketAddress> endpoints = new ArrayList<>(2);
                endpoints.add(server.localAddress());
                server.secureLocalAddress().ifPresent(endpoints::add);
                lifecycle.started(endpoints);
                lifecycle.awaitStopRequest();
                terminal.errLine("stopping");
                // The library logs each kind of silent drop as it happens (WARN, rate-limited); the totals close the run.
                coaps.ifPresent(connector -> terminal.errLine(CoapsDrops.summary(connector.metrics())));
                // A clean stop keeps the coaps sessions for the next start (graceful restart).
                coaps.ifPresent(connector -> carryOver.orElseThrow().save(connector, terminal));
            } finally {
                metricsServer.ifPresent(MetricsServer::close);
            }
            return ExitCodes.OK;
        } finally {
            lifecycle.stopped();
        }
    }

    /**
     * The HTTP page of {@code --metrics}, when given: the metrics of the server's endpoints, coap and coaps (with
     * its connector's counters), once {@code server} is set; none before.
     */
    private Optional<MetricsServer> startMetrics(AtomicReference<CliServer> server) {
        if (metrics == null) {
            return Optional.empty();
        }
        int colon = metrics.lastIndexOf(':');
        String host = colon > 0 ? metrics.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int metricsPort;
        try {
            metricsPort = Integer.parseInt(metrics.substring(colon + 1));
        } catch (NumberFormatException e) {
            metricsPort = -1;
        }
        if (colon <= 0 || host.isEmpty() || metricsPort < 0 || metricsPort > 65535) {
            throw new CommandFailure(ExitCodes.USAGE, "--metrics must be HOST:PORT (e.g. 127.0.0.1:9464), was '"
                    + metrics + "'");
        }
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(host), metricsPort);
        } catch (UnknownHostException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--metrics: unknown address '" + host + "'");
        }
        try {
            return Optional.of(MetricsServer.start(address, () -> {
                CliServer started = server.get();
                return started == null ? List.of() : started.metrics();
            }));
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot serve --metrics on TCP " + printable(address) + ": "
                    + reason(e));
        }
    }

    private static SessionCarryOver carryOver(Path dir) {
        try {
            return SessionCarryOver.in(dir);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot read or create the session export key in " + dir
                    + ": " + e.getMessage());
        }
    }

    /** One line per scheme and address family, then the coaps keys ({@link ServerPsk}, {@link ServerKeysReport}). */
    private void printWhereItListens(CliServer server, Optional<ServerPsk> serverPsk,
                                     Optional<ServerKeyMaterial> material) {
        for (String endpoint : describe("coap", server.localAddress())) {
            terminal.outLine("listening on " + endpoint);
        }
        if (server.secureLocalAddress().isPresent()) {
            InetSocketAddress coaps = server.secureLocalAddress().get();
            for (String endpoint : describe("coaps", coaps)) {
                terminal.outLine("listening on " + endpoint);
            }
            serverPsk.orElseThrow().print(terminal, coaps);
            new ServerKeysReport(material.orElseThrow(), keys.clientAuth()).print(terminal, coaps);
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

    /** Where coaps listens (the coap address with the coaps port), or empty with --no-coaps. */
    private Optional<InetSocketAddress> coapsAddress(InetSocketAddress coap) {
        if (noCoaps) {
            if (coapsPort != null || psk.given() || keys.givenNames().isPresent()) {
                throw new CommandFailure(ExitCodes.USAGE, "--no-coaps cannot be combined with "
                        + (coapsPort != null ? "--coaps-port" : psk.given() ? psk.givenNames()
                        : keys.givenNames().orElseThrow()));
            }
            return Optional.empty();
        }
        int chosen = coapsPort == null ? DEFAULT_COAPS_PORT : coapsPort;
        if (chosen < 0 || chosen > 65535) {
            throw new CommandFailure(ExitCodes.USAGE, "--coaps-port must be 0..65535, was " + chosen);
        }
        if (chosen != 0 && chosen == port) {
            throw new CommandFailure(ExitCodes.USAGE, "coap and coaps cannot share UDP port " + port
                    + "; give --port and --coaps-port different ports");
        }
        return Optional.of(new InetSocketAddress(coap.getAddress(), chosen));
    }

    /** The key given on the command line, else the one in the data folder (generated at the first start). */
    private ServerPsk serverPsk(Optional<PskCredentials> given, DurableStore store) {
        if (given.isPresent()) {
            return ServerPsk.given(given.get());
        }
        Path file = store.directory().resolve(ServerPskFile.FILE_NAME);
        try {
            ServerPskFile.Outcome outcome = new ServerPskFile(new SecureRandom()).loadOrGenerate(store.directory());
            if (outcome.readableByOthers()) {
                terminal.errLine("coaps4j: warning: other users can read " + file + "; run chmod 600 " + file);
            }
            return ServerPsk.ofFile(outcome);
        } catch (FileSystemException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot read or create the coaps key file " + file + ": "
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()));
        } catch (IOException e) {
            // The message names the file and what is wrong with it.
            throw new CommandFailure(ExitCodes.FAILURE, "cannot use the coaps key: " + reason(e)
                    + " (fix the file, or delete it to have a new key generated)");
        }
    }

    /** This machine's name, for the generated server certificate; {@code localhost} when it has none. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
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

    private CliServer start(InetSocketAddress bindAddress, DurableStore store,
                            Optional<InetSocketAddress> coapsAddress, Optional<DtlsConnector> coaps) {
        if (maxBodySize < 1 || maxBodySize > 64 << 20) {
            throw new CommandFailure(ExitCodes.USAGE, "--max-body-size must be 1.." + (64 << 20) + " bytes, was "
                    + maxBodySize);
        }
        try {
            return CliServer.start(bindAddress, store, Clock.systemUTC(), coaps.map(c -> (Connector) c), maxBodySize,
                    e2ePsk == null ? builder -> { } : EndToEndServer.extras(e2ePsk));
        } catch (CliServer.SecureListenerException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot listen on UDP " + printable(coapsAddress.orElseThrow())
                    + " (coaps): " + reason(e.getCause()));
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            throw new CommandFailure(ExitCodes.FAILURE, "cannot listen on UDP " + printable(bindAddress) + ": "
                    + reason(cause));
        }
    }

    /** One {@code scheme}:// URI per address family the socket accepts. */
    static List<String> describe(String scheme, InetSocketAddress local) {
        List<String> lines = new ArrayList<>(2);
        InetAddress address = local.getAddress();
        if (address.isAnyLocalAddress()) {
            lines.add(scheme + "://0.0.0.0:" + local.getPort() + " (every IPv4 address)");
            if (address instanceof Inet6Address) {
                lines.add(scheme + "://[::]:" + local.getPort() + " (every IPv6 address)");
            }
        } else {
            lines.add(scheme + "://" + printable(local));
        }
        return lines;
    }

    private static String printable(InetSocketAddress address) {
        return Addresses.printable(address);
    }

    private static String reason(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
