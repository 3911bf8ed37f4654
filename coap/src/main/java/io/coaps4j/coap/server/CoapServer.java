package io.coaps4j.coap.server;

import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coap.exchange.EngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A CoAP server: resources served on one endpoint.
 * <pre>{@code
 * CoapServer server = CoapServer.builder()
 *         .bind(new InetSocketAddress(5683))
 *         .resource(Resource.builder("hello").get(req -> CoapResponse.content("hi")).build())
 *         .build()
 *         .start();
 * }</pre>
 * Its {@link #endpoint()} can also send requests (see {@code CoapClient.builder().endpoint(...)}).
 */
public final class CoapServer implements AutoCloseable {
    private final Builder settings;
    private final ResourceTree tree;
    private volatile CoapEndpoint endpoint;

    private CoapServer(Builder settings) {
        this.settings = settings;
        this.tree = new ResourceTree(settings.resources);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the endpoint; the server answers requests when this returns. */
    public synchronized CoapServer start() {
        if (endpoint != null) {
            throw new IllegalStateException("server already started on " + endpoint.localAddress());
        }
        CoapEndpoint.Builder builder = CoapEndpoint.builder()
                .config(settings.config)
                .name(settings.name)
                .requestHandler(new ResourceDispatcher(tree, settings.executor));
        if (settings.connector != null) {
            builder.connector(settings.connector);
        } else {
            builder.bind(settings.bindAddress);
        }
        try {
            endpoint = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind the CoAP server to "
                    + (settings.connector != null ? settings.connector : settings.bindAddress), e);
        }
        return this;
    }

    public InetSocketAddress localAddress() {
        return started().localAddress();
    }

    /** The endpoint serving the resources; share it with a client to make requests from the same port. */
    public CoapEndpoint endpoint() {
        return started();
    }

    public List<Resource> resources() {
        return tree.resources();
    }

    private CoapEndpoint started() {
        CoapEndpoint e = endpoint;
        if (e == null) {
            throw new IllegalStateException("server not started");
        }
        return e;
    }

    /** Stops serving; the port is free and the loop thread ended when this returns. */
    @Override
    public synchronized void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    public static final class Builder {
        private InetSocketAddress bindAddress = new InetSocketAddress(5683);
        private Connector connector;
        private final List<Resource> resources = new ArrayList<>();
        private Executor executor;
        private EngineConfig config = EngineConfig.DEFAULT;
        private String name = "coap-server";

        private Builder() {
        }

        /** Plain UDP on this address (default: port 5683 on the wildcard address). */
        public Builder bind(InetSocketAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "bind address");
            return this;
        }

        /** Serve through another connector (e.g. DTLS) instead of plain UDP. */
        public Builder connector(Connector value) {
            this.connector = Objects.requireNonNull(value, "connector");
            return this;
        }

        public Builder resource(Resource resource) {
            resources.add(Objects.requireNonNull(resource, "resource"));
            return this;
        }

        /** Runs handlers on {@code value} instead of the event loop (for handlers that block). */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        public Builder config(EngineConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Validates the resources (no two at one path). */
        public CoapServer build() {
            return new CoapServer(this);
        }
    }
}
