package io.coaps4j.coap.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DeduplicationCacheTest {
    private static final TransmissionParameters PARAMS = TransmissionParameters.DEFAULT;
    private final PlainPeer peer = new PlainPeer(new InetSocketAddress("127.0.0.1", 5683));
    private final PlainPeer other = new PlainPeer(new InetSocketAddress("127.0.0.1", 5684));

    @Test
    void remembersConForExchangeLifetimeAndNonForNonLifetime() {
        DeduplicationCache<String> cache = new DeduplicationCache<>(PARAMS, 100);
        long t0 = 1_000;
        cache.add(new MidKey(peer, 1), true, t0, "con");
        cache.add(new MidKey(peer, 2), false, t0, "non");
        assertThat(cache.get(new MidKey(peer, 1)).value()).isEqualTo("con");
        assertThat(cache.get(new MidKey(other, 1))).isNull();

        long nonEnd = t0 + PARAMS.nonLifetime().toNanos();
        cache.expire(nonEnd - 1);
        assertThat(cache.size()).isEqualTo(2);
        cache.expire(nonEnd);
        assertThat(cache.get(new MidKey(peer, 2))).isNull();
        assertThat(cache.get(new MidKey(peer, 1))).isNotNull();

        long conEnd = t0 + PARAMS.exchangeLifetime().toNanos();
        assertThat(cache.nextExpiry()).isBetween(conEnd, conEnd + 200_000_000L);
        cache.expire(conEnd);
        assertThat(cache.size()).isZero();
        assertThat(cache.nextExpiry()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void evictsTheOldestWhenFull() {
        DeduplicationCache<String> cache = new DeduplicationCache<>(PARAMS, 3);
        cache.add(new MidKey(peer, 1), true, 10, null);
        cache.add(new MidKey(peer, 2), false, 20, null);
        cache.add(new MidKey(peer, 3), true, 30, null);
        cache.add(new MidKey(peer, 4), false, 40, null);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get(new MidKey(peer, 1))).isNull();
        cache.add(new MidKey(peer, 5), true, 50, null);
        assertThat(cache.get(new MidKey(peer, 2))).isNull();
        assertThat(cache.get(new MidKey(peer, 3))).isNotNull();
        assertThat(cache.evictions()).isEqualTo(2);
    }
}
