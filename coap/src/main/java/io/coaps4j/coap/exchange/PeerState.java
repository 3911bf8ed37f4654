package io.coaps4j.coap.exchange;

import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;
import java.util.ArrayDeque;
import java.util.Arrays;

/** What the engine keeps per peer: the message-ID counter and the NSTART count and queue. */
final class PeerState {
    final Peer peer;
    private int nextMessageId;
    int outstanding;
    ArrayDeque<ClientExchange> queue;
    /** Sends the queue on once message IDs are free again; made the first time the queue waits for them. */
    TimerQueue.Timer messageIdsFree;
    long lastUsed;
    /** When the table's access order last moved this peer (see {@code PeerTable.touch}). */
    long lastOrdered;
    /** Set when the table dropped this state: a holder then takes the peer's current one. */
    boolean forgotten;

    PeerState(Peer peer, int firstMessageId, long now) {
        this.peer = peer;
        this.nextMessageId = firstMessageId & 0xFFFF;
        this.lastUsed = now;
        this.lastOrdered = now;
    }

    /**
     * Message IDs count up from a random start (RFC 7252 section 4.4), and one may not be used again towards the
     * peer within EXCHANGE_LIFETIME. The IDs are watched in 16 blocks of 4,096: the time each block was last used,
     * kept from the moment the counter first leaves its starting block (a peer sent fewer messages pays nothing).
     */
    private static final int BLOCK_BITS = 12;
    private static final int BLOCK_MASK = (1 << BLOCK_BITS) - 1;
    private long[] blockLastUsed;

    /** The next message ID, used now. */
    int nextMessageId(long nowNanos) {
        int id = nextMessageId;
        if ((id & BLOCK_MASK) == 0 && blockLastUsed == null) {
            blockLastUsed = new long[1 << (16 - BLOCK_BITS)];
            Arrays.fill(blockLastUsed, Long.MIN_VALUE);
            blockLastUsed[((id - 1) & 0xFFFF) >>> BLOCK_BITS] = nowNanos; // the starting block, used until now
        }
        if (blockLastUsed != null) {
            blockLastUsed[id >>> BLOCK_BITS] = nowNanos;
        }
        nextMessageId = (id + 1) & 0xFFFF;
        return id;
    }

    /**
     * When the next message ID may be used: {@link Long#MIN_VALUE} (now) unless it opens a block of IDs used in
     * the previous lap of the counter less than {@code lifetimeNanos} ago, when the caller must wait until the
     * returned time (a conservative bound: the whole block waits for its last use).
     */
    long nextMessageIdFreeAt(long lifetimeNanos) {
        int id = nextMessageId;
        if ((id & BLOCK_MASK) != 0 || blockLastUsed == null) {
            return Long.MIN_VALUE;
        }
        long lastUsed = blockLastUsed[id >>> BLOCK_BITS];
        return lastUsed == Long.MIN_VALUE ? Long.MIN_VALUE : lastUsed + lifetimeNanos;
    }

    boolean idle() {
        return outstanding == 0 && (queue == null || queue.isEmpty());
    }
}
