package io.coaps4j.proxy;

import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.exchange.ClientObservation;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.exchange.NotificationListener;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.uri.CoapScheme;
import io.coaps4j.coap.uri.CoapUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The proxy's client side: one endpoint per scheme towards origins, each with its own connector, so the
 * coaps leg is a DTLS client whose sessions (one per origin) stay up between requests, independent of the
 * sessions of the proxy's own clients. Host names are resolved off the event loops.
 */
final class OriginLegs implements AutoCloseable {
    /** Null when the proxy has no leg for that scheme. */
    private final CoapEndpoint coap;
    private final CoapEndpoint coaps;
    private final Executor resolver;

    OriginLegs(CoapEndpoint coap, CoapEndpoint coaps, Executor resolver) {
        this.coap = coap;
        this.coaps = coaps;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    boolean supports(CoapScheme scheme) {
        return leg(scheme) != null;
    }

    private CoapEndpoint leg(CoapScheme scheme) {
        return scheme.secure() ? coaps : coap;
    }

    /**
     * Sends the request {@code build} makes for the resolved destination to the origin of {@code target};
     * completes with the origin's response or fails as {@link CoapEndpoint#request} does, or with an
     * {@link UnknownHostException}.
     */
    CompletableFuture<Message> send(CoapUri target, Function<InetSocketAddress, Message> build, Duration timeout) {
        CoapEndpoint leg = leg(target.scheme());
        if (leg == null) {
            throw new IllegalStateException("no " + target.scheme().text() + " leg");
        }
        CompletableFuture<InetSocketAddress> destination = target.ipLiteral().isPresent()
                ? CompletableFuture.completedFuture(new InetSocketAddress(target.ipLiteral().get(), target.port()))
                : CompletableFuture.supplyAsync(() -> resolve(target), resolver);
        return destination.thenCompose(address -> leg.request(target.scheme().text(), target.hostName(), address,
                build.apply(address), timeout));
    }

    /**
     * Observes the origin of {@code target} (RFC 7641) with the GET {@code build} makes: {@code started} hears
     * the origin leg's handle, {@code listener} the notifications and the end, as {@link CoapEndpoint#observe}.
     * Returns the endpoint to cancel the observation on.
     */
    CoapEndpoint observe(CoapUri target, Function<InetSocketAddress, Message> build, Duration timeout,
                         NotificationListener listener, Consumer<ClientObservation> started) {
        CoapEndpoint leg = leg(target.scheme());
        CompletableFuture<InetSocketAddress> destination = target.ipLiteral().isPresent()
                ? CompletableFuture.completedFuture(new InetSocketAddress(target.ipLiteral().get(), target.port()))
                : CompletableFuture.supplyAsync(() -> resolve(target), resolver);
        destination.whenComplete((address, failure) -> {
            if (failure != null) {
                listener.onEnded(ExchangeFailure.CONNECTION_FAILED);
            } else {
                leg.observe(target.scheme().text(), target.hostName(), address, build.apply(address), timeout,
                        listener, started);
            }
        });
        return leg;
    }

    private static InetSocketAddress resolve(CoapUri target) {
        try {
            return new InetSocketAddress(InetAddress.getByName(target.hostName()), target.port());
        } catch (UnknownHostException e) {
            throw new CompletionException(e);
        }
    }

    /** The local address of the leg for {@code scheme}. */
    InetSocketAddress localAddress(CoapScheme scheme) {
        CoapEndpoint leg = leg(scheme);
        if (leg == null) {
            throw new IllegalStateException("no " + scheme.text() + " leg");
        }
        return leg.localAddress();
    }

    @Override
    public void close() {
        try {
            if (coap != null) {
                coap.close();
            }
        } finally {
            if (coaps != null) {
                coaps.close();
            }
        }
    }
}
