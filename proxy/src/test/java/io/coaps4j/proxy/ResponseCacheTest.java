package io.coaps4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.uri.CoapUri;
import org.junit.jupiter.api.Test;

/** The cache alone, in virtual time: keys (section 5.6), freshness (5.10.5), bounds and what is cacheable (5.9). */
class ResponseCacheTest {
    private static final long SECOND = 1_000_000_000L;

    private static CacheKey key(String uri, Option... options) {
        Message.Builder request = Message.builder().type(MessageType.CON).code(Code.GET);
        for (Option option : options) {
            request.option(option);
        }
        return CacheKey.of(request.build(), CoapUri.parse(uri));
    }

    @Test
    void theKeyHoldsUriAndCacheKeyOptionsButNotNoCacheKeyEtagOrHopByHopOptions() {
        CacheKey plain = key("coap://h/a");
        assertThat(key("coap://h/a")).isEqualTo(plain);
        assertThat(key("coap://h/b")).isNotEqualTo(plain);
        assertThat(key("coap://h/a", Option.ofUint(OptionNumber.ACCEPT, 50))).isNotEqualTo(plain);
        // Safe-to-Forward with NoCacheKey bits all set (65020 = ...11100): not part of the key.
        assertThat(key("coap://h/a", Option.of(65020, new byte[] {1}))).isEqualTo(plain);
        // 65000 is Safe-to-Forward but part of the key; OSCORE (9) likewise (RFC 8613 section 4.1).
        assertThat(key("coap://h/a", Option.of(65000, new byte[] {1}))).isNotEqualTo(plain);
        assertThat(key("coap://h/a", Option.of(9, new byte[] {1}))).isNotEqualTo(plain);
        assertThat(key("coap://h/a", Option.of(OptionNumber.ETAG, new byte[] {1}),
                Option.ofUint(ProxyOptions.HOP_LIMIT, 3), Option.ofUint(OptionNumber.SIZE1, 9))).isEqualTo(plain);
        Message fetchA = Message.builder().type(MessageType.CON).code(Code.FETCH).payload("a").build();
        Message fetchB = Message.builder().type(MessageType.CON).code(Code.FETCH).payload("b").build();
        assertThat(CacheKey.of(fetchA, CoapUri.parse("coap://h/a")))
                .isNotEqualTo(CacheKey.of(fetchB, CoapUri.parse("coap://h/a")));
    }

    @Test
    void freshForMaxAgeDefaulting60AndServedWithTheRemainingMaxAge() {
        ResponseCache cache = new ResponseCache(ProxyCacheConfig.DEFAULT);
        cache.put(key("coap://h/a"), CoapResponse.content("a"), 0);
        cache.put(key("coap://h/b"), CoapResponse.builder(Code.CONTENT).maxAge(10).payload("b").build(), 0);

        ResponseCache.Entry a = cache.get(key("coap://h/a"));
        assertThat(a.freshAt(59 * SECOND)).isTrue();
        assertThat(a.freshAt(60 * SECOND)).isFalse();
        ResponseCache.Entry b = cache.get(key("coap://h/b"));
        assertThat(b.servedAt(3 * SECOND + 1).option(OptionNumber.MAX_AGE).orElseThrow().uintValue()).isEqualTo(6);
        assertThat(b.servedAt(3 * SECOND + 1).payloadAsString()).isEqualTo("b");
        assertThat(b.freshAt(10 * SECOND)).isFalse();
    }

    @Test
    void onlyCacheableCodesWithAPositiveMaxAgeAreStored() {
        assertThat(ResponseCache.cacheable(CoapResponse.content("x"))).isTrue();
        assertThat(ResponseCache.cacheable(CoapResponse.of(Code.NOT_FOUND))).isTrue();
        assertThat(ResponseCache.cacheable(CoapResponse.of(Code.CHANGED))).isFalse();
        assertThat(ResponseCache.cacheable(CoapResponse.of(Code.CREATED))).isFalse();
        assertThat(ResponseCache.cacheable(CoapResponse.of(Code.DELETED))).isFalse();
        assertThat(ResponseCache.cacheable(CoapResponse.builder(Code.CONTENT).maxAge(0).build())).isFalse();
        ResponseCache cache = new ResponseCache(ProxyCacheConfig.DEFAULT);
        cache.put(key("coap://h/a"), CoapResponse.of(Code.CHANGED), 0);
        assertThat(cache.size()).isZero();
    }

    @Test
    void boundedInEntriesAndBytesEvictingTheLeastRecentlyUsed() {
        ResponseCache byCount = new ResponseCache(new ProxyCacheConfig(2, 1 << 20));
        byCount.put(key("coap://h/1"), CoapResponse.content("1"), 0);
        byCount.put(key("coap://h/2"), CoapResponse.content("2"), 0);
        byCount.get(key("coap://h/1")); // 1 is now more recent than 2
        byCount.put(key("coap://h/3"), CoapResponse.content("3"), 0);
        assertThat(byCount.size()).isEqualTo(2);
        assertThat(byCount.get(key("coap://h/2"))).isNull();
        assertThat(byCount.get(key("coap://h/1"))).isNotNull();

        ResponseCache byBytes = new ResponseCache(new ProxyCacheConfig(100, 300));
        byte[] body = new byte[120];
        byBytes.put(key("coap://h/1"), CoapResponse.content(body, 42), 0);
        byBytes.put(key("coap://h/2"), CoapResponse.content(body, 42), 0);
        byBytes.put(key("coap://h/3"), CoapResponse.content(body, 42), 0);
        assertThat(byBytes.bytes()).isLessThanOrEqualTo(300);
        assertThat(byBytes.size()).isEqualTo(2);
        assertThat(byBytes.get(key("coap://h/1"))).isNull();
        byBytes.put(key("coap://h/big"), CoapResponse.content(new byte[400], 42), 0);
        assertThat(byBytes.get(key("coap://h/big"))).as("larger than the whole cache").isNull();
        assertThat(byBytes.size()).isEqualTo(2);
    }

    @Test
    void validationRefreshesAndInvalidationDropsEveryEntryOfTheResource() {
        ResponseCache cache = new ResponseCache(ProxyCacheConfig.DEFAULT);
        CacheKey json = key("coap://h/a", Option.ofUint(OptionNumber.ACCEPT, 50));
        cache.put(key("coap://h/a"), CoapResponse.builder(Code.CONTENT).maxAge(5).payload("a").build(), 0);
        cache.put(json, CoapResponse.content("{}"), 0);
        ResponseCache.Entry refreshed = cache.refresh(key("coap://h/a"),
                CoapResponse.builder(Code.VALID).maxAge(30).build(), 100 * SECOND);
        assertThat(refreshed.freshAt(129 * SECOND)).isTrue();
        assertThat(refreshed.response().payloadAsString()).isEqualTo("a");

        cache.invalidate("coap://h/a");
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }
}
