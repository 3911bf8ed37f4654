package io.coaps4j.coap.messaging;

import java.util.ArrayDeque;
import java.util.HashMap;

/**
 * Remembers the CON and NON messages received recently so that a duplicate is recognised
 * (RFC 7252 section 4.5): a CON for EXCHANGE_LIFETIME, a NON for NON_LIFETIME. A duplicate CON is
 * answered with the reply stored in its entry; a duplicate NON is ignored.
 *
 * <p>Expiry costs no scan: entries of one kind all live equally long, so each kind keeps a FIFO
 * ring in arrival order and expiry pops the head. Memory is bounded: when {@code maxEntries} is
 * reached the oldest entry is dropped early, trading a perfect duplicate check on the oldest
 * message ids for a fixed footprint under load.
 *
 * @param <V> what an entry carries besides the reply (e.g. the exchange still being processed)
 */
public final class DeduplicationCache<V> {
    /** Expiries are coalesced: the loop wakes at most once per this much time for them. */
    static final long EXPIRY_COALESCE_NANOS = 100_000_000L;

    private final long conLifetimeNanos;
    private final long nonLifetimeNanos;
    private final int maxEntries;
    private final HashMap<MidKey, Entry<V>> entries;
    private final ArrayDeque<Entry<V>> conRing = new ArrayDeque<>();
    private final ArrayDeque<Entry<V>> nonRing = new ArrayDeque<>();
    private long evictions;

    /** One received message: its key, when it expires and how to answer a duplicate. */
    public static final class Entry<V> {
        private final MidKey key;
        private final long expiresAt;
        private byte[] reply;
        private V value;

        Entry(MidKey key, long expiresAt, V value) {
            this.key = key;
            this.expiresAt = expiresAt;
            this.value = value;
        }

        public MidKey key() {
            return key;
        }

        /** The ACK or RST sent for the original CON, or null when none was sent yet. */
        public byte[] reply() {
            return reply;
        }

        public void reply(byte[] datagram) {
            this.reply = datagram;
        }

        public V value() {
            return value;
        }

        public void value(V newValue) {
            this.value = newValue;
        }

        public long expiresAt() {
            return expiresAt;
        }
    }

    public DeduplicationCache(TransmissionParameters parameters, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.conLifetimeNanos = parameters.exchangeLifetime().toNanos();
        this.nonLifetimeNanos = parameters.nonLifetime().toNanos();
        this.maxEntries = maxEntries;
        this.entries = new HashMap<>(Math.min(maxEntries, 1 << 16) * 4 / 3 + 1);
    }

    /** The entry of an earlier message with this key, or null when it is new. */
    public Entry<V> get(MidKey key) {
        return entries.get(key);
    }

    /** Records a new message; evicts the oldest entry when full. */
    public Entry<V> add(MidKey key, boolean confirmable, long nowNanos, V value) {
        if (entries.size() >= maxEntries) {
            evictOldest();
        }
        Entry<V> entry = new Entry<>(key, nowNanos + (confirmable ? conLifetimeNanos : nonLifetimeNanos), value);
        Entry<V> previous = entries.put(key, entry);
        if (previous != null) {
            // A key re-added after its predecessor left the map; the stale ring slot is skipped on expiry.
            previous.value = null;
        }
        (confirmable ? conRing : nonRing).addLast(entry);
        return entry;
    }

    /** Removes every entry whose lifetime has ended. */
    public void expire(long nowNanos) {
        expire(conRing, nowNanos);
        expire(nonRing, nowNanos);
    }

    /** When {@link #expire} next has work, coalesced; {@link Long#MAX_VALUE} when empty. */
    public long nextExpiry() {
        long next = Long.MAX_VALUE;
        Entry<V> con = conRing.peekFirst();
        if (con != null) {
            next = con.expiresAt;
        }
        Entry<V> non = nonRing.peekFirst();
        if (non != null && (next == Long.MAX_VALUE || non.expiresAt - next < 0)) {
            next = non.expiresAt;
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
        conRing.clear();
        nonRing.clear();
    }

    private void expire(ArrayDeque<Entry<V>> ring, long nowNanos) {
        Entry<V> head;
        while ((head = ring.peekFirst()) != null && head.expiresAt - nowNanos <= 0) {
            ring.pollFirst();
            entries.remove(head.key, head);
        }
    }

    private void evictOldest() {
        while (true) {
            Entry<V> con = conRing.peekFirst();
            Entry<V> non = nonRing.peekFirst();
            if (con == null && non == null) {
                return;
            }
            // Arrival order is expiry order minus the lifetime of the entry's kind.
            boolean takeCon = non == null
                    || (con != null && (con.expiresAt - conLifetimeNanos) - (non.expiresAt - nonLifetimeNanos) <= 0);
            Entry<V> oldest = takeCon ? conRing.pollFirst() : nonRing.pollFirst();
            if (entries.remove(oldest.key, oldest)) {
                evictions++;
                return;
            }
        }
    }
}
