package io.coaps4j.coap.client;

import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coap.endpoint.ExchangeFailedException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.exchange.MessageTooLargeException;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.uri.CoapUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A CoAP client: synchronous and asynchronous requests and pings to any number of peers.
 * <pre>{@code
 * try (CoapClient client = CoapClient.create()) {
 *     CoapResponse r = client.get("coap://[::1]:5683/hello");
 *     client.sendAsync(ClientRequest.post("coap://127.0.0.1/data").payload("x").nonConfirmable().build())
 *           .thenAccept(response -> ...);
 * }
 * }</pre>
 * It runs on its own endpoint (an ephemeral port), or on a shared one, e.g. a server's, so that a
 * node is client and server on the same port. Async results complete on the endpoint's event loop:
 * do not block in their callbacks. Host names are resolved in the calling thread.
 */
public final class CoapClient implements AutoCloseable {
    private final CoapEndpoint endpoint;
    private final boolean ownsEndpoint;
    private final Duration defaultTimeout;

    private CoapClient(CoapEndpoint endpoint, boolean ownsEndpoint, Duration defaultTimeout) {
        this.endpoint = endpoint;
        this.ownsEndpoint = ownsEndpoint;
        this.defaultTimeout = defaultTimeout;
    }

    /** A client on its own endpoint bound to any free port, with default settings. */
    public static CoapClient create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public CoapEndpoint endpoint() {
        return endpoint;
    }

    public CoapResponse get(String uri) {
        return send(ClientRequest.get(uri).build());
    }

    public CoapResponse post(String uri, byte[] payload, int contentFormat) {
        return send(ClientRequest.post(uri).payload(payload).contentFormat(contentFormat).build());
    }

    public CoapResponse put(String uri, byte[] payload, int contentFormat) {
        return send(ClientRequest.put(uri).payload(payload).contentFormat(contentFormat).build());
    }

    public CoapResponse delete(String uri) {
        return send(ClientRequest.delete(uri).build());
    }

    public CompletableFuture<CoapResponse> getAsync(String uri) {
        return sendAsync(ClientRequest.get(uri).build());
    }

    public CompletableFuture<CoapResponse> postAsync(String uri, byte[] payload, int contentFormat) {
        return sendAsync(ClientRequest.post(uri).payload(payload).contentFormat(contentFormat).build());
    }

    public CompletableFuture<CoapResponse> putAsync(String uri, byte[] payload, int contentFormat) {
        return sendAsync(ClientRequest.put(uri).payload(payload).contentFormat(contentFormat).build());
    }

    public CompletableFuture<CoapResponse> deleteAsync(String uri) {
        return sendAsync(ClientRequest.delete(uri).build());
    }

    /**
     * Sends and waits. Throws {@link CoapTimeoutException} when no response came in time,
     * {@link CoapConnectException} when no connection could be opened (e.g. a failed DTLS handshake),
     * {@link CoapMessageTooLargeException} when the request does not fit the transport, and
     * {@link CoapClientException} for any other failure. Not callable on the endpoint's event loop.
     */
    public CoapResponse send(ClientRequest request) {
        return await(sendAsync(request));
    }

