package io.coaps4j.proxy;

import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.OptionDefinition;
import io.coaps4j.coap.message.OptionFormat;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.OptionRegistry;

/**
 * How the proxy classifies options (RFC 7252 sections 5.4 and 5.7.1): what it recognizes, which options
 * belong to one hop and are never forwarded, and which make up the cache key (section 5.6).
 */
final class ProxyOptions {
    /**
     * Hop-Limit (RFC 8768): elective, Safe-to-Forward, a 1-byte uint; the loop guard. Every proxy on the
     * path decrements it and answers 5.08 when it would reach 0, so a loop through any mix of RFC 8768
     * proxies (Californium's proxy2 among them) ends after at most 255 hops instead of running forever.
     */
    static final int HOP_LIMIT = 16;
    /** The initial Hop-Limit when a request carries none (RFC 8768 section 3). */
    static final int DEFAULT_HOP_LIMIT = 16;

    /**
     * The registry of both legs: the standard options, Hop-Limit, and forwarding on (unknown
     * Safe-to-Forward options kept, such as OSCORE's 9 per RFC 8613 section 4.1 or an end-to-end
     * indicator in the experimental range; unknown Unsafe ones in requests refused with 4.02). Block1 and
     * Block2 are added by each endpoint's block-wise layer, as for any endpoint.
     */
    static final OptionRegistry REGISTRY = EngineConfig.DEFAULT_OPTIONS.toBuilder()
            .add(new OptionDefinition(HOP_LIMIT, "Hop-Limit", OptionFormat.UINT, 1, 1, false,
                    OptionDefinition.Usage.REQUEST))
            .forwarding(true)
            .build();

    private ProxyOptions() {
    }

    /**
     * Options of one hop that the proxy consumes and never copies to the next: the request URI (it is
     * rebuilt for the target, section 5.7.2), block-wise (each leg reassembles, RFC 7959 section 2.10),
     * Observe (each leg its own observation, see {@link ObserveRelay}) and Hop-Limit (rewritten, decremented).
     */
    static boolean hopByHop(int number) {
        return switch (number) {
            case OptionNumber.PROXY_URI, OptionNumber.PROXY_SCHEME, OptionNumber.URI_HOST, OptionNumber.URI_PORT,
                    OptionNumber.URI_PATH, OptionNumber.URI_QUERY, OptionNumber.BLOCK1, OptionNumber.BLOCK2,
                    OptionNumber.SIZE1, OptionNumber.SIZE2, OptionNumber.OBSERVE, OptionNumber.REQUEST_TAG,
                    HOP_LIMIT -> true;
            default -> false;
        };
    }

    /**
     * Whether a request option other than the URI's is part of the cache key (sections 5.4.2 and 5.6):
     * a recognized option by its meaning, an unrecognized one by its NoCacheKey bits. ETag is not, since
     * the proxy implements validation itself (the note of section 5.4.2); hop-by-hop options are not.
     */
    static boolean inCacheKey(int number) {
        if (hopByHop(number) || number == OptionNumber.ETAG) {
            return false;
        }
        return !OptionNumber.isNoCacheKey(number);
    }

    /** Whether {@code number} is an Unsafe option the proxy does not recognize (a response with one gets 5.02). */
    static boolean unrecognizedUnsafe(int number) {
        return OptionNumber.isUnsafe(number) && !hopByHop(number) && !OptionRegistry.standard().isDefined(number);
    }
}
