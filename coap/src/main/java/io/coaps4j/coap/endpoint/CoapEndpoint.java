package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.exchange.ClientObservation;
import io.coaps4j.coap.exchange.CoapEngine;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.exchange.MessageLayer;
import io.coaps4j.coap.exchange.MessageTooLargeException;
import io.coaps4j.coap.exchange.NotificationListener;
import io.coaps4j.coap.exchange.Observation;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.transport.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CoAP node: one {@link CoapEngine} driven by one {@link EventLoop} and one {@link Connector}.
 * It serves requests through its {@link InboundRequestHandler} and sends requests of its own, so a
 * node can be server and client at once. All engine calls happen on the loop thread; the public
 * methods here are thread-safe and hop onto the loop.
 */
public final class CoapEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoapEndpoint.class);
    private static final InboundRequestHandler NOT_FOUND =
            (exchange, responder) -> responder.respond(exchange, CoapResponse.of(Code.NOT_FOUND));

    private final EventLoop loop;
    private final boolean ownsLoop;
    private final Connector connector;
    private final CoapEngine engine;
    private final EngineConfig config;
    private final boolean layered;
    private final boolean blockwise;
    private final EndpointBridge bridge;
    private final RequestSender sender;
    /** One notifier for every observer of this endpoint: a registration allocates none (issue 10, heap per observer). */
    private final ObservationSink.Notifier notifier = this::notifyObserver;
    private volatile boolean closed;
    /** Messages sent and received by type, on the loop. */
    private final TypeCounts counts = new TypeCounts();

    private CoapEndpoint(Builder builder, EventLoop loop, boolean ownsLoop) {
        this.loop = loop;
        this.ownsLoop = ownsLoop;
        this.connector = builder.connector != null ? builder.connector : new UdpConnector(builder.bindAddress);
        InboundRequestHandler handler = builder.handler != null ? builder.handler : NOT_FOUND;
        RandomGenerator random = builder.random != null ? builder.random : new SecureRandom();
        EngineAssembly assembly = EngineAssembly.of(builder.config, connector, builder.layers, builder.blockwise);
        this.config = assembly.config();
        this.layered = !assembly.layers().isEmpty();
        this.blockwise = builder.blockwise != null;
        this.bridge = new EndpointBridge(this, loop, connector, handler, counts,
                new RateLimitedLog(LOG, 10_000_000_000L));
        this.engine = new CoapEngine(config, bridge, random, assembly.layers());
        this.sender = new RequestSender(loop, connector, engine, () -> closed);
    }

    /** The engine this endpoint drives; for its {@link EndpointBridge}, on the loop. */
    CoapEngine engine() {
        return engine;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The connector's local address. */
    public InetSocketAddress localAddress() {
        return connector.localAddress();
    }

    public EventLoop loop() {
        return loop;
    }

    public Connector connector() {
        return connector;
    }

    /** True when this endpoint's connector serves {@code scheme}. */
    public boolean supports(String scheme) {
        return connector.supports(scheme.toLowerCase(Locale.ROOT));
    }

    /**
     * Sends {@code request} (its type, code, options and payload; MID and token are assigned) to the
     * {@code scheme} peer at {@code destination}. The future completes on the loop thread with the
     * response message, or fails with {@link ExchangeFailedException} (CONNECTION_FAILED with the
     * connector's exception as cause when no session could be opened) or, before anything is sent
     * or any session opened, {@link MessageTooLargeException}; the timeout includes any wait for a
     * secure session. Cancelling the future cancels the exchange.
     */
    public CompletableFuture<Message> request(String scheme, InetSocketAddress destination, Message request,
                                              Duration timeout) {
        return request(scheme, RequestSender.literalHost(destination), destination, request, timeout);
    }

    /**
     * {@link #request(String, InetSocketAddress, Message, Duration)} to a URI whose host is {@code host}
     * (a DNS name or an address literal, without IPv6 brackets), which a secure connector may use as the
     * TLS server name.
     */
    public CompletableFuture<Message> request(String scheme, String host, InetSocketAddress destination,
                                              Message request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        try {
            if (!layered) {
                config.requireFits(request);
            } else if (blockwise) {
                // A body goes in blocks, but the options travel with each: they alone must leave room for one.
                config.requireFits(Message.of(request.type(), request.code(), 0, request.token(), request.options(),
                        new byte[0]));
            }
        } catch (MessageTooLargeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sender.exchange(scheme, host, destination, timeout, (peer, listener) -> engine.request(peer, request,
                sender.remainingOf(listener), listener, loop.nanoTime()));
    }

    /**
     * Observes a resource (RFC 7641, {@link CoapEngine#observe}) of the {@code scheme} peer at
     * {@code destination}: {@code request} is the GET; the connector opens a session first if it
     * needs one. {@code started} hears the handle on the loop; {@code listener} hears the
     * notifications and the end on the loop (CONNECTION_FAILED when no session could be opened,
     * CLOSED when the endpoint is). Cancel with {@link #cancelObservation}.
     */
    public void observe(String scheme, String host, InetSocketAddress destination, Message request,
                        Duration firstResponseTimeout, NotificationListener listener,
                        Consumer<ClientObservation> started) {
        sender.observe(scheme, host, destination, request, firstResponseTimeout, listener, started);
    }

    /** Ends an observation ({@link CoapEngine#cancelObservation}); callable from any thread. */
    public void cancelObservation(ClientObservation observation, boolean proactive) {
        Objects.requireNonNull(observation, "observation");
        onLoop(() -> engine.cancelObservation(observation, proactive, loop.nanoTime()), () -> { });
    }

    /** A CoAP ping (section 4.3); completes with the round-trip time when the peer answers. */
    public CompletableFuture<Duration> ping(String scheme, InetSocketAddress destination, Duration timeout) {
        return ping(scheme, RequestSender.literalHost(destination), destination, timeout);
    }

    /** {@link #ping(String, InetSocketAddress, Duration)} to a URI whose host is {@code host}. */
    public CompletableFuture<Duration> ping(String scheme, String host, InetSocketAddress destination,
                                            Duration timeout) {
        long start = System.nanoTime();
        return sender.exchange(scheme, host, destination, timeout, (peer, listener) -> engine.ping(peer,
                sender.remainingOf(listener), listener, loop.nanoTime()))
                .thenApply(rst -> Duration.ofNanos(System.nanoTime() - start));
    }

    /** Answers {@code exchange}; callable from any thread. */
    public void respond(ServerExchange exchange, CoapResponse response) {
        respond(exchange, response, false);
    }

    /**
     * Answers {@code exchange} and keeps it open for more responses ({@link CoapEngine#respondAndKeepOpen});
     * callable from any thread. A final {@link #respond} closes it.
     */
    public void respondAndKeepOpen(ServerExchange exchange, CoapResponse response) {
        respond(exchange, response, true);
    }

    private void respond(ServerExchange exchange, CoapResponse response, boolean keepOpen) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(response, "response");
        if (!loop.inEventLoop()) {
            onLoop(() -> respond(exchange, response, keepOpen), () -> { });
        } else if (keepOpen) {
            engine.respondAndKeepOpen(exchange, response, loop.nanoTime());
        } else {
            engine.respond(exchange, response, loop.nanoTime()); // the hot path: no allocation
        }
    }

    /**
     * Answers {@code exchange}, a GET, and registers its client as an RFC 7641 observer
     * ({@link CoapEngine#observe}); callable from any thread. {@code sink} hears the registration
     * and the end on this endpoint's loop.
     */
    public void respondObserved(ServerExchange exchange, CoapResponse first, MessageType notificationType,
                                ObservationSink sink) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(sink, "sink");
        if (!loop.inEventLoop()) {
            onLoop(() -> respondObserved(exchange, first, notificationType, sink), () -> { });
            return;
        }
        Observation observation = engine.observe(exchange, first, notificationType, sink, loop.nanoTime());
        if (observation != null) {
            sink.registered(observation, notifier);
        }
    }

    /** Sends {@code state} to an observer of this endpoint ({@link CoapEngine#notifyObserver}); callable from any thread. */
    public void notifyObserver(Observation observation, CoapResponse state) {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(state, "state");
        if (!loop.inEventLoop()) {
            onLoop(() -> notifyObserver(observation, state), () -> { });
        } else {
            engine.notifyObserver(observation, state, loop.nanoTime());
        }
    }

    private void onLoop(Runnable action, Runnable ifClosed) {
        RequestSender.onLoop(loop, action, ifClosed);
    }

    /** Fails pending requests, closes the connector (its port is free on return) and, if it owns it, the loop. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Runnable shutdown = () -> {
            loop.removeDeadlineHandler(bridge);
            engine.shutdown(loop.nanoTime());
        };
        if (loop.inEventLoop()) {
            shutdown.run();
        } else {
            CompletableFuture<Void> done = new CompletableFuture<>();
            onLoop(() -> {
                shutdown.run();
                done.complete(null);
            }, () -> done.complete(null));
            done.join();
        }
        connector.close();
        if (ownsLoop) {
            loop.close();
        }
    }

    private void start() throws IOException {
        loop.addDeadlineHandler(bridge);
        connector.start(loop, bridge);
    }

    /** A snapshot of this endpoint's CoAP figures, taken on its loop (any thread; blocks until the loop answers). */
    public EndpointStatistics statistics() {
        if (loop.inEventLoop()) {
            return takeStatistics();
        }
        CompletableFuture<EndpointStatistics> result = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    result.complete(takeStatistics());
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            return takeStatistics(); // the loop has stopped: nothing changes the figures any more
        }
        return result.join();
    }

    private EndpointStatistics takeStatistics() {
        return new EndpointStatistics(counts.sent(), counts.received(),
                engine.peerCount(), engine.pendingRequests(), engine.pendingTransmissions(),
                engine.deduplicationEntries(), engine.deduplicationEvictions(), engine.observers());
    }

    /** Configures an endpoint; {@link #start()} validates and binds it. */
    public static final class Builder {
        private InetSocketAddress bindAddress = new InetSocketAddress(0);
        private Connector connector;
        private EngineConfig config = EngineConfig.DEFAULT;
        private InboundRequestHandler handler;
        private RandomGenerator random;
        private EventLoop loop;
        private String name = "coap-endpoint";
        private List<MessageLayer> layers = List.of();
        private BlockwiseConfig blockwise = BlockwiseConfig.DEFAULT;
        private boolean bindSet;

        private Builder() {
        }

        /** Plain UDP on this address (default: any free port on the wildcard address). */
        public Builder bind(InetSocketAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "bind address");
            this.bindSet = true;
            return this;
        }

        /** Another connector (e.g. DTLS) instead of plain UDP; it binds its own sockets, so not with {@link #bind}. */
        public Builder connector(Connector value) {
            this.connector = Objects.requireNonNull(value, "connector");
            return this;
        }

        public Builder config(EngineConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Serves inbound requests; without one every request gets 4.04. */
        public Builder requestHandler(InboundRequestHandler value) {
            this.handler = Objects.requireNonNull(value, "requestHandler");
            return this;
        }

        /** Source of tokens, message IDs and retransmission jitter (default: a SecureRandom). */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** Run on an existing loop (shared with other endpoints) instead of a new one; it is not closed with this endpoint. */
        public Builder eventLoop(EventLoop value) {
            this.loop = Objects.requireNonNull(value, "eventLoop");
            return this;
        }

        /**
         * The per-message layers between the engine's exchange and message layers (see
         * {@link MessageLayer}), the first nearest the application; default none.
         */
        public Builder layers(List<MessageLayer> value) {
            this.layers = List.copyOf(Objects.requireNonNull(value, "layers"));
            return this;
        }

        /**
         * Block-wise transfer (RFC 7959) below the other layers, on by default with
         * {@link BlockwiseConfig#DEFAULT}: bodies of any size up to its {@code maxBodySize}, no message
         * larger than its {@code maxMessageSize} (lowered to the connector's limit).
         */
        public Builder blockwise(BlockwiseConfig value) {
            this.blockwise = Objects.requireNonNull(value, "blockwise");
            return this;
        }

        /** No block-wise layer: a message too large for the connector is refused (request) or becomes a 5.00 (response). */
        public Builder withoutBlockwise() {
            this.blockwise = null;
            return this;
        }

        /** Name of the loop thread this endpoint creates. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Creates the endpoint and binds its connector. */
        public CoapEndpoint start() throws IOException {
            if (bindSet && connector != null) {
                throw new IllegalArgumentException("bind address and connector both given: a connector binds its own"
                        + " sockets; configure its address on the connector");
            }
            boolean ownsLoop = loop == null;
            EventLoop eventLoop = ownsLoop ? EventLoop.start(name) : loop;
            CoapEndpoint endpoint = new CoapEndpoint(this, eventLoop, ownsLoop);
            try {
                endpoint.start();
            } catch (IOException | RuntimeException e) {
                endpoint.close();
                throw e;
            }
            return endpoint;
        }
    }
}
