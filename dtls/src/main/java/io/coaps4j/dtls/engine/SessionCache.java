package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.handshake.ResumableSession;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resumable sessions by key, bounded in number and in age: at most {@code capacity} (the least recently used
 * go first) and each for {@code lifetime} after its full handshake. Times are the engine's nanoseconds. Not
 * thread-safe, like the loop that owns it.
 */
final class SessionCache<K> {
    private record Entry(ResumableSession session, long expiresAt) {
    }

    private final int capacity;
    private final long lifetimeNanos;
    private final LinkedHashMap<K, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    SessionCache(int capacity, Duration lifetime) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.lifetimeNanos = lifetime.toNanos();
    }

    /** Keeps {@code session} under {@code key} from {@code now}, replacing what was there. */
    void put(K key, ResumableSession session, long now) {
        Objects.requireNonNull(session, "session");
        entries.remove(key);
        entries.put(key, new Entry(session, now + lifetimeNanos));
        Iterator<Map.Entry<K, Entry>> oldest = entries.entrySet().iterator();
        while (entries.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The session under {@code key} at {@code now}; an expired one is removed and not returned. */
    Optional<ResumableSession> find(K key, long now) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (now - entry.expiresAt() >= 0) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.session());
    }

    void remove(K key) {
        entries.remove(key);
    }

    /** Forgets every session (a probe measures from an empty cache). */
    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
