package io.coaps4j.cli.server;

import io.coaps4j.cli.Addresses;
import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.client.ClientKeyOptions;
import io.coaps4j.cli.psk.PskConnectors;
import io.coaps4j.cli.psk.PskKeyFormat;
import io.coaps4j.cli.psk.PskOptions;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.messaging.TransmissionParameters;
import io.coaps4j.coap.uri.CoapScheme;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.coaps.KeepAlive;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import io.coaps4j.proxy.CoapProxy;
import io.coaps4j.proxy.ProxyCacheConfig;
import io.coaps4j.proxy.ReverseRoute;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code coaps4j proxy}: a CoAP-to-CoAP forward and reverse proxy with a cache, until stopped (Ctrl-C). */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = {
            "Run a CoAP-to-CoAP proxy (RFC 7252 section 5.7) until stopped with Ctrl-C: forward (clients send"
                + " Proxy-Uri, or Proxy-Scheme with Uri-Host) and reverse (--reverse maps a local path to an origin),"
                + " with a cache (section 5.6).",
            "Each leg has its own security: clients reach the proxy on the --listen URIs (coaps in the PSK mode with"
                + " --psk-identity and a key); the proxy reaches coaps:// origins with --origin-psk-identity and"
                + " --origin-psk-key, or --trust/--key/--cert (RawPublicKey, Certificate).",
            "Unknown Safe-to-Forward options (OSCORE, end-to-end indicators) and payloads pass unchanged; loops end"
                + " with 5.08 (Hop-Limit, RFC 8768)."})
public final class ProxyCommand implements Callable<Integer> {

    @Option(names = "--listen", paramLabel = "URI",
            description = "where clients reach the proxy, coap://ADDR:PORT or coaps://ADDR:PORT; repeatable"
                    + " (default: coap://0.0.0.0:5683)")
    List<String> listen = new ArrayList<>();

    @Option(names = "--reverse", paramLabel = "PATH=URI",
            description = "serve requests under the local PATH from the origin URI, e.g. /sensors=coaps://10.0.0.7/s;"
                    + " repeatable, the first match wins")
    List<String> reverse = new ArrayList<>();

    @Option(names = "--no-forward", description = "refuse Proxy-Uri and Proxy-Scheme requests (5.05): reverse only")
    boolean noForward;

    @Mixin
    PskOptions psk;

    @Option(names = "--origin-psk-identity", paramLabel = "ID", description = "PSK identity towards coaps:// origins")
    String originPskIdentity;

    @Option(names = "--origin-psk-key", paramLabel = "HEX", description = "PSK towards coaps:// origins, hex digits")
    String originPskKey;

    @Mixin
    ClientKeyOptions originKeys;

    @Option(names = "--cache-entries", paramLabel = "N", defaultValue = "1000",
            description = "most responses kept in the cache (default: ${DEFAULT-VALUE})")
    int cacheEntries;

    @Option(names = "--cache-bytes", paramLabel = "BYTES", defaultValue = "8388608",
            description = "most bytes kept in the cache (default: ${DEFAULT-VALUE}, 8 MiB)")
    long cacheBytes;

