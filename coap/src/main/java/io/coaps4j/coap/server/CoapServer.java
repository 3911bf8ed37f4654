package io.coaps4j.coap.server;

import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.exchange.MessageLayer;
import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coap.endpoint.UdpConnector;
import io.coaps4j.coap.exchange.EngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A CoAP server: one set of resources served on one or more endpoints, one per connector. A node in
 * the NoSec and PreSharedKey modes at once (RFC 7252 section 9) serves {@code coap://} and
 * {@code coaps://} side by side:
 * <pre>{@code
 * CoapServer server = CoapServer.builder()
 *         .bind(new InetSocketAddress(5683))                                          // coap://
 *         .connector(DtlsConnector.builder().bind(new InetSocketAddress(5684)).psk(keys).build()) // coaps://
 *         .resource(Resource.builder("hello").get(req -> CoapResponse.content("hi")).build())
 *         .build()
 *         .start();
 * }</pre>
 * Without {@link Builder#bind} or {@link Builder#connector} the server listens for {@code coap://} on
 * UDP port 5683 of every address. Each endpoint runs on its own event loop with its own message layer
 * (message IDs, deduplication and exchanges belong to one endpoint, RFC 7252 section 4); handlers tell
 * the schemes apart by {@code request.peer().secure()}. An {@link #endpoint(String)} can also send
 * requests (see {@code CoapClient.builder().endpoint(...)}).
 */
public final class CoapServer implements AutoCloseable {
    private static final InetSocketAddress DEFAULT_BIND = new InetSocketAddress(5683);

    private final List<Connector> connectors;
    private final Executor executor;
    private final EngineConfig config;
    /** Null: no block-wise layer. */
    private final BlockwiseConfig blockwise;
    private final List<MessageLayer> layers;
    private final String name;
    private final ResourceTree tree;
    private volatile List<CoapEndpoint> endpoints = List.of();
    private boolean started;

    private CoapServer(Builder settings, List<Connector> connectors) {
        this.connectors = connectors;
        this.executor = settings.executor;
        this.config = settings.config;
        this.blockwise = settings.blockwise;
        this.layers = settings.layers;
        this.name = settings.name;
        this.tree = new ResourceTree(settings.resources);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts one endpoint per connector, in the order they were given; the server answers requests
     * on all of them when this returns. When one cannot start (e.g. its port is taken), those already
     * started are closed and the exception names the connector.
     *
     * @throws EndpointStartException when a connector cannot bind
     */
    public synchronized CoapServer start() {
        if (started) {
            throw new IllegalStateException("server already started; a server starts once (build another"
                    + " from the builder to start again)");
        }
        started = true;
        ResourceDispatcher dispatcher = new ResourceDispatcher(tree, executor);
        List<CoapEndpoint> running = new ArrayList<>(connectors.size());
        for (int i = 0; i < connectors.size(); i++) {
            Connector connector = connectors.get(i);
            try {
                CoapEndpoint.Builder endpoint = CoapEndpoint.builder();
                if (blockwise != null) {
                    endpoint.blockwise(blockwise);
                } else {
                    endpoint.withoutBlockwise();
                }
                running.add(endpoint
                        .layers(layers)
                        .config(config)
                        .name(loopName(i, connector))
                        .requestHandler(dispatcher)
                        .connector(connector)
                        .start());
            } catch (IOException | RuntimeException e) {
                closeAll(running);
                closeAll(connectors.subList(i + 1, connectors.size()));
                IOException cause = e instanceof IOException io ? io
                        : e instanceof UncheckedIOException unchecked ? unchecked.getCause() : null;
                if (cause == null) {
                    throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                }
                throw new EndpointStartException("could not start the " + schemeOf(connector) + " connector "
                        + connector + " of " + name + ": " + cause.getMessage(), connector, cause);
            }
        }
        endpoints = List.copyOf(running);
        return this;
    }

    /** The first endpoint's thread keeps the server's name; the others add their scheme and position. */
    private String loopName(int index, Connector connector) {
        return index == 0 ? name : name + "-" + schemeOf(connector) + "-" + (index + 1);
    }

    /** The local address of the first connector given (see {@link #localAddresses()} for all of them). */
    public InetSocketAddress localAddress() {
        return started().get(0).localAddress();
    }

    /** The local address of every endpoint, in the order their connectors were given. */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (CoapEndpoint endpoint : started()) {
            addresses.add(endpoint.localAddress());
        }
        return List.copyOf(addresses);
    }

    /** The endpoint of the first connector given; share it with a client to make requests from the same port. */
    public CoapEndpoint endpoint() {
        return started().get(0);
    }

    /** The first endpoint serving {@code scheme} ({@code "coap"}, {@code "coaps"}), if any. */
    public Optional<CoapEndpoint> endpoint(String scheme) {
        Objects.requireNonNull(scheme, "scheme");
        return started().stream().filter(endpoint -> endpoint.supports(scheme)).findFirst();
    }

    /** Every endpoint, in the order their connectors were given; each endpoint's {@code connector()} is the one given. */
    public List<CoapEndpoint> endpoints() {
        return started();
    }

    public List<Resource> resources() {
        return tree.resources();
    }

    private List<CoapEndpoint> started() {
        List<CoapEndpoint> running = endpoints;
        if (running.isEmpty()) {
            throw new IllegalStateException("server not started");
        }
        return running;
    }

    /** Stops serving on every endpoint; the ports are free and the loop threads ended when this returns. */
    @Override
    public synchronized void close() {
        List<CoapEndpoint> running = endpoints;
        endpoints = List.of();
        closeAll(running);
    }

    private static void closeAll(List<? extends AutoCloseable> resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The scheme a connector serves, for messages and thread names. */
    static String schemeOf(Connector connector) {
        for (String scheme : List.of("coaps", "coap")) {
            if (connector.supports(scheme)) {
                return scheme;
            }
        }
        return connector.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Configures a server; {@link #build()} validates it. */
    public static final class Builder {
        /** Each a bind address (a {@code coap://} endpoint) or a connector, in the order given. */
        private final List<Object> endpoints = new ArrayList<>();
        private final List<Resource> resources = new ArrayList<>();
        private Executor executor;
        private EngineConfig config = EngineConfig.DEFAULT;
        private String name = "coap-server";
        private BlockwiseConfig blockwise = BlockwiseConfig.DEFAULT;
        private List<MessageLayer> layers = List.of();

        private Builder() {
        }

        /**
         * The per-message layers of every endpoint (e.g. end-to-end protection), above block-wise; see
         * {@code CoapEndpoint.Builder.layers}. Each endpoint uses the same layer objects.
         */
        public Builder layers(List<MessageLayer> value) {
            this.layers = List.copyOf(Objects.requireNonNull(value, "layers"));
            return this;
        }

        /**
         * Block-wise transfer on every endpoint (RFC 7959; default {@link BlockwiseConfig#DEFAULT}): resources
         * see whole request bodies up to its {@code maxBodySize} and return bodies of any size.
         */
        public Builder blockwise(BlockwiseConfig value) {
            this.blockwise = Objects.requireNonNull(value, "blockwise");
            return this;
        }

        /** No block-wise transfer: a response too large for the connector becomes a 5.00 saying so. */
        public Builder withoutBlockwise() {
            this.blockwise = null;
            return this;
        }

        /**
         * Adds an endpoint for {@code coap://} (plain UDP) on this address; may be given once per
         * address. Without any {@code bind} or {@link #connector}: port 5683 on the wildcard address.
         */
        public Builder bind(InetSocketAddress address) {
            endpoints.add(Objects.requireNonNull(address, "bind address"));
            return this;
        }

        /** Adds an endpoint served through {@code value} (e.g. a DTLS connector for {@code coaps://}); closed with the server. */
        public Builder connector(Connector value) {
            endpoints.add(Objects.requireNonNull(value, "connector"));
            return this;
        }

        public Builder resource(Resource resource) {
            resources.add(Objects.requireNonNull(resource, "resource"));
            return this;
        }

        /** Runs handlers on {@code value} instead of the event loops (for handlers that block); shared by all endpoints. */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** The message layer's configuration, the same for every endpoint. */
        public Builder config(EngineConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Name of the first endpoint's loop thread; the others' names start with it. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * Validates the configuration: no two resources at one path, no connector given twice, no
         * address bound twice. Two connectors that bind the same port (other than 0) are refused by
         * the operating system when the server starts, with a message naming the connector.
         */
        public CoapServer build() {
            return new CoapServer(this, endpointConnectors());
        }

        /** A new plain connector per bind address (a builder may build several servers), the given ones as they are. */
        private List<Connector> endpointConnectors() {
            if (endpoints.isEmpty()) {
                return List.of(new UdpConnector(DEFAULT_BIND));
            }
            Set<Connector> givenConnectors = Collections.newSetFromMap(new IdentityHashMap<>());
            List<InetSocketAddress> boundAddresses = new ArrayList<>();
            List<Connector> all = new ArrayList<>(endpoints.size());
            for (Object endpoint : endpoints) {
                if (endpoint instanceof InetSocketAddress address) {
                    if (address.getPort() != 0 && boundAddresses.contains(address)) {
                        throw new IllegalArgumentException("coap is bound twice to " + address
                                + "; give each bind(...) its own address or port");
                    }
                    boundAddresses.add(address);
                    all.add(new UdpConnector(address));
                } else {
                    Connector connector = (Connector) endpoint;
                    if (!givenConnectors.add(connector)) {
                        throw new IllegalArgumentException("connector " + connector + " is given twice; a connector"
                                + " serves one endpoint");
                    }
                    all.add(connector);
                }
            }
            return List.copyOf(all);
        }
    }
}
