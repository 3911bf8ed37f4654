package io.coaps4j.bench.loadgen;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/** What one load run does: who to load, with how many clients, for how long. Immutable; see {@link #builder()}. */
public final class LoadSpec {
    /** The number of distinct 16-bit message IDs. */
    public static final int MAX_REQUESTS_PER_ENDPOINT = 1 << 16;

    private final InetSocketAddress server;
    private final String[] path;
    /** Null: requests go to {@link #path} of the server itself; else a GET with this Proxy-Uri. */
    private final String proxyUri;
    private final int clients;
    private final int generatorThreads;
    private final Duration warmup;
    private final Duration measure;
    private final Duration resendTimeout;
    private final ClientTransport.Factory transport;
    private final int requestsPerEndpoint;

    private LoadSpec(Builder b) {
        this.server = b.server;
        this.path = b.path.clone();
        this.proxyUri = b.proxyUri;
        this.clients = b.clients;
        this.generatorThreads = Math.min(b.generatorThreads, b.clients);
        this.warmup = b.warmup;
        this.measure = b.measure;
        this.resendTimeout = b.resendTimeout;
        this.transport = b.transport;
        this.requestsPerEndpoint = b.requestsPerEndpoint;
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetSocketAddress server() {
        return server;
    }

    /** The Proxy-Uri of every request when the server is a forward-proxy, or null. */
    public String proxyUri() {
        return proxyUri;
    }

    public String[] path() {
        return path.clone();
    }

    public int clients() {
        return clients;
    }

    /** Threads the clients are spread over; never more than there are clients. */
    public int generatorThreads() {
        return generatorThreads;
    }

    public Duration warmup() {
        return warmup;
    }

    public Duration measure() {
        return measure;
    }

    /** How long a client waits for a response before retransmitting the same request. */
    public Duration resendTimeout() {
        return resendTimeout;
    }

    public ClientTransport.Factory transport() {
        return transport;
    }

    /**
     * Requests a client sends from one endpoint before moving to a new source port. A message ID must not
     * be reused within EXCHANGE_LIFETIME (RFC 7252 section 4.4), so at most 65536, the default.
     */
    public int requestsPerEndpoint() {
        return requestsPerEndpoint;
    }

    /** Builds a {@link LoadSpec}; defaults: path "hello", 1 thread, 3 s warm-up, 10 s measured, 500 ms resend, plain UDP. */
    public static final class Builder {
        private InetSocketAddress server;
        private String[] path = {"hello"};
        private String proxyUri;
        private int clients = 1;
        private int generatorThreads = 1;
        private Duration warmup = Duration.ofSeconds(3);
        private Duration measure = Duration.ofSeconds(10);
        private Duration resendTimeout = Duration.ofMillis(500);
        private ClientTransport.Factory transport = PlainUdpTransport.factory();
        private int requestsPerEndpoint = MAX_REQUESTS_PER_ENDPOINT;

        private Builder() {
        }

        public Builder server(InetSocketAddress server) {
            this.server = server;
            return this;
        }

        /** Sends every request to the server as a forward-proxy, for {@code uri} (RFC 7252 section 5.7.2). */
        public Builder proxyUri(String uri) {
            this.proxyUri = java.util.Objects.requireNonNull(uri, "proxyUri");
            return this;
        }

        public Builder path(String... path) {
            this.path = path.clone();
            return this;
        }

        public Builder clients(int clients) {
            this.clients = clients;
            return this;
        }

        public Builder generatorThreads(int generatorThreads) {
            this.generatorThreads = generatorThreads;
            return this;
        }

        public Builder warmup(Duration warmup) {
            this.warmup = warmup;
            return this;
        }

        public Builder measure(Duration measure) {
            this.measure = measure;
            return this;
        }

        public Builder resendTimeout(Duration resendTimeout) {
            this.resendTimeout = resendTimeout;
            return this;
        }

        public Builder transport(ClientTransport.Factory transport) {
            this.transport = transport;
            return this;
        }

        public Builder requestsPerEndpoint(int requestsPerEndpoint) {
            this.requestsPerEndpoint = requestsPerEndpoint;
            return this;
        }

        public LoadSpec build() {
            if (server == null) {
                throw new IllegalArgumentException("server must be set");
            }
            if (server.isUnresolved()) {
                throw new IllegalArgumentException("server must be a resolved address, was " + server);
            }
            for (String segment : path) {
                Objects.requireNonNull(segment, "path segment");
            }
            if (clients < 1) {
                throw new IllegalArgumentException("clients must be at least 1, was " + clients);
            }
            if (generatorThreads < 1) {
                throw new IllegalArgumentException("generatorThreads must be at least 1, was " + generatorThreads);
            }
            requirePositiveOrZero("warmup", warmup);
            requirePositiveOrZero("measure", measure);
            if (measure.isZero()) {
                throw new IllegalArgumentException("measure must be longer than zero");
            }
            requirePositiveOrZero("resendTimeout", resendTimeout);
            if (resendTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("resendTimeout must be at least 1 ms, was " + resendTimeout);
            }
            Objects.requireNonNull(transport, "transport");
            if (requestsPerEndpoint < 1 || requestsPerEndpoint > MAX_REQUESTS_PER_ENDPOINT) {
                throw new IllegalArgumentException("requestsPerEndpoint must be 1.." + MAX_REQUESTS_PER_ENDPOINT
                        + ", was " + requestsPerEndpoint);
            }
            return new LoadSpec(this);
        }

        private static void requirePositiveOrZero(String field, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(field + " must be zero or more, was " + value);
            }
        }
    }
}
