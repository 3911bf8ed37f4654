package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.exchange.ClientExchange;
import io.coaps4j.coap.exchange.ClientObservation;
import io.coaps4j.coap.exchange.CoapEngine;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.exchange.NotificationListener;
import io.coaps4j.coap.exchange.ResponseListener;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.transport.Cancellable;
import io.coaps4j.transport.EventLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the exchanges a {@link CoapEndpoint} sends (requests, pings, observations) from any thread: the
 * connector resolves the peer (a secure connector may first run a handshake), the wait for it counts against
 * the request's timeout, the exchange starts on the loop, and a future completes from the engine's callbacks;
 * cancelling the future cancels the exchange.
 */
final class RequestSender {
    /** The endpoint's logger: what is logged here is the endpoint's business. */
    private static final Logger LOG = LoggerFactory.getLogger(CoapEndpoint.class);

    private final EventLoop loop;
    private final Connector connector;
    private final CoapEngine engine;
    private final BooleanSupplier closed;

    /** What starts one exchange with the resolved peer, on the loop. */
    interface Starter {
        ClientExchange start(Peer peer, FutureListener listener);
    }

    RequestSender(EventLoop loop, Connector connector, CoapEngine engine, BooleanSupplier closed) {
        this.loop = loop;
        this.connector = connector;
        this.engine = engine;
        this.closed = closed;
    }

    /** Nanoseconds left before {@code listener}'s deadline. */
    long remainingOf(FutureListener listener) {
        return listener.deadline - loop.nanoTime();
    }

    /** The address literal of {@code destination}: a host that names no server (RFC 6066 section 3). */
    static String literalHost(InetSocketAddress destination) {
        Objects.requireNonNull(destination, "destination");
        return destination.isUnresolved() ? destination.getHostName() : destination.getAddress().getHostAddress();
    }

    CompletableFuture<Message> exchange(String scheme, String host, InetSocketAddress destination, Duration timeout,
                                        Starter starter) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(destination, "destination");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        FutureListener listener = new FutureListener(loop.nanoTime() + timeout.toNanos());
        if (closed.getAsBoolean()) {
            listener.onFailure(ExchangeFailure.CLOSED);
            return listener.future;
        }
        CompletionStage<Peer> resolved = connector.resolve(scheme.toLowerCase(Locale.ROOT), host, destination);
        if (!resolved.toCompletableFuture().isDone()) {
            // Waiting for a session (e.g. a DTLS handshake) must not outlast the request's timeout.
            Cancellable expiry = loop.schedule(listener.deadline, () -> {
                if (listener.exchange == null) {
                    listener.onFailure(ExchangeFailure.TIMEOUT);
                }
            });
            listener.future.whenComplete((r, e) -> expiry.cancel());
        }
        resolved.whenComplete((peer, error) -> {
            if (error != null) {
                listener.future.completeExceptionally(connectFailure(destination, error));
                return;
            }
            onLoop(loop, () -> start(peer, listener, starter), () -> listener.onFailure(ExchangeFailure.CLOSED));
        });
        listener.future.whenComplete((response, error) -> {
            if (error instanceof CancellationException) {
                onLoop(loop, () -> {
                    if (listener.exchange != null) {
                        engine.cancel(listener.exchange, loop.nanoTime());
                    }
                }, () -> { });
            }
        });
        return listener.future;
    }

    /**
     * Starts an RFC 7641 observation ({@link CoapEngine#observe}) once the connector has the peer: see
     * {@link CoapEndpoint#observe}. {@code started} hears the handle and {@code listener} the end on the loop.
     */
    void observe(String scheme, String host, InetSocketAddress destination, Message request,
                 Duration firstResponseTimeout, NotificationListener listener, Consumer<ClientObservation> started) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(started, "started");
        if (firstResponseTimeout == null || firstResponseTimeout.isNegative() || firstResponseTimeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + firstResponseTimeout);
        }
        if (closed.getAsBoolean()) {
            listener.onEnded(ExchangeFailure.CLOSED);
            return;
        }
        connector.resolve(scheme.toLowerCase(Locale.ROOT), Objects.requireNonNull(host, "host"),
                Objects.requireNonNull(destination, "destination")).whenComplete((peer, error) -> {
                    if (error != null) {
                        listener.onEnded(ExchangeFailure.CONNECTION_FAILED);
                        return;
                    }
                    onLoop(loop, () -> {
                        if (closed.getAsBoolean()) {
                            listener.onEnded(ExchangeFailure.CLOSED);
                            return;
                        }
                        ClientObservation observation;
                        try {
                            observation = engine.observe(peer, request, firstResponseTimeout.toNanos(), listener,
                                    loop.nanoTime());
                        } catch (RuntimeException e) {
                            LOG.debug("observe request refused: {}", e.getMessage());
                            listener.onEnded(ExchangeFailure.CONNECTION_FAILED);
                            return;
                        }
                        started.accept(observation);
                    }, () -> listener.onEnded(ExchangeFailure.CLOSED));
                });
    }

    /** On the loop, the peer resolved: the exchange starts unless the request ended meanwhile. */
    private void start(Peer peer, FutureListener listener, Starter starter) {
        if (listener.future.isDone()) {
            return;
        }
        if (closed.getAsBoolean()) {
            listener.onFailure(ExchangeFailure.CLOSED);
        } else if (remainingOf(listener) <= 0) {
            listener.onFailure(ExchangeFailure.TIMEOUT);
        } else {
            try {
                listener.exchange = starter.start(peer, listener);
            } catch (RuntimeException e) { // e.g. what the layers made of it does not fit
                listener.future.completeExceptionally(e);
            }
        }
    }

    /** Runs {@code action} on {@code loop}, or {@code ifClosed} when the loop no longer runs tasks. */
    static void onLoop(EventLoop loop, Runnable action, Runnable ifClosed) {
        if (loop.inEventLoop()) {
            action.run();
            return;
        }
        try {
            loop.execute(action);
        } catch (RejectedExecutionException e) {
            ifClosed.run();
        }
    }

    /**
     * Why no session could be opened: the connector's refusal of the destination (an unsupported
     * scheme, an unresolved address) as it is; anything else (a failed handshake) as CONNECTION_FAILED.
     */
    private static Throwable connectFailure(InetSocketAddress destination, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof IllegalArgumentException) {
            return cause;
        }
        return new ExchangeFailedException(ExchangeFailure.CONNECTION_FAILED,
                "could not connect to " + destination + ": " + cause.getMessage(), cause);
    }

    /** Completes a future from the engine's callbacks. */
    static final class FutureListener implements ResponseListener {
        final CompletableFuture<Message> future = new CompletableFuture<>();
        final long deadline;
        ClientExchange exchange;

        FutureListener(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public void onResponse(Message response) {
            future.complete(response);
        }

        @Override
        public void onFailure(ExchangeFailure failure) {
            future.completeExceptionally(new ExchangeFailedException(failure, describe(failure)));
        }

        private static String describe(ExchangeFailure failure) {
            switch (failure) {
                case TIMEOUT: return "no response before the timeout";
                case RESET: return "the peer rejected the request with a reset";
                case CANCELLED: return "cancelled";
                case PEER_LOST: return "the connection to the peer was lost";
                case CONNECTION_FAILED: return "could not connect to the peer";
                default: return "the endpoint is closed";
            }
        }
    }
}
