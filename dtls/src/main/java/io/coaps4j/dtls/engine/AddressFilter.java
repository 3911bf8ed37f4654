package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;

/**
 * A counting filter over the peer addresses of an endpoint's client connections: "certainly none" is
 * answered from an array, without a table lookup, so a datagram for the server role on a node that also
 * has client connections costs one address lookup (the server's), not two. A "maybe" is confirmed in
 * the client table. One counter per bucket; addresses sharing a bucket only cost that second lookup.
 * Not thread-safe.
 */
final class AddressFilter {
    private static final int MIN_BUCKETS = 64;
    private static final int MAX_BUCKETS = 1 << 16;

    private final int[] counts;
    private final int shift;

    /** A filter for up to about {@code expected} addresses, four buckets each (a few false "maybe"s). */
    AddressFilter(int expected) {
        int wanted = (int) Math.min(MAX_BUCKETS, Math.max(MIN_BUCKETS, 4L * expected));
        int buckets = Integer.highestOneBit(wanted - 1) << 1;
        this.counts = new int[buckets];
        this.shift = 32 - Integer.numberOfTrailingZeros(buckets);
    }

    void add(InetSocketAddress address) {
        counts[bucket(address)]++;
    }

    /** Forgets one {@link #add} of {@code address}. */
    void remove(InetSocketAddress address) {
        counts[bucket(address)]--;
    }

    /** False when no added address equals {@code address}; true when one may. */
    boolean mayContain(InetSocketAddress address) {
        return counts[bucket(address)] != 0;
    }

    /** Fibonacci hashing of the address's hash (the IP's bits plus the port): its top bits pick the bucket. */
    private int bucket(InetSocketAddress address) {
        return (address.hashCode() * 0x9E3779B9) >>> shift;
    }
}
