package io.coaps4j.coap.messaging;

import io.coaps4j.coap.peer.Peer;
import java.util.ArrayDeque;
import java.util.HashMap;

/**
 * Remembers the CON and NON messages received recently so that a duplicate is recognised
 * (RFC 7252 section 4.5): a CON for EXCHANGE_LIFETIME, a NON for NON_LIFETIME. A duplicate CON is
 * answered with the reply stored in its entry; a duplicate NON is ignored.
 *
 * <p>Expiry costs no scan: entries of one kind all live equally long, so each kind keeps a FIFO
 * ring in arrival order and expiry pops the head. Memory is bounded: when {@code maxEntries} ring
 * slots are taken the oldest is freed early, trading a perfect duplicate check on the oldest
 * message ids for a fixed footprint under load.
 *
 * <p>Forgetting a lost peer ({@link #forget}): when the transport can lose peers (a closed DTLS
 * session is a peer no message will ever match again), each kind also chains every peer's entries
 * through {@code Entry.previousOfPeer}, newest first, with the newest in a map by peer. Adding an
 * entry then costs one map update, which also yields the link; {@link #get} is untouched, and
 * without lost peers there is neither map nor link. Rings and chains share arrival order, so an
 * entry that expires or is evicted is the oldest of its chain: it leaves the map if it was also the
 * newest and drops its link, and nothing older stays reachable. {@link #forget} walks only the
 * peer's own chains. A forgotten entry is emptied but keeps its ring slot until the slot comes
 * due; slots, not entries, count against {@code maxEntries}, so the cache evicts no more than it
 * would have had the peer not been forgotten.
 *
 * @param <V> what an entry carries besides the reply (e.g. the exchange still being processed)
 */
public final class DeduplicationCache<V> {
    /** Expiries are coalesced: the loop wakes at most once per this much time for them. */
    static final long EXPIRY_COALESCE_NANOS = 100_000_000L;

    private final int maxEntries;
    private final HashMap<MidKey, Entry<V>> entries;
    private final Lane<V> con;
    private final Lane<V> non;
    private long evictions;

    /** One received message: its key, when it expires and how to answer a duplicate. */
    public static final class Entry<V> {
        private MidKey key;
        private final long expiresAt;
        private byte[] reply;
        private V value;
        /** The next older entry of the same peer and kind; only set when peers can be lost. */
        private Entry<V> previousOfPeer;

        Entry(MidKey key, long expiresAt, V value) {
            this.key = key;
            this.expiresAt = expiresAt;
            this.value = value;
        }

        /** The message's key; null once the entry has left the cache with its peer forgotten. */
        public MidKey key() {
            return key;
        }

        /** The ACK or RST sent for the original CON, or null when none was sent yet. */
        public byte[] reply() {
            return reply;
        }

        /** Stores the reply for duplicates; an entry that has left with its peer keeps nothing. */
        public void reply(byte[] datagram) {
            if (key != null) {
                this.reply = datagram;
            }
        }

        public V value() {
            return value;
        }

        public void value(V newValue) {
            if (key != null) {
                this.value = newValue;
            }
        }

        public long expiresAt() {
            return expiresAt;
        }

        /** Lets go of everything that leads to the peer; only the expiry time stays, for the ring. */
        private void empty() {
            key = null;
            reply = null;
            value = null;
            previousOfPeer = null;
        }
    }

    /** One kind's entries: its ring in arrival order and, when peers can be lost, each peer's newest. */
    private static final class Lane<V> {
        final long lifetimeNanos;
        final ArrayDeque<Entry<V>> ring = new ArrayDeque<>();
        /** The head of each peer's chain; null when peers cannot be lost. */
        final HashMap<Peer, Entry<V>> newestByPeer;

        Lane(long lifetimeNanos, boolean peersCanBeLost) {
            this.lifetimeNanos = lifetimeNanos;
            this.newestByPeer = peersCanBeLost ? new HashMap<>() : null;
        }

        void append(Entry<V> entry) {
            if (newestByPeer != null) {
                entry.previousOfPeer = newestByPeer.put(entry.key.peer(), entry);
            }
            ring.addLast(entry);
        }

        long arrivalOf(Entry<V> entry) {
            return entry.expiresAt - lifetimeNanos;
        }

        void clear() {
            ring.clear();
            if (newestByPeer != null) {
                newestByPeer.clear();
            }
        }
    }

    /** A cache whose peers are never lost: no per-peer chains, {@link #forget} does nothing. */
    public DeduplicationCache(TransmissionParameters parameters, int maxEntries) {
        this(parameters, maxEntries, false);
    }

