package io.coaps4j.coap.exchange;

import io.coaps4j.coap.peer.Peer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The {@link PeerState} of every peer the engine talks to, bounded by {@code maxPeers}. A peer
 * idle for EXCHANGE_LIFETIME is forgotten: by then none of its message IDs can still collide
 * (RFC 7252 section 4.4).
 */
final class PeerTable {
    /** Access-ordered: the eldest peer is the least recently used, so idle expiry never scans. */
    private final LinkedHashMap<Peer, PeerState> peers = new LinkedHashMap<>(64, 0.75f, true);
    private final RandomGenerator random;
    private final int maxPeers;
    private final long lifetimeNanos;
    /** Told the peer of every state the table drops, so that whoever kept the state lets go of it. */
    private Consumer<Peer> onForget = peer -> { };

    PeerTable(RandomGenerator random, int maxPeers, long lifetimeNanos) {
        this.random = random;
        this.maxPeers = maxPeers;
        this.lifetimeNanos = lifetimeNanos;
    }

    /** The state of {@code peer}, created with a random first message ID when new; marked used now. */
    PeerState get(Peer peer, long nowNanos) {
        PeerState state = peers.get(peer);
        if (state == null) {
            if (peers.size() >= maxPeers) {
                evictIdle();
            }
            state = new PeerState(peer, random.nextInt(0x10000), nowNanos);
            peers.put(peer, state);
        }
        state.lastUsed = nowNanos;
        state.lastOrdered = nowNanos;
        return state;
    }

    /**
     * {@code kept}, the state of {@code peer} a caller holds on to (an observation's), marked used now; or, when
     * there is none yet or the table forgot it meanwhile, the peer's current state, as {@link #get}. Spares the map lookup of a notification to
     * one of thousands of observers: the access order moves only every {@link #REORDER_DIVISOR}th of
     * EXCHANGE_LIFETIME, which at most delays an idle peer's expiry by that much (never early: its IDs are safe).
     */
    PeerState touch(Peer peer, PeerState kept, long nowNanos) {
        if (kept == null || kept.forgotten || nowNanos - kept.lastOrdered > lifetimeNanos / REORDER_DIVISOR) {
            return get(peer, nowNanos);
        }
        kept.lastUsed = nowNanos;
        return kept;
    }

    /** See {@link #touch}. */
    static final int REORDER_DIVISOR = 8;

    /** The state of {@code peer}, or null when it has none. */
    PeerState find(Peer peer) {
        return peers.get(peer);
    }

    void remove(Peer peer) {
        forget(peers.remove(peer));
    }

    /** Who to tell when the table drops a peer's state (the observations, which keep it between notifications). */
    void onForget(Consumer<Peer> listener) {
        this.onForget = Objects.requireNonNull(listener, "listener");
    }

    /** A state out of the table: whoever kept it must not count message IDs on it, nor keep it in memory. */
    private void forget(PeerState state) {
        if (state != null) {
            state.forgotten = true;
            onForget.accept(state.peer);
        }
    }

    /** When the least recently used peer may be forgotten, or {@link Long#MAX_VALUE}. */
    long nextExpiry() {
        return peers.isEmpty() ? Long.MAX_VALUE : peers.values().iterator().next().lastUsed + lifetimeNanos;
    }

    /** Forgets every peer idle for EXCHANGE_LIFETIME. */
    void expire(long nowNanos) {
        Iterator<Map.Entry<Peer, PeerState>> it = peers.entrySet().iterator();
        int busySeen = 0;
        while (it.hasNext()) {
            PeerState state = it.next().getValue();
            if (state.lastUsed + lifetimeNanos - nowNanos > 0) {
                break;
            }
            if (state.idle()) {
                it.remove();
                forget(state);
            } else {
                state.lastUsed = nowNanos; // still busy: check again a lifetime later
                busySeen++;
            }
        }
        if (busySeen > 0) {
            reorderBusy();
        }
    }

    int size() {
        return peers.size();
    }

    void clear() {
        List.copyOf(peers.values()).forEach(this::forget);
        peers.clear();
    }

    private void evictIdle() {
        Iterator<PeerState> it = peers.values().iterator();
        while (it.hasNext()) {
            PeerState state = it.next();
            if (state.idle()) {
                it.remove();
                forget(state);
                return;
            }
        }
    }

    /** Busy peers whose time was refreshed move to the young end so that the eldest stays the oldest. */
    private void reorderBusy() {
        List<PeerState> all = new ArrayList<>(peers.values());
        all.sort((a, b) -> Long.compare(a.lastUsed - b.lastUsed, 0));
        peers.clear();
        for (PeerState state : all) {
            peers.put(state.peer, state);
        }
    }
}
