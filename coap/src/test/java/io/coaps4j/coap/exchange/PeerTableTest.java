package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-peer message-ID state: kept by observations between notifications, forgotten after EXCHANGE_LIFETIME. */
class PeerTableTest {
    private static final long LIFETIME = 247_000_000_000L;
    private static final PlainPeer BUSY = new PlainPeer(new InetSocketAddress("127.0.0.1", 40001));
    private static final PlainPeer IDLE = new PlainPeer(new InetSocketAddress("127.0.0.1", 40002));

    private final PeerTable table = new PeerTable(new SplittableRandom(1), 100, LIFETIME);

    @Test
    void aKeptStateIsReturnedAsLongAsTheTableHasIt() {
        PeerState kept = table.touch(BUSY, null, 0);
        assertThat(table.touch(BUSY, kept, 1_000)).isSameAs(kept);
        assertThat(table.get(BUSY, 2_000)).as("the same state the map holds").isSameAs(kept);
        int first = kept.nextMessageId(3_000);
        assertThat(table.touch(BUSY, kept, 4_000).nextMessageId(4_000)).isEqualTo((first + 1) & 0xFFFF);
    }

    @Test
    void aStateTheTableForgotIsReplacedByThePeersCurrentOne() {
        PeerState kept = table.touch(BUSY, null, 0);
        table.expire(LIFETIME + 1);
        assertThat(table.size()).isZero();
        assertThat(kept.forgotten).isTrue();

        PeerState current = table.touch(BUSY, kept, LIFETIME + 2);
        assertThat(current).isNotSameAs(kept);
        assertThat(table.get(BUSY, LIFETIME + 3)).isSameAs(current);
    }

    @Test
    void aPeerKeptBusyByNotificationsNeitherExpiresNorHoldsBackTheExpiryOfIdlePeersForLong() {
        PeerState busy = table.touch(BUSY, null, 0); // the eldest in the table's order
        table.get(IDLE, 1);
        long step = LIFETIME / 100;
        long now = 0;
        while (now < LIFETIME + LIFETIME / PeerTable.REORDER_DIVISOR + 2 * step) {
            now += step;
            busy = table.touch(BUSY, busy, now);
            table.expire(now);
        }
        assertThat(table.find(BUSY)).as("busy: kept").isSameAs(busy);
        assertThat(table.find(IDLE)).as("idle: forgotten within a lifetime and an eighth").isNull();
    }

    @Test
    void whoeverKeptAStateIsToldWhenTheTableDropsIt() {
        java.util.List<io.coaps4j.coap.peer.Peer> told = new java.util.ArrayList<>();
        table.onForget(told::add);
        table.touch(BUSY, null, 0);
        table.get(IDLE, LIFETIME / 2);
        table.expire(LIFETIME + 1);
        assertThat(told).as("only the peer idle for a lifetime").containsExactly(BUSY);
        table.clear();
        assertThat(told).containsExactly(BUSY, IDLE);
    }

    @Test
    void removingAndClearingForgetTheStates() {
        PeerState removed = table.touch(BUSY, null, 0);
        PeerState cleared = table.touch(IDLE, null, 0);
        table.remove(BUSY);
        assertThat(removed.forgotten).isTrue();
        assertThat(cleared.forgotten).isFalse();
        table.clear();
        assertThat(cleared.forgotten).isTrue();
    }
}