    /**
     * @param peersCanBeLost the caller will {@link #forget} peers, so each peer's entries are chained
     */
    public DeduplicationCache(TransmissionParameters parameters, int maxEntries, boolean peersCanBeLost) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.con = new Lane<>(parameters.exchangeLifetime().toNanos(), peersCanBeLost);
        this.non = new Lane<>(parameters.nonLifetime().toNanos(), peersCanBeLost);
        this.maxEntries = maxEntries;
        this.entries = new HashMap<>(Math.min(maxEntries, 1 << 16) * 4 / 3 + 1);
    }

    /** The entry of an earlier message with this key, or null when it is new. */
    public Entry<V> get(MidKey key) {
        return entries.get(key);
    }

    /** Records a new message; frees the oldest ring slot when all are taken. */
    public Entry<V> add(MidKey key, boolean confirmable, long nowNanos, V value) {
        if (con.ring.size() + non.ring.size() >= maxEntries) {
            freeOldestSlot();
        }
        Lane<V> lane = confirmable ? con : non;
        Entry<V> entry = new Entry<>(key, nowNanos + lane.lifetimeNanos, value);
        Entry<V> previous = entries.put(key, entry);
        if (previous != null) {
            // A key re-added while still present: the displaced entry only waits for its ring slot to come due.
            previous.value = null;
        }
        lane.append(entry);
        return entry;
    }

    /**
     * Drops every entry of {@code peer} (by {@code equals}) at once, in time proportional to their
     * number, and lets go of the peer. Does nothing for a cache made without {@code peersCanBeLost}.
     */
    public void forget(Peer peer) {
        forget(con, peer);
        forget(non, peer);
    }

    /** Removes every entry whose lifetime has ended. */
    public void expire(long nowNanos) {
        expire(con, nowNanos);
        expire(non, nowNanos);
    }

    /** When {@link #expire} next has work, coalesced; {@link Long#MAX_VALUE} when empty. */
    public long nextExpiry() {
        long next = Long.MAX_VALUE;
        Entry<V> oldestCon = con.ring.peekFirst();
        if (oldestCon != null) {
            next = oldestCon.expiresAt;
        }
        Entry<V> oldestNon = non.ring.peekFirst();
        if (oldestNon != null && (next == Long.MAX_VALUE || oldestNon.expiresAt - next < 0)) {
            next = oldestNon.expiresAt;
        }
        return next == Long.MAX_VALUE ? next : next + EXPIRY_COALESCE_NANOS;
    }

    public int size() {
        return entries.size();
    }

    /** Entries dropped before their lifetime ended because the cache was full. */
    public long evictions() {
        return evictions;
    }

    public void clear() {
        entries.clear();
        con.clear();
        non.clear();
    }

    /** Peers (per kind) whose entries are chained: what still references a peer besides the entries. */
    int peerChains() {
        return (con.newestByPeer == null ? 0 : con.newestByPeer.size())
                + (non.newestByPeer == null ? 0 : non.newestByPeer.size());
    }

    /** Ring slots taken, by live entries and by forgotten ones not yet due. */
    int ringSlots() {
        return con.ring.size() + non.ring.size();
    }

    private void forget(Lane<V> lane, Peer peer) {
        if (lane.newestByPeer == null) {
            return;
        }
        Entry<V> entry = lane.newestByPeer.remove(peer);
        while (entry != null) {
            Entry<V> older = entry.previousOfPeer;
            if (entry.key != null) {
                entries.remove(entry.key, entry);
            }
            entry.empty();
            entry = older;
        }
    }

    private void expire(Lane<V> lane, long nowNanos) {
        Entry<V> head;
        while ((head = lane.ring.peekFirst()) != null && head.expiresAt - nowNanos <= 0) {
            leave(lane, lane.ring.pollFirst());
        }
    }

    private void freeOldestSlot() {
        Entry<V> oldestCon = con.ring.peekFirst();
        Entry<V> oldestNon = non.ring.peekFirst();
        if (oldestCon == null && oldestNon == null) {
            return;
        }
        // Arrival order is expiry order minus the lifetime of the entry's kind.
        boolean takeCon = oldestNon == null
                || (oldestCon != null && con.arrivalOf(oldestCon) - non.arrivalOf(oldestNon) <= 0);
        Lane<V> lane = takeCon ? con : non;
        if (leave(lane, lane.ring.pollFirst())) {
            evictions++;
        }
    }

    /**
     * Takes an entry whose ring slot was popped out of the cache; true when it was still the
     * remembered entry of its key (a forgotten or displaced one was not).
     */
    private boolean leave(Lane<V> lane, Entry<V> entry) {
        MidKey key = entry.key;
        if (key == null) {
            return false; // forgotten with its peer: only the slot was left
        }
        boolean remembered = entries.remove(key, entry);
        if (lane.newestByPeer != null) {
            // The oldest of its peer's chain: no newer entry needs what lies behind it.
            lane.newestByPeer.remove(key.peer(), entry);
            entry.empty();
        }
        return remembered;
    }
}
