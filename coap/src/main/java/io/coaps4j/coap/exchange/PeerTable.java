package io.coaps4j.coap.exchange;

import io.coaps4j.coap.peer.Peer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return state;
    }

    /** The state of {@code peer}, or null when it has none. */
    PeerState find(Peer peer) {
        return peers.get(peer);
    }

    void remove(Peer peer) {
        peers.remove(peer);
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
        peers.clear();
    }

    private void evictIdle() {
        Iterator<PeerState> it = peers.values().iterator();
        while (it.hasNext()) {
            if (it.next().idle()) {
                it.remove();
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
