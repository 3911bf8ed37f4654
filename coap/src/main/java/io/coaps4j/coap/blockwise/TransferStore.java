package io.coaps4j.coap.blockwise;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unfinished transfers by key, bounded in number and in bytes, each forgotten after its lifetime:
 * the memory block-wise transfer may hold whatever peers send (RFC 7959 section 2.4 lets a server
 * keep state; this is where its bound is). Full: the least recently continued transfer is evicted,
 * so a peer opening many transfers loses its own oldest ones first. Expiry is checked on each
 * access (virtual time, no timer).
 */
final class TransferStore<K, V> {
    private final LinkedHashMap<K, Slot<V>> slots = new LinkedHashMap<>(16, 0.75f, true);
    private final int maxEntries;
    private final long maxBytes;
    private final long lifetimeNanos;
    private long bytes;
    private long evictions;

    TransferStore(int maxEntries, long maxBytes, long lifetimeNanos) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.lifetimeNanos = lifetimeNanos;
    }

    private static final class Slot<V> {
        final V value;
        long bytes;
        long lastUsed;

        Slot(V value, long bytes, long lastUsed) {
            this.value = value;
            this.bytes = bytes;
            this.lastUsed = lastUsed;
        }
    }

    /** The live value of {@code key}, now the most recently used; null when absent or expired. */
    V get(K key, long nowNanos) {
        expire(nowNanos);
        Slot<V> slot = slots.get(key);
        if (slot == null) {
            return null;
        }
        slot.lastUsed = nowNanos;
        return slot.value;
    }

    /** Stores {@code value} holding {@code size} bytes, replacing {@code key}'s and evicting the oldest if full. */
    void put(K key, V value, long size, long nowNanos) {
        remove(key);
        expire(nowNanos);
        while (!slots.isEmpty() && (slots.size() >= maxEntries || bytes + size > maxBytes)) {
            evictOldest();
        }
        slots.put(key, new Slot<>(value, size, nowNanos));
        bytes += size;
    }

    /** {@code key}'s value now holds {@code size} bytes; others are evicted, oldest first, to stay in bounds. */
    void resize(K key, long size) {
        Slot<V> slot = slots.get(key);
        if (slot == null) {
            return;
        }
        bytes += size - slot.bytes;
        slot.bytes = size;
        Iterator<Map.Entry<K, Slot<V>>> oldest = slots.entrySet().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            Map.Entry<K, Slot<V>> entry = oldest.next();
            if (entry.getValue() != slot) {
                bytes -= entry.getValue().bytes;
                oldest.remove();
                evictions++;
            }
        }
    }

    V remove(K key) {
        Slot<V> slot = slots.remove(key);
        if (slot == null) {
            return null;
        }
        bytes -= slot.bytes;
        return slot.value;
    }

    int size() {
        return slots.size();
    }

    long bytes() {
        return bytes;
    }

    /** Transfers dropped to stay within the bounds (not counting expiry). */
    long evictions() {
        return evictions;
    }

    private void expire(long nowNanos) {
        Iterator<Slot<V>> oldest = slots.values().iterator();
        while (oldest.hasNext()) {
            Slot<V> slot = oldest.next();
            if (nowNanos - slot.lastUsed < lifetimeNanos) {
                return; // access order: the rest were used later
            }
            bytes -= slot.bytes;
            oldest.remove();
        }
    }

    private void evictOldest() {
        Iterator<Slot<V>> oldest = slots.values().iterator();
        bytes -= oldest.next().bytes;
        oldest.remove();
        evictions++;
    }
}