    /** Sends; the future fails with the exceptions {@link #send} throws. */
    public CompletableFuture<CoapResponse> sendAsync(ClientRequest request) {
        Objects.requireNonNull(request, "request");
        CoapUri uri = request.uri();
        String text = uri.toString();
        Duration timeout = request.timeout().orElse(defaultTimeout);
        InetSocketAddress destination;
        try {
            destination = destination(uri);
        } catch (UnknownHostException e) {
            return CompletableFuture.failedFuture(new CoapClientException(text, null, "unknown host in " + text, e));
        }
        List<Option> options = new ArrayList<>(uri.toOptions(destination));
        options.addAll(request.options());
        Message message = Message.of(request.confirmable() ? MessageType.CON : MessageType.NON, request.method(), 0,
                Token.EMPTY, options, request.payloadUnsafe());
        CompletableFuture<CoapResponse> result = new CompletableFuture<>();
        CompletableFuture<Message> exchange = endpoint.request(uri.scheme().text(), uri.hostName(), destination, message, timeout);
        exchange.whenComplete((response, failure) -> {
            if (failure == null) {
                result.complete(CoapResponse.of(response));
            } else {
                result.completeExceptionally(translate(failure, text, timeout));
            }
        });
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                exchange.cancel(false);
            }
        });
        return result;
    }

    /**
     * Observes {@code uri} (RFC 7641): a GET with Observe 0; {@code listener} hears the response and
     * every fresher notification until the returned handle is cancelled or the server ends it.
     * Older notifications are dropped (section 3.4), silence past Max-Age re-registers (section
     * 3.3.1), and a lost session registers again over a new one.
     */
    public Observing observe(String uri, ObserveListener listener) {
        return observe(ClientRequest.get(uri).build(), listener);
    }

    /**
     * {@link #observe(String, ObserveListener)} with the options of {@code request}, a GET (e.g. Accept) or a
     * FETCH with its body (RFC 8132 section 2.4: each notification answers that FETCH again).
     */
    public Observing observe(ClientRequest request, ObserveListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        if (request.method() != Code.GET && request.method() != Code.FETCH) {
            throw new IllegalArgumentException("only a GET or FETCH observes (RFC 7641, RFC 8132 section 2.4), not "
                    + request.method());
        }
        CoapUri uri = request.uri();
        InetSocketAddress destination;
        try {
            destination = destination(uri);
        } catch (UnknownHostException e) {
            throw new CoapClientException(uri.toString(), null, "unknown host in " + uri, e);
        }
        List<Option> options = new ArrayList<>(uri.toOptions(destination));
        options.addAll(request.options());
        Message message = Message.of(request.confirmable() ? MessageType.CON : MessageType.NON, request.method(), 0,
                Token.EMPTY, options, request.payloadUnsafe());
        Observing observing = new Observing(endpoint, uri.scheme().text(), uri.hostName(), destination, message,
                request.timeout().orElse(defaultTimeout), listener);
        observing.start();
        return observing;
    }

    /** Sends a CoAP ping to the host and port of {@code uri} and waits for the round-trip time. */
    public Duration ping(String uri) {
        return await(pingAsync(uri));
    }

    public CompletableFuture<Duration> pingAsync(String uri) {
        CoapUri target = CoapUri.parse(uri);
        String text = target.toString();
        try {
            return endpoint.ping(target.scheme().text(), target.hostName(), destination(target), defaultTimeout)
                    .handle((rtt, failure) -> {
                        if (failure != null) {
                            throw new CompletionException(translate(failure, text, defaultTimeout));
                        }
                        return rtt;
                    });
        } catch (UnknownHostException e) {
            return CompletableFuture.failedFuture(new CoapClientException(text, null, "unknown host in " + text, e));
        }
    }

    private static InetSocketAddress destination(CoapUri uri) throws UnknownHostException {
        InetAddress address = uri.ipLiteral().isPresent() ? uri.ipLiteral().get() : InetAddress.getByName(uri.hostName());
        return new InetSocketAddress(address, uri.port());
    }

    private static RuntimeException translate(Throwable failure, String uri, Duration timeout) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ExchangeFailedException) {
            ExchangeFailure reason = ((ExchangeFailedException) cause).failure();
            if (reason == ExchangeFailure.TIMEOUT) {
                return new CoapTimeoutException(uri, timeout);
            }
            if (reason == ExchangeFailure.CONNECTION_FAILED) {
                return new CoapConnectException(uri, cause.getCause() != null ? cause.getCause() : cause);
            }
            return new CoapClientException(uri, reason, uri + ": " + cause.getMessage(), cause);
        }
        if (cause instanceof CoapClientException) {
            return (CoapClientException) cause;
        }
        if (cause instanceof MessageTooLargeException) {
            return new CoapMessageTooLargeException(uri, (MessageTooLargeException) cause);
        }
        return new CoapClientException(uri, null, uri + ": " + cause.getMessage(), cause);
    }

    private <T> T await(CompletableFuture<T> future) {
        if (endpoint.loop().inEventLoop()) {
            throw new IllegalStateException("a blocking CoAP call on the endpoint's event loop would deadlock; use the async API");
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new CoapClientException(null, ExchangeFailure.CANCELLED, "interrupted while waiting for a response", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new CoapClientException(null, null, String.valueOf(cause), cause);
        }
    }

    /** Closes the client's own endpoint (a shared endpoint stays open). */
    @Override
    public void close() {
        if (ownsEndpoint) {
            endpoint.close();
        }
    }

    public static final class Builder {
        private CoapEndpoint endpoint;
        private InetSocketAddress bindAddress;
        private Connector connector;
        private EngineConfig config;
        private Duration timeout;
        private BlockwiseConfig blockwise = BlockwiseConfig.DEFAULT;
        private boolean blockwiseSet;

        private Builder() {
        }

        /**
         * Block-wise transfer of the client's own endpoint (RFC 7959; default {@link BlockwiseConfig#DEFAULT}):
         * bodies of any size up to its {@code maxBodySize} in both directions, in blocks of its {@code blockSize}.
         */
        public Builder blockwise(BlockwiseConfig value) {
            this.blockwise = Objects.requireNonNull(value, "blockwise");
            this.blockwiseSet = true;
            return this;
        }

        /** An own endpoint without block-wise transfer: a body too large for one message is refused. */
        public Builder withoutBlockwise() {
            this.blockwise = null;
            this.blockwiseSet = true;
            return this;
        }

        /** Send through an existing endpoint (e.g. a server's); it is not closed with the client. */
        public Builder endpoint(CoapEndpoint value) {
            this.endpoint = Objects.requireNonNull(value, "endpoint");
            return this;
        }

        /** Own endpoint on this local address (default: any free port). */
        public Builder bind(InetSocketAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "bind address");
            return this;
        }

        /** Own endpoint through this connector (e.g. DTLS). */
        public Builder connector(Connector value) {
            this.connector = Objects.requireNonNull(value, "connector");
            return this;
        }

        /** Configuration of the client's own endpoint. */
        public Builder config(EngineConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Default per-request timeout (default: MAX_TRANSMIT_WAIT of the transmission parameters). */
        public Builder timeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + value);
            }
            this.timeout = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException when options conflict: a shared endpoint with settings of an
         *     own endpoint (bind address, connector, config), or a bind address with a connector
         */
        public CoapClient build() {
            if (endpoint != null && (bindAddress != null || connector != null || config != null || blockwiseSet)) {
                throw new IllegalArgumentException("a shared endpoint was given together with settings for an own"
                        + " endpoint (bind, connector, config or blockwise); they would be ignored");
            }
            if (bindAddress != null && connector != null) {
                throw new IllegalArgumentException("bind address and connector both given: a connector binds its own"
                        + " sockets");
            }
            EngineConfig effectiveConfig = config != null ? config : EngineConfig.DEFAULT;
            Duration effectiveTimeout = timeout != null ? timeout : effectiveConfig.transmission().maxTransmitWait();
            if (endpoint != null) {
                return new CoapClient(endpoint, false, effectiveTimeout);
            }
            CoapEndpoint.Builder builder = CoapEndpoint.builder().config(effectiveConfig).name("coap-client");
            if (blockwise != null) {
                builder.blockwise(blockwise);
            } else {
                builder.withoutBlockwise();
            }
            if (connector != null) {
                builder.connector(connector);
            } else {
                builder.bind(bindAddress != null ? bindAddress : new InetSocketAddress(0));
            }
            try {
                return new CoapClient(builder.start(), true, effectiveTimeout);
            } catch (IOException e) {
                throw new UncheckedIOException("could not open the client endpoint", e);
            }
        }
    }
}
