package io.coaps4j.coap.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.peer.PlainPeer;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** {@link DeduplicationCache#forget}: a lost peer's entries go at once, and with them the peer. */
class DeduplicationForgetTest {
    private static final TransmissionParameters PARAMS = TransmissionParameters.DEFAULT;
    private static final long CON_LIFETIME = PARAMS.exchangeLifetime().toNanos();
    private static final long NON_LIFETIME = PARAMS.nonLifetime().toNanos();

    private final DeduplicationCache<String> cache = new DeduplicationCache<>(PARAMS, 100, true);

    /** A new object each call, equal to the previous ones: transports make one per datagram. */
    private static PlainPeer peer(int port) {
        return new PlainPeer(new InetSocketAddress("127.0.0.1", port));
    }

    private static MidKey key(int port, int messageId) {
        return new MidKey(peer(port), messageId);
    }

    @Test
    void forgettingAPeerRemovesExactlyItsEntries() {
        cache.add(key(1, 1), true, 10, "a1");
        cache.add(key(2, 1), true, 20, "b1");
        cache.add(key(1, 2), false, 30, "a2");
        cache.add(key(2, 2), false, 40, "b2");
        cache.add(key(1, 3), true, 50, "a3");

        cache.forget(peer(1));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get(key(1, 1))).isNull();
        assertThat(cache.get(key(1, 2))).isNull();
        assertThat(cache.get(key(1, 3))).isNull();
        assertThat(cache.get(key(2, 1)).value()).isEqualTo("b1");
        assertThat(cache.get(key(2, 2)).value()).isEqualTo("b2");
        assertThat(cache.peerChains()).as("peer 2's CON and NON chains").isEqualTo(2);
    }

    @Test
    void theSameMessageIdFromAnEqualNewPeerObjectIsNewAfterForget() {
        cache.add(key(1, 7), true, 10, "before");
        cache.forget(peer(1));

        assertThat(cache.get(key(1, 7))).isNull();
        cache.add(key(1, 7), true, 20, "after");
        assertThat(cache.get(key(1, 7)).value()).isEqualTo("after");
        assertThat(cache.size()).isEqualTo(1);

        cache.forget(peer(1));
        assertThat(cache.size()).isZero();
        assertThat(cache.peerChains()).isZero();
    }

    @Test
    void aForgottenEntryKeepsNothingEvenWhenWrittenLater() {
        DeduplicationCache.Entry<String> entry = cache.add(key(1, 1), true, 10, "exchange");
        entry.reply(new byte[] {1});
        cache.forget(peer(1));

        // e.g. a handler answering after the peer's session closed
        entry.reply(new byte[] {2});
        entry.value("late");
        assertThat(entry.key()).isNull();
        assertThat(entry.reply()).isNull();
        assertThat(entry.value()).isNull();
    }

    @Test
    void aForgottenPeerIsNoLongerReachableFromTheCache() throws InterruptedException {
        WeakReference<PlainPeer> added = addEntriesOfAPeerNobodyElseHolds(1);
        assertThat(collected(added)).as("the cache holds the peer until it is forgotten").isFalse();

        cache.forget(peer(1));

        assertThat(collected(added)).isTrue();
        assertThat(cache.size()).isZero();
        assertThat(cache.peerChains()).isZero();
    }

    @Test
    void aPeerWhoseEntriesAllExpiredIsNoLongerReachable() throws InterruptedException {
        WeakReference<PlainPeer> added = addEntriesOfAPeerNobodyElseHolds(1);

        cache.expire(1_000 + NON_LIFETIME);
        assertThat(cache.peerChains()).as("the NON chain went with its only entry").isEqualTo(1);
        assertThat(collected(added)).isFalse();

        cache.expire(1_000 + CON_LIFETIME);
        assertThat(cache.size()).isZero();
        assertThat(cache.peerChains()).isZero();
        assertThat(collected(added)).isTrue();
    }

    @Test
    void expiredEntriesDoNotPileUpBehindANewerOneOfTheSamePeer() throws InterruptedException {
        WeakReference<DeduplicationCache.Entry<String>> first = new WeakReference<>(cache.add(key(1, 1), true, 0, null));
        cache.add(key(1, 2), true, 10, null);
        cache.add(key(1, 3), true, 20, null);

        cache.expire(10 + CON_LIFETIME);

        assertThat(collected(first)).isTrue();
        assertThat(cache.get(key(1, 3))).isNotNull();
        cache.forget(peer(1));
        assertThat(cache.size()).isZero();
    }

    /** Two CONs and a NON of one peer object, with a reply each; returns a weak reference to the peer. */
    private WeakReference<PlainPeer> addEntriesOfAPeerNobodyElseHolds(int port) {
        PlainPeer peer = peer(port);
        cache.add(new MidKey(peer, 1), true, 1_000, "con").reply(new byte[] {1});
        cache.add(new MidKey(peer, 2), false, 1_000, "non").reply(new byte[] {2});
        cache.add(new MidKey(peer, 3), true, 1_000, "con").reply(new byte[] {3});
        return new WeakReference<>(peer);
    }

    private static boolean collected(WeakReference<?> reference) throws InterruptedException {
        for (int attempt = 0; attempt < 20 && reference.get() != null; attempt++) {
            System.gc();
            Thread.sleep(5);
        }
        return reference.get() == null;
    }

    @Test
    void expiryAfterAForgetStillCountsRight() {
        cache.add(key(1, 1), true, 0, null);
        cache.add(key(2, 1), true, 10, null);
        cache.add(key(1, 2), false, 20, null);
        cache.forget(peer(1));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.ringSlots()).as("forgotten entries keep their slots until due").isEqualTo(3);
        assertThat(cache.nextExpiry()).isEqualTo(20 + NON_LIFETIME + DeduplicationCache.EXPIRY_COALESCE_NANOS);

        cache.expire(CON_LIFETIME);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get(key(2, 1))).isNotNull();
        assertThat(cache.ringSlots()).isEqualTo(1);

        cache.expire(10 + CON_LIFETIME);
        assertThat(cache.size()).isZero();
        assertThat(cache.ringSlots()).isZero();
        assertThat(cache.peerChains()).isZero();
        assertThat(cache.nextExpiry()).isEqualTo(Long.MAX_VALUE);
        assertThat(cache.evictions()).isZero();
    }

    @Test
    void anEntryThatExpiredBeforeItsPeerIsForgottenIsNotTouchedAgain() {
        cache.add(key(1, 1), false, 0, "non");
        cache.add(key(1, 2), true, 10, "con");
        cache.add(key(1, 3), false, 20, "non");
        cache.expire(NON_LIFETIME); // the first NON goes; the newer NON still links to its emptied entry

        cache.forget(peer(1));

        assertThat(cache.size()).isZero();
        assertThat(cache.peerChains()).isZero();
        cache.expire(10 + CON_LIFETIME);
        assertThat(cache.ringSlots()).isZero();
    }

    @Test
    void evictionAfterAForgetFreesForgottenSlotsFirstAndCountsOnlyLiveEntries() {
        DeduplicationCache<String> small = new DeduplicationCache<>(PARAMS, 3, true);
        small.add(key(1, 1), true, 10, null);
        small.add(key(2, 1), true, 20, null);
        small.add(key(1, 2), false, 30, null);
        small.forget(peer(1));

        small.add(key(2, 2), true, 40, null); // frees peer 1's forgotten CON slot
        assertThat(small.evictions()).isZero();
        assertThat(small.size()).isEqualTo(2);

        small.add(key(2, 3), true, 50, null); // the oldest slot is peer 2's first CON, still remembered
        assertThat(small.evictions()).isEqualTo(1);
        assertThat(small.get(key(2, 1))).isNull();
        assertThat(small.size()).isEqualTo(2);

        small.add(key(2, 4), true, 60, null); // frees peer 1's forgotten NON slot
        assertThat(small.evictions()).isEqualTo(1);
        assertThat(small.size()).isEqualTo(3);
        assertThat(small.ringSlots()).isEqualTo(3);
        assertThat(small.peerChains()).isEqualTo(1);
    }

    @Test
    void withoutPeersThatCanBeLostForgetKeepsEntriesUntilTheyExpire() {
        DeduplicationCache<String> plain = new DeduplicationCache<>(PARAMS, 100);
        plain.add(key(1, 1), true, 0, "kept");

        plain.forget(peer(1));

        assertThat(plain.get(key(1, 1)).value()).isEqualTo("kept");
        assertThat(plain.peerChains()).isZero();
        plain.expire(CON_LIFETIME);
        assertThat(plain.size()).isZero();
    }
}
