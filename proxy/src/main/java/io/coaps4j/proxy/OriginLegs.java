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
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The proxy's client side: endpoints per scheme towards origins, each with its own connector, so the coaps leg
 * is a DTLS client whose sessions (one per origin and endpoint) stay up between requests, independent of the
 * sessions of the proxy's own clients. A busy origin's requests spread over several endpoints
 * ({@link OriginEndpoints}). Host names are resolved off the event loops.
 */
final class OriginLegs implements AutoCloseable {
    /** Null when the proxy has no leg for that scheme. */
    private final OriginEndpoints coap;
    private final OriginEndpoints coaps;
    private final Executor resolver;

    OriginLegs(OriginEndpoints coap, OriginEndpoints coaps, Executor resolver) {
        this.coap = coap;
        this.coaps = coaps;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    boolean supports(CoapScheme scheme) {
        return leg(scheme) != null;
    }

    private OriginEndpoints leg(CoapScheme scheme) {
        return scheme.secure() ? coaps : coap;
    }

    /**
     * Sends the request {@code build} makes for the resolved destination to the origin of {@code target};
     * completes with the origin's response or fails as {@link CoapEndpoint#request} does, or with an
     * {@link UnknownHostException}.
     */
    CompletableFuture<Message> send(CoapUri target, Function<InetSocketAddress, Message> build, Duration timeout) {
        OriginEndpoints leg = existingLeg(target.scheme());
        return destination(target).thenCompose(address -> leg.forOrigin(address).request(target.scheme().text(),
                target.hostName(), address, build.apply(address), timeout));
    }

    /**
     * Observes the origin of {@code target} (RFC 7641) with the GET {@code build} makes: {@code started} hears
     * the endpoint the observation runs on (to cancel it there) and its handle, {@code listener} the
     * notifications and the end, as {@link CoapEndpoint#observe}.
     */
    void observe(CoapUri target, Function<InetSocketAddress, Message> build, Duration timeout,
                 NotificationListener listener, BiConsumer<CoapEndpoint, ClientObservation> started) {
        OriginEndpoints leg = existingLeg(target.scheme());
        destination(target).whenComplete((address, failure) -> {
            if (failure != null) {
                listener.onEnded(ExchangeFailure.CONNECTION_FAILED);
                return;
            }
            CoapEndpoint endpoint;
            try {
                endpoint = leg.forOrigin(address);
            } catch (RuntimeException e) {
                listener.onEnded(ExchangeFailure.CONNECTION_FAILED);
                return;
            }
            endpoint.observe(target.scheme().text(), target.hostName(), address, build.apply(address), timeout,
                    listener, observation -> started.accept(endpoint, observation));
        });
    }

    private OriginEndpoints existingLeg(CoapScheme scheme) {
        OriginEndpoints leg = leg(scheme);
        if (leg == null) {
            throw new IllegalStateException("no " + scheme.text() + " leg");
        }
        return leg;
    }

    private CompletableFuture<InetSocketAddress> destination(CoapUri target) {
        return target.ipLiteral().isPresent()
                ? CompletableFuture.completedFuture(new InetSocketAddress(target.ipLiteral().get(), target.port()))
                : CompletableFuture.supplyAsync(() -> resolve(target), resolver);
    }

    private static InetSocketAddress resolve(CoapUri target) {
        try {
            return new InetSocketAddress(InetAddress.getByName(target.hostName()), target.port());
        } catch (UnknownHostException e) {
            throw new CompletionException(e);
        }
    }

    /** How many endpoints the leg for {@code scheme} runs now. */
    int endpoints(CoapScheme scheme) {
        return existingLeg(scheme).size();
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
