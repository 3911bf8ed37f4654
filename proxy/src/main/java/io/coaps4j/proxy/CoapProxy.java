package io.coaps4j.proxy;

import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coap.endpoint.UdpConnector;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.uri.CoapScheme;
import io.coaps4j.transport.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A CoAP-to-CoAP proxy (RFC 7252 section 5.7): forward (Proxy-Uri, or Proxy-Scheme with the Uri-* options)
 * and reverse (local path prefixes mapped to origin URIs), with a response cache (section 5.6).
 * <pre>{@code
 * CoapProxy proxy = CoapProxy.builder()
 *         .bind(new InetSocketAddress(5683))                                           // clients, coap://
 *         .connector(DtlsConnector.builder().bind(new InetSocketAddress(5684)).psk(clients).build()) // coaps://
 *         .originConnectors(() -> DtlsConnector.builder().bind(new InetSocketAddress(0)).psk(origins)
 *                 .acceptHandshakes(false).build())                                    // to coaps:// origins
 *         .reverse("/sensors", "coaps://10.0.0.7/s")
 *         .build()
 *         .start();
 * }</pre>
 * Each leg has its own connector, security mode and sessions: the proxy is a DTLS server to its clients
 * and a DTLS client to origins, and a response is matched on the leg it came from. {@code coap://} origins
 * are reached from plain UDP endpoints on free ports; {@code coaps://} origins only when origin connectors
 * are given (else 5.05). A busy origin's requests spread over several origin endpoints
 * ({@link Builder#originEndpoints}). Unrecognized Safe-to-Forward options (OSCORE's 9, an end-to-end
 * indicator) and payloads go through unchanged; unrecognized Unsafe ones get 4.02 (request) or 5.02
 * (response). Observe is relayed (RFC 7641 section 5). Loops end by Hop-Limit (RFC 8768, 5.08) and by
 * treating a target that names the proxy itself as a local request (section 5.7.2).
 */
public final class CoapProxy implements AutoCloseable {
    private final Builder settings;
    /** Immutable; read without the lock by the listeners' loops (the self-address check). */
    private volatile List<CoapEndpoint> listeners = List.of();
    private OriginLegs legs;
    private ExecutorService resolver;
    /** The loop of the first listener and of every origin endpoint: a forwarded request changes no thread. */
    private EventLoop loop;
    private boolean started;

    private CoapProxy(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the origin legs, then one listener per bind address or connector; closes what it started when
     * one cannot bind.
     *
     * @throws UncheckedIOException when a socket cannot bind
     */
    public synchronized CoapProxy start() {
        if (started) {
            throw new IllegalStateException("proxy already started; build another to start again");
        }
        started = true;
        EngineConfig config = settings.config.toBuilder().recognizedOptions(ProxyOptions.REGISTRY).build();
        EngineConfig originConfig = (settings.originConfig != null ? settings.originConfig : settings.config)
                .toBuilder().recognizedOptions(ProxyOptions.REGISTRY).build();
        resolver = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, settings.name + "-resolver");
            thread.setDaemon(true);
            return thread;
        });
        try {
            loop = EventLoop.start(settings.name);
            legs = originLegs(originConfig);
            ResponseCache cache = settings.cache == null ? null : new ResponseCache(settings.cache);
            Forwarder forwarder = new Forwarder(legs, cache, settings.timeout, settings.nanoClock);
            TargetResolver targets = new TargetResolver(settings.forwardProxying, settings.routes, legs::supports,
                    new SelfAddresses(this::localAddresses));
            ProxyHandler handler = new ProxyHandler(targets, forwarder);
            List<Connector> connectors = new ArrayList<>();
            for (Object listener : settings.listeners.isEmpty() ? List.<Object>of(new InetSocketAddress(5683))
                    : settings.listeners) {
                connectors.add(listener instanceof Connector c ? c : new UdpConnector((InetSocketAddress) listener));
            }
            List<CoapEndpoint> running = new ArrayList<>(connectors.size());
            try {
                for (int i = 0; i < connectors.size(); i++) {
                    running.add(endpoint(config, connectors.get(i), settings.name + "-" + (i + 1), handler,
                            i == 0 ? loop : null));
                }
            } finally {
                listeners = List.copyOf(running);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("could not start " + settings.name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** The origin legs: coap:// always, coaps:// with an origin connector; each starts with one endpoint. */
    private OriginLegs originLegs(EngineConfig originConfig) throws IOException {
        long lifetime = originConfig.transmission().exchangeLifetime().toNanos();
        InetSocketAddress anyPort = new InetSocketAddress(settings.originBind.getAddress(), 0);
        OriginEndpoints coap = new OriginEndpoints(index -> originEndpoint(originConfig,
                new UdpConnector(index == 0 ? settings.originBind : anyPort), "coap", index),
                settings.originEndpoints, settings.originLap, lifetime, settings.nanoClock);
        try {
            OriginEndpoints coaps = null;
            if (settings.originConnectors != null) {
                coaps = new OriginEndpoints(index -> originEndpoint(originConfig,
                        settings.originConnectors.get(), "coaps", index),
                        settings.originEndpoints, settings.originLap, lifetime, settings.nanoClock);
            } else if (settings.originConnector != null) {
                coaps = new OriginEndpoints(index -> originEndpoint(originConfig,
                        settings.originConnector, "coaps", index), 1, lifetime, settings.nanoClock);
            }
            return new OriginLegs(coap, coaps, resolver);
        } catch (IOException | RuntimeException e) {
            coap.close();
            throw e;
        }
    }

    /** An origin endpoint, on the proxy's loop. */
    private CoapEndpoint originEndpoint(EngineConfig config, Connector connector, String scheme, int index)
            throws IOException {
        CoapEndpoint.Builder builder = CoapEndpoint.builder().config(config).connector(connector)
                .name(settings.name + "-origin-" + scheme + (index == 0 ? "" : "-" + (index + 1)))
                .blockwise(BlockwiseConfig.DEFAULT);
        return builder.eventLoop(loop).start();
    }

    /** A listener, on {@code sharedLoop} or (null) its own. */
    private static CoapEndpoint endpoint(EngineConfig config, Connector connector, String name, ProxyHandler handler,
                                         EventLoop sharedLoop) throws IOException {
        CoapEndpoint.Builder builder = CoapEndpoint.builder().config(config).connector(connector).name(name)
                .blockwise(BlockwiseConfig.DEFAULT).requestHandler(handler);
        if (sharedLoop != null) {
            builder.eventLoop(sharedLoop);
        }
        return builder.start();
    }

    /** How many endpoints the origin leg of {@code scheme} runs now (tests). */
    int originEndpoints(CoapScheme scheme) {
        OriginLegs running = legs;
        return running == null ? 0 : running.endpoints(scheme);
    }

    /** The listeners' local addresses, in the order given. */
    public List<InetSocketAddress> localAddresses() {
        List<CoapEndpoint> listeners = this.listeners;
        List<InetSocketAddress> addresses = new ArrayList<>(listeners.size());
        for (CoapEndpoint listener : listeners) {
            addresses.add(listener.localAddress());
        }
        return addresses;
    }

    /** The listener endpoints, in the order their addresses or connectors were given. */
    public List<CoapEndpoint> listeners() {
        return listeners;
    }

    /** Closes the listeners, then the origin legs; the ports are free when this returns. */
    @Override
    public synchronized void close() {
        List<CoapEndpoint> running = listeners;
        listeners = List.of();
        for (CoapEndpoint listener : running) {
            listener.close();
        }
        if (legs != null) {
            legs.close();
            legs = null;
        }
        if (loop != null) {
            loop.close();
            loop = null;
        }
        if (resolver != null) {
            resolver.shutdownNow();
        }
    }

    /** Configures a proxy. */
    public static final class Builder {
        private final List<Object> listeners = new ArrayList<>();
        private final List<ReverseRoute> routes = new ArrayList<>();
        private InetSocketAddress originBind = new InetSocketAddress(0);
        private Connector originConnector;
        private Supplier<? extends Connector> originConnectors;
        private int originEndpoints = 16;
        private int originLap = OriginEndpoints.LAP;
        private boolean forwardProxying = true;
        private ProxyCacheConfig cache = ProxyCacheConfig.DEFAULT;
        private Duration timeout = Duration.ofSeconds(30);
        private EngineConfig config = EngineConfig.DEFAULT;
        private EngineConfig originConfig;
        private String name = "coap-proxy";
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /** A {@code coap://} listener for clients on {@code address}; without any listener: UDP port 5683. */
        public Builder bind(InetSocketAddress address) {
            listeners.add(Objects.requireNonNull(address, "bind address"));
            return this;
        }

        /** A listener for clients through {@code connector}, e.g. a DTLS server connector for {@code coaps://}. */
        public Builder connector(Connector connector) {
            listeners.add(Objects.requireNonNull(connector, "connector"));
            return this;
        }

        /** The local address of the {@code coap://} leg to origins (default: a free port on every address). */
        public Builder originBind(InetSocketAddress address) {
            this.originBind = Objects.requireNonNull(address, "originBind");
            return this;
        }

        /**
         * The connector of the {@code coaps://} leg to origins: a DTLS connector in the client role with the
         * credentials the origins accept; without it (or {@link #originConnectors}) {@code coaps://} targets get
         * 5.05. One connector is one endpoint: a busy origin waits for message IDs beyond about 265 requests a
         * second (see {@link #originEndpoints}); {@link #originConnectors} lifts that.
         */
        public Builder originConnector(Connector connector) {
            this.originConnector = Objects.requireNonNull(connector, "originConnector");
            this.originConnectors = null;
            return this;
        }

        /**
         * Makes the connectors of the {@code coaps://} leg to origins, one per endpoint (see
         * {@link #originEndpoints}): DTLS connectors in the client role, each on its own free port, with the
         * credentials the origins accept.
         */
        public Builder originConnectors(Supplier<? extends Connector> factory) {
            this.originConnectors = Objects.requireNonNull(factory, "originConnectors");
            this.originConnector = null;
            return this;
        }

        /**
         * The most endpoints (source ports, and on coaps:// DTLS sessions) each origin leg uses towards one origin
         * (default 16). An endpoint may use a message ID towards a peer only once per EXCHANGE_LIFETIME
         * (RFC 7252 section 4.4), 65,536 messages per 247 s with the default parameters; an origin busier
         * than that moves on to the next endpoint, started when first needed. Light origins use only the first.
         */
        public Builder originEndpoints(int max) {
            if (max < 1 || max > 1024) {
                throw new IllegalArgumentException("originEndpoints must be between 1 and 1024, was " + max);
            }
            this.originEndpoints = max;
            return this;
        }

        /** Maps requests under {@code localPath} ("/a/b") to {@code originUri}; the first matching route wins. */
        public Builder reverse(String localPath, String originUri) {
            return reverse(ReverseRoute.of(localPath, originUri));
        }

        public Builder reverse(ReverseRoute route) {
            routes.add(Objects.requireNonNull(route, "route"));
            return this;
        }

        /** Whether Proxy-Uri and Proxy-Scheme requests are served (default true); false: 5.05. */
        public Builder forwardProxying(boolean value) {
            this.forwardProxying = value;
            return this;
        }

        /** The cache's bounds (default {@link ProxyCacheConfig#DEFAULT}). */
        public Builder cache(ProxyCacheConfig value) {
            this.cache = Objects.requireNonNull(value, "cache");
            return this;
        }

        /** No cache: every request goes to its origin. */
        public Builder withoutCache() {
            this.cache = null;
            return this;
        }

        /** How long to wait for an origin's response, session setup included (default 30 s); then 5.04. */
        public Builder timeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + value);
            }
            this.timeout = value;
            return this;
        }

        /** The message layer of every endpoint; its recognized options are replaced by the proxy's. */
        public Builder config(EngineConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * The message layer of the origin legs only (default: {@link #config}). All clients' requests to one
         * origin share one peer there, so NSTART (RFC 7252 section 4.7, default 1) bounds how many are in
         * flight to it at once; a proxy in front of a busy origin may raise it here.
         */
        public Builder originConfig(EngineConfig value) {
            this.originConfig = Objects.requireNonNull(value, "originConfig");
            return this;
        }

        /** Prefix of the endpoints' thread names. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Requests to one origin per lap of an origin endpoint (tests: a lap of 65,536 IDs is long). */
        Builder originLap(int requests) {
            this.originLap = requests;
            return this;
        }

        /** The monotonic clock of the cache's freshness and of the origin endpoints' laps, for tests in virtual time. */
        Builder nanoClock(LongSupplier value) {
            this.nanoClock = Objects.requireNonNull(value, "nanoClock");
            return this;
        }

        public CoapProxy build() {
            return new CoapProxy(this);
        }
    }
}
