package io.coaps4j.proxy;

/**
 * Bounds of the proxy's response cache (RFC 7252 section 5.6): at most {@code maxEntries} responses and
 * {@code maxBytes} bytes of keys, options and payloads; the least recently used go first. Immutable.
 *
 * @param maxEntries 1 or more
 * @param maxBytes   1 or more; a single response larger than this is not stored
 */
public record ProxyCacheConfig(int maxEntries, long maxBytes) {
    /** 1000 responses, 8 MiB. */
    public static final ProxyCacheConfig DEFAULT = new ProxyCacheConfig(1000, 8L << 20);

    public ProxyCacheConfig {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("cache maxEntries must be at least 1, was " + maxEntries);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("cache maxBytes must be at least 1, was " + maxBytes);
        }
    }
}
