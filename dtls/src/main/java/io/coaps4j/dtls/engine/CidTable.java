package io.coaps4j.dtls.engine;

import java.util.Arrays;

/**
 * The server's connections by this side's connection ID (RFC 9146), handshakes included: an open-addressing
 * table (linear probing, backward-shift deletion, at most two thirds full) of the connections themselves, compared by the CID each
 * holds ({@link DtlsConnection#localCid()}, from its read keys once established). A session pays one or two array slots for it, not a map node and a
 * boxed key. The hash is seeded per table, so the slots are not predictable from the CIDs on the wire.
 * Not thread-safe, like the server that owns it.
 */
final class CidTable {
    private static final int INITIAL_CAPACITY = 16;

    private final int seed;
    private DtlsConnection[] slots = new DtlsConnection[INITIAL_CAPACITY];
    private int size;

    CidTable(int seed) {
        this.seed = seed;
    }

    /** The connection whose CID is {@code cid}, or null. */
    DtlsConnection find(byte[] cid) {
        int mask = slots.length - 1;
        for (int i = hash(cid) & mask; slots[i] != null; i = (i + 1) & mask) {
            if (slots[i].hasLocalCid(cid)) {
                return slots[i];
            }
        }
        return null;
    }

    /** Whether a connection has the CID {@code cid}. */
    boolean contains(byte[] cid) {
        return find(cid) != null;
    }

    /**
     * Keeps {@code connection} under its CID; false, and nothing kept, when it has none or another connection
     * has the same one.
     */
    boolean put(DtlsConnection connection) {
        byte[] cid = connection.localCid();
        if (cid == null || contains(cid)) {
            return false;
        }
        if ((size + 1) * 3 > slots.length * 2) { // at most two thirds full: short probe runs, few empty slots
            grow();
        }
        insert(connection, cid);
        size++;
        return true;
    }

    /** Forgets {@code connection}, if this table keeps it. */
    void remove(DtlsConnection connection) {
        byte[] cid = connection.localCid();
        if (cid == null) {
            return;
        }
        int mask = slots.length - 1;
        int i = hash(cid) & mask;
        while (slots[i] != connection) {
            if (slots[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion: later entries of the probe run move up, so no tombstones are needed.
        int gap = i;
        for (int j = (gap + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = hash(slots[j].localCid()) & mask;
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                slots[gap] = slots[j];
                gap = j;
            }
        }
        slots[gap] = null;
        size--;
    }

    int size() {
        return size;
    }

    private void insert(DtlsConnection connection, byte[] cid) {
        int mask = slots.length - 1;
        int i = hash(cid) & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = connection;
    }

    private void grow() {
        DtlsConnection[] old = slots;
        slots = new DtlsConnection[old.length * 2];
        for (DtlsConnection connection : old) {
            if (connection != null) {
                insert(connection, connection.localCid());
            }
        }
    }

    private int hash(byte[] cid) {
        int h = seed ^ Arrays.hashCode(cid);
        // The finaliser of MurmurHash3: every CID byte reaches the low bits the mask keeps.
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
