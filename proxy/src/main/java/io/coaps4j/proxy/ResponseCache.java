package io.coaps4j.proxy;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy's stored responses (RFC 7252 section 5.6), sans-IO: the caller passes the time. Freshness from
 * Max-Age (default 60 s, section 5.10.5), bounded in entries and bytes with least-recently-used eviction.
 * Thread-safe (the listeners' loops and the origin legs' loops share it).
 */
final class ResponseCache {
    /** Section 5.10.5: a response without Max-Age is fresh for 60 seconds. */
    static final long DEFAULT_MAX_AGE = 60;
    private static final long NANOS = 1_000_000_000L;

    /** A stored response and when it was received. Immutable. */
    record Entry(CoapResponse response, long storedNanos, long maxAgeSeconds, int size) {

        boolean freshAt(long nowNanos) {
            return nowNanos - storedNanos < maxAgeSeconds * NANOS;
        }

        /** Section 5.7.1: the Max-Age left, rounded down, so a cached response never outlives the origin's. */
        long remainingSeconds(long nowNanos) {
            long ageSeconds = (nowNanos - storedNanos + NANOS - 1) / NANOS;
            return Math.max(0, maxAgeSeconds - ageSeconds);
        }

        Optional<byte[]> etag() {
            return response.option(OptionNumber.ETAG).map(Option::value);
        }

        /** The stored response with the Max-Age left at {@code nowNanos}. */
        CoapResponse servedAt(long nowNanos) {
            return Translation.withMaxAge(response, remainingSeconds(nowNanos));
        }
    }

    private final ProxyCacheConfig config;
    private final LinkedHashMap<CacheKey, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    ResponseCache(ProxyCacheConfig config) {
        this.config = config;
    }

    /**
     * Whether {@code response} may be stored (section 5.9): 2.05 Content, and the 4.xx and 5.xx an
     * origin sent; not 2.01, 2.02, 2.04 (they answer unsafe methods), nor a Max-Age of 0.
     */
    static boolean cacheable(CoapResponse response) {
        Code code = response.code();
        boolean byCode = code.equals(Code.CONTENT) || code.codeClass() == 4 || code.codeClass() == 5;
        return byCode && maxAgeOf(response) > 0;
    }

    static long maxAgeOf(CoapResponse response) {
        return response.option(OptionNumber.MAX_AGE).map(Option::uintValue).orElse(DEFAULT_MAX_AGE);
    }

    /** The entry stored for {@code key}, fresh or stale, or null. */
    synchronized Entry get(CacheKey key) {
        return entries.get(key);
    }

    /** Stores {@code response} (when {@link #cacheable}) for {@code key}, evicting the least recently used. */
    synchronized void put(CacheKey key, CoapResponse response, long nowNanos) {
        if (!cacheable(response)) {
            return;
        }
        int size = key.size() + response.payloadLength();
        for (Option option : response.options()) {
            size += option.length() + 4;
        }
        if (size > config.maxBytes()) {
            return;
        }
        remove(key);
        entries.put(key, new Entry(response, nowNanos, maxAgeOf(response), size));
        bytes += size;
        Iterator<Entry> eldest = entries.values().iterator();
        while ((entries.size() > config.maxEntries() || bytes > config.maxBytes()) && eldest.hasNext()) {
            bytes -= eldest.next().size();
            eldest.remove();
        }
    }

    /**
     * Section 5.9.1.3: a 2.03 Valid for the stored entry's ETag makes it fresh again, with the 2.03's
     * Max-Age (default 60 s). Returns the refreshed entry, or null when nothing is stored for {@code key}.
     */
    synchronized Entry refresh(CacheKey key, CoapResponse valid, long nowNanos) {
        Entry stored = entries.get(key);
        if (stored == null) {
            return null;
        }
        Entry refreshed = new Entry(stored.response(), nowNanos, maxAgeOf(valid), stored.size());
        entries.put(key, refreshed);
        return refreshed;
    }

    synchronized void remove(CacheKey key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            bytes -= removed.size();
        }
    }

    /** Drops every entry of the resource {@code uri}: a successful unsafe method changed it. */
    synchronized void invalidate(String uri) {
        Iterator<Map.Entry<CacheKey, Entry>> all = entries.entrySet().iterator();
        while (all.hasNext()) {
            Map.Entry<CacheKey, Entry> entry = all.next();
            if (entry.getKey().uri().equals(uri)) {
                bytes -= entry.getValue().size();
                all.remove();
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