    @Option(names = "--no-cache", description = "forward every request to its origin")
    boolean noCache;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "wait this long for an origin, then answer 5.04 (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--origin-nstart", paramLabel = "N", defaultValue = "1",
            description = "requests in flight to one origin at once (NSTART, RFC 7252 section 4.7; default:"
                    + " ${DEFAULT-VALUE})")
    int originNstart;

    @Option(names = "--origin-endpoints", paramLabel = "N", defaultValue = "16",
            description = "source ports (and coaps:// sessions) a busy origin's requests spread over: one port may"
                    + " send an origin at most 65,536 messages per 247 s (RFC 7252 section 4.4; default:"
                    + " ${DEFAULT-VALUE})")
    int originEndpoints;

    private final Terminal terminal;
    private final ServerLifecycle lifecycle;

    public ProxyCommand(Terminal terminal, ServerLifecycle lifecycle) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            CoapProxy.Builder builder = configure();
            CoapProxy proxy;
            try {
                proxy = builder.build().start();
            } catch (UncheckedIOException e) {
                throw new CommandFailure(ExitCodes.FAILURE, "cannot listen: " + e.getMessage());
            }
            try (proxy) {
                List<InetSocketAddress> addresses = proxy.localAddresses();
                for (int i = 0; i < addresses.size(); i++) {
                    String scheme = proxy.listeners().get(i).supports("coaps") ? "coaps" : "coap";
                    terminal.outLine("proxy listening on " + scheme + "://" + Addresses.printable(addresses.get(i)));
                }
                for (String route : reverse) {
                    terminal.outLine("reverse " + route);
                }
                terminal.errLine("Press Ctrl-C to stop.");
                lifecycle.arm();
                lifecycle.started(addresses);
                lifecycle.awaitStopRequest();
                terminal.errLine("stopping");
            }
            return ExitCodes.OK;
        } finally {
            lifecycle.stopped();
        }
    }

    private CoapProxy.Builder configure() {
        if (timeoutSeconds < 1) {
            throw usage("--timeout must be at least 1 second, was " + timeoutSeconds);
        }
        if (originNstart < 1 || originNstart > 1024) {
            throw usage("--origin-nstart must be 1..1024, was " + originNstart);
        }
        if (originEndpoints < 1 || originEndpoints > 1024) {
            throw usage("--origin-endpoints must be 1..1024, was " + originEndpoints);
        }
        CoapProxy.Builder builder = CoapProxy.builder().forwardProxying(!noForward)
                .timeout(Duration.ofSeconds(timeoutSeconds)).originEndpoints(originEndpoints);
        if (originNstart != 1) {
            builder.originConfig(EngineConfig.DEFAULT.toBuilder().transmission(
                    TransmissionParameters.DEFAULT.toBuilder().nstart(originNstart).build()).build());
        }
        if (noCache) {
            builder.withoutCache();
        } else {
            try {
                builder.cache(new ProxyCacheConfig(cacheEntries, cacheBytes));
            } catch (IllegalArgumentException e) {
                throw usage("--cache-entries/--cache-bytes: " + e.getMessage());
            }
        }
        for (String route : reverse) {
            int eq = route.indexOf('=');
            if (eq < 0) {
                throw usage("--reverse needs PATH=URI, was \"" + route + "\"");
            }
            try {
                builder.reverse(ReverseRoute.of(route.substring(0, eq), route.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw usage("--reverse " + route + ": " + e.getMessage());
            }
        }
        boolean coapsListener = false;
        for (String uri : listen.isEmpty() ? List.of("coap://0.0.0.0:5683") : listen) {
            boolean secure = uri.startsWith("coaps://");
            if (!secure && !uri.startsWith("coap://")) {
                throw usage("--listen " + uri + ": give coap://ADDR:PORT or coaps://ADDR:PORT");
            }
            InetSocketAddress address = listenAddress(uri, uri.substring(uri.indexOf("://") + 3), secure);
            if (secure) {
                PskCredentials credentials = psk.credentials().orElseThrow(() -> usage("--listen " + uri
                        + " needs the clients' key: --psk-identity ID with --psk-key HEX or --psk-key-file FILE"));
                builder.connector(PskConnectors.server(address, credentials));
                coapsListener = true;
            } else {
                builder.bind(address);
            }
        }
        if (!coapsListener && psk.given()) {
            throw usage(psk.givenNames() + " applies to a coaps:// --listen URI; none was given");
        }
        originConnectors().ifPresent(builder::originConnectors);
        return builder;
    }

    /** ADDR:PORT, [IPv6]:PORT or ADDR (the scheme's default port); port 0 picks a free one. */
    private static InetSocketAddress listenAddress(String uri, String authority, boolean secure) {
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon >= 0 && authority.indexOf(']', colon) < 0 && (authority.startsWith("[")
                || authority.indexOf(':') == colon);
        String host = hasPort ? authority.substring(0, colon) : authority;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = secure ? CoapScheme.COAPS.defaultPort() : CoapScheme.COAP.defaultPort();
        if (hasPort) {
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw usage("--listen " + uri + ": the port must be 0..65535");
            }
        }
        if (!host.isEmpty() && !Character.isDigit(host.charAt(0)) && !host.contains(":")) {
            throw usage("--listen " + uri + ": give an IP address, not a name");
        }
        try {
            return new InetSocketAddress(java.net.InetAddress.getByName(host.isEmpty() ? "0.0.0.0" : host), port);
        } catch (java.net.UnknownHostException e) {
            throw usage("--listen " + uri + ": not an IP address");
        }
    }

    /**
     * The connectors of the coaps leg to origins: PSK, or the RawPublicKey/Certificate keys; empty when neither
     * is given.
     */
    private Optional<Supplier<DtlsConnector>> originConnectors() {
        boolean pskGiven = originPskIdentity != null || originPskKey != null;
        if (pskGiven && originKeys.given()) {
            throw usage("--origin-psk-identity/--origin-psk-key cannot be combined with " + originKeys.givenNames());
        }
        if (pskGiven) {
            if (originPskIdentity == null || originPskKey == null) {
                throw usage("--origin-psk-identity and --origin-psk-key go together");
            }
            PskCredentials credentials;
            try {
                credentials = new PskCredentials(PskIdentity.of(originPskIdentity),
                        PskKeyFormat.parse(originPskKey.trim(), "--origin-psk-key"));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            PskCredentials checked = credentials;
            return Optional.of(() -> PskConnectors.client(checked));
        }
        if (originKeys.given()) {
            ClientKeyOptions.Keys keys = originKeys.keys();
            DtlsConfig.Builder dtls = DtlsConfig.builder();
            keys.rawPublicKey().ifPresent(dtls::credentials);
            keys.certificate().ifPresent(dtls::credentials);
            DtlsConfig config = dtls.build();
            return Optional.of(() -> DtlsConnector.builder().bind(new InetSocketAddress(0)).dtlsConfig(config)
                    .acceptHandshakes(false).keepAlive(KeepAlive.disabled()).build());
        }
        return Optional.empty();
    }

    private static CommandFailure usage(String message) {
        return new CommandFailure(ExitCodes.USAGE, message);
    }
}
