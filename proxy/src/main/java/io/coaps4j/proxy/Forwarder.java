package io.coaps4j.proxy;

import io.coaps4j.coap.endpoint.ExchangeFailedException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.exchange.MessageTooLargeException;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.uri.CoapUri;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * Forwards one request to its origin through the cache (RFC 7252 sections 5.6 and 5.7.1): a fresh stored
 * response answers a GET or FETCH without the origin; a stale one is validated with its ETag (a 2.03
 * refreshes it); what the origin answers is stored when cacheable; a successful unsafe method drops the
 * stored responses of its target. Failures of the origin leg become 5.02 or 5.04.
 */
final class Forwarder {
    private final OriginLegs legs;
    /** Null: no cache. */
    private final ResponseCache cache;
    private final Duration timeout;
    private final LongSupplier nanoClock;

    Forwarder(OriginLegs legs, ResponseCache cache, Duration timeout, LongSupplier nanoClock) {
        this.legs = legs;
        this.cache = cache;
        this.timeout = timeout;
        this.nanoClock = nanoClock;
    }

    /** The response for the client of {@code request}, sent to {@code target} with Hop-Limit {@code hopLimit}. */
    CompletableFuture<CoapResponse> forward(Message request, CoapUri target, ReverseRoute route, int hopLimit) {
        if (cache == null || !CacheKey.cacheableMethod(request.code())) {
            return send(request, target, route, hopLimit).thenApply(answer -> {
                if (cache != null && answer.fromOrigin() && answer.response().isSuccess()) {
                    cache.invalidate(target.toString());
                }
                return answer.response();
            });
        }
        CacheKey key = CacheKey.of(request, target);
        List<byte[]> clientTags = etags(request);
        ResponseCache.Entry stored = cache.get(key);
        long now = nanoClock.getAsLong();
        if (stored != null && stored.freshAt(now)) {
            byte[] tag = stored.etag().orElse(null);
            if (tag != null && contains(clientTags, tag)) {
                // The client's own copy is current (section 5.10.6.2).
                return CompletableFuture.completedFuture(CoapResponse.builder(Code.VALID).etag(tag)
                        .maxAge(stored.remainingSeconds(now)).build());
            }
            return CompletableFuture.completedFuture(stored.servedAt(now));
        }
        byte[] ours = stored == null ? null : stored.etag().orElse(null);
        Message outgoing = ours == null || contains(clientTags, ours) ? request : withEtag(request, ours);
        return send(outgoing, target, route, hopLimit).thenApply(answer -> {
            CoapResponse response = answer.response();
            if (!answer.fromOrigin()) {
                return response; // the proxy's own 5.02 or 5.04 is not the origin's to store
            }
            long received = nanoClock.getAsLong();
            if (response.code().equals(Code.VALID)) {
                byte[] validated = response.option(OptionNumber.ETAG).map(Option::value).orElse(null);
                if (ours != null && Arrays.equals(validated, ours)) {
                    ResponseCache.Entry refreshed = cache.refresh(key, response, received);
                    if (refreshed != null && !contains(clientTags, ours)) {
                        return refreshed.servedAt(received);
                    }
                }
                return response; // validates the client's copy
            }
            if (ResponseCache.cacheable(response)) {
                cache.put(key, response, received);
            } else if (stored != null) {
                cache.remove(key); // section 5.6.2: the stored response is no longer suitable
            }
            return response;
        });
    }

    /** Relays an observation of {@code target} (RFC 7641 section 5), past the cache. */
    void observe(io.coaps4j.coap.exchange.ServerExchange exchange, io.coaps4j.coap.endpoint.Responder responder,
                 CoapUri target, ReverseRoute route, int hopLimit) {
        ObserveRelay.start(legs, exchange, responder, target, route, hopLimit, timeout);
    }

    /** A response for the client, and whether it is the origin's (else the proxy made it). */
    private record Answer(CoapResponse response, boolean fromOrigin) {
    }

    /** Sends to the origin and translates its answer, or the leg's failure, for the client. */
    private CompletableFuture<Answer> send(Message request, CoapUri target, ReverseRoute route, int hopLimit) {
        CompletableFuture<Message> sent;
        try {
            sent = legs.send(target, destination -> Translation.toOrigin(request, target, destination, hopLimit),
                    timeout);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, failure) -> {
            if (failure != null) {
                return new Answer(failed(failure, target), false);
            }
            OptionalInt unsafe = Translation.unrecognizedUnsafe(response);
            if (unsafe.isPresent()) {
                return new Answer(Translation.badGateway("the origin's response carries Unsafe option "
                        + unsafe.getAsInt() + ", which this proxy does not recognize"), false);
            }
            return new Answer(Translation.toClient(response, route), true);
        });
    }

    /** Section 5.7.1: a timeout is 5.04, an origin that cannot be reached or understood 5.02. */
    static CoapResponse failed(Throwable failure, CoapUri target) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ExchangeFailedException exchange && exchange.failure() == ExchangeFailure.TIMEOUT) {
            return CoapResponse.builder(Code.GATEWAY_TIMEOUT).payload("no response from " + target.host()).build();
        }
        if (cause instanceof MessageTooLargeException) {
            return CoapResponse.builder(Code.REQUEST_ENTITY_TOO_LARGE).payload("too large for the origin's leg")
                    .build();
        }
        if (cause instanceof UnknownHostException) {
            return Translation.badGateway("cannot resolve " + target.host());
        }
        String reason = cause instanceof ExchangeFailedException exchange ? exchange.failure().name().toLowerCase()
                : cause.getClass().getSimpleName();
        return Translation.badGateway("origin " + target.host() + " unreachable: " + reason);
    }

    private static List<byte[]> etags(Message request) {
        List<byte[]> tags = new ArrayList<>(1);
        for (Option option : request.options(OptionNumber.ETAG)) {
            tags.add(option.value());
        }
        return tags;
    }

    private static boolean contains(List<byte[]> tags, byte[] tag) {
        for (byte[] candidate : tags) {
            if (Arrays.equals(candidate, tag)) {
                return true;
            }
        }
        return false;
    }

    private static Message withEtag(Message request, byte[] etag) {
        return Message.builder().type(request.type()).code(request.code()).token(request.token())
                .options(request.options()).option(Option.of(OptionNumber.ETAG, etag)).payload(request.payload())
                .build();
    }
}
