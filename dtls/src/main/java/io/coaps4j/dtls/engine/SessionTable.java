package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's connections by peer address, and what each change of a connection's status means for
 * them: handshakes counted, sessions listed in order of last activity, the least recently active ones
 * closed when there are too many, a session replaced by its client's new handshake once that completed
 * (RFC 6347 section 4.2.8), closed connections removed.
 *
 * <p>The activity order is a doubly linked list through the slots: touching a session, finding the
 * least recently active one and removing one are O(1), and since activity times only grow, the oldest
 * session is also the first to reach the idle timeout. Not thread-safe.
 */
final class SessionTable {
    private final Map<InetSocketAddress, PeerSlot> byAddress = new HashMap<>();
    /**
     * The slots by the CIDs of their connections (RFC 9146), handshakes included: a CID is reserved when its
     * ServerHello goes out, so no two connections get the same one, and released when its connection ends.
     */
    private final CidTable byCid;
    private final int maxSessions;
    private PeerSlot oldest;
    private PeerSlot newest;
    private final HalfOpenHandshakes handshakes;
    private int sessions;

    private final RateLimitedWarning evictions;

    /** @param cidSeed the seed of the CID table's hash, random */
    SessionTable(int maxSessions, RateLimitedWarning evictions, int cidSeed) {
        this.maxSessions = maxSessions;
        this.byCid = new CidTable(cidSeed);
        this.evictions = evictions;
        this.handshakes = new HalfOpenHandshakes();
    }

    PeerSlot get(InetSocketAddress peer) {
        return byAddress.get(peer);
    }

    /** The slot whose connection has the CID {@code cid}, or null. */
    PeerSlot byCid(byte[] cid) {
        DtlsConnection connection = byCid.find(cid);
        return connection == null ? null : connection.slot;
    }

    /** Whether a connection has the CID {@code cid}. */
    boolean cidInUse(byte[] cid) {
        return byCid.contains(cid);
    }

    /**
     * {@code connection}, current in {@code slot}, has moved from {@code old} to its new peer address (RFC 9146
     * section 6): the slot is found by the new address from now on. Another slot found there before stays
     * reachable by its CID.
     */
    void moved(PeerSlot slot, DtlsConnection connection, InetSocketAddress old) {
        if (slot.removed || connection != slot.current) {
            return;
        }
        byAddress.remove(old, slot);
        byAddress.put(connection.peer(), slot);
    }

    private void releaseCid(DtlsConnection connection) {
        byCid.remove(connection);
    }

    /** Established sessions, listed in activity order. */
    int sessions() {
        return sessions;
    }

    /** Connections in their handshake, current or waiting to replace a session. */
    int handshakes() {
        return handshakes.count();
    }

    /** The handshakes in progress, by source address and in admission order. */
    HalfOpenHandshakes halfOpen() {
        return handshakes;
    }

    /** The least recently active session, or null. */
    PeerSlot oldest() {
        return oldest;
    }

    /**
     * Takes {@code fresh}, a new handshake of {@code peer}, into the table: in a new slot, in place of
     * {@code displaced} (a handshake of the same client, replaced now: the cookie exchange proved the
     * client), or beside the slot's established session, which it replaces only once complete.
     */
    PeerSlot admit(InetSocketAddress peer, PeerSlot slot, DtlsConnection fresh, DtlsConnection displaced, long now,
                   DtlsOutput out) {
        handshakes.started(fresh);
        if (displaced != null) {
            replace(displaced, now, out);
            releaseCid(displaced);
        }
        if (slot == null) {
            slot = new PeerSlot(fresh);
            byAddress.put(peer, slot);
        } else if (displaced == slot.current) {
            slot.current = fresh;
        } else {
            slot.successor = fresh; // made quiet by the caller before its first call
        }
        fresh.slot = slot;
        byCid.put(fresh);
        return slot;
    }

    /**
     * Lists {@code restored}, an established connection imported at start, for {@code peer}; false when the address
     * is taken already (the import does not replace a live connection).
     */
    boolean restore(InetSocketAddress peer, DtlsConnection restored, long now, DtlsOutput out) {
        if (byAddress.containsKey(peer) || (restored.localCid() != null && byCid.contains(restored.localCid()))) {
            return false;
        }
        PeerSlot slot = new PeerSlot(restored);
        byAddress.put(peer, slot);
        restored.slot = slot;
        byCid.put(restored);
        settleCurrent(slot, now, out);
        return true;
    }

    /** Calls {@code action} with each established connection, least recently active first. */
    void forEachSession(java.util.function.Consumer<DtlsConnection> action) {
        for (PeerSlot slot = oldest; slot != null; slot = slot.newer) {
            action.accept(slot.current);
        }
    }

    /** Closes {@code connection} of {@code slot} with close_notify for {@code reason}, and settles the slot. */
    void close(PeerSlot slot, DtlsConnection connection, DtlsEvent.CloseReason reason, long now, DtlsOutput out) {
        boolean wasHandshaking = connection.isHandshaking();
        connection.close(reason, now, out);
        settle(slot, connection, wasHandshaking, now, out);
    }

    /** Updates the slot and the table after a call to one of its connections, made at {@code now}. */
    void settle(PeerSlot slot, DtlsConnection connection, boolean wasHandshaking, long now, DtlsOutput out) {
        if (wasHandshaking && !connection.isHandshaking()) {
            handshakes.ended(connection);
        }
        if (connection == slot.successor) {
            settleSuccessor(slot, now, out);
        } else if (connection == slot.current) {
            settleCurrent(slot, now, out);
        }
    }

    private void settleSuccessor(PeerSlot slot, long now, DtlsOutput out) {
        DtlsConnection successor = slot.successor;
        switch (successor.status()) {
            case ESTABLISHED:
                // Its Finished verified: the old association must go (RFC 6347 section 4.2.8).
                DtlsConnection old = slot.current;
                slot.current = successor;
                slot.successor = null;
                replace(old, now, out);
                releaseCid(old);
                successor.announce(out);
                touch(slot);
                break;
            case CLOSED:
            case FAILED:
                releaseCid(successor);
                slot.successor = null; // the session it would have replaced stays
                break;
            default:
                break;
        }
    }

    private void settleCurrent(PeerSlot slot, long now, DtlsOutput out) {
        DtlsConnection current = slot.current;
        switch (current.status()) {
            case ESTABLISHED:
                if (!slot.listed) {
                    touch(slot);
                    makeRoom(slot, now, out);
                } else if (current.lastActivity() == now) {
                    touch(slot);
                }
                break;
            case CLOSED:
            case FAILED:
                releaseCid(current);
                unlist(slot);
                if (slot.successor != null) {
                    slot.current = slot.successor;
                    slot.successor = null;
                    slot.current.quiet(false); // no session left to protect: an ordinary handshake now
                } else {
                    byAddress.remove(current.peer(), slot);
                    slot.removed = true;
                }
                break;
            default:
                break;
        }
    }

    private void replace(DtlsConnection old, long now, DtlsOutput out) {
        boolean wasHandshaking = old.isHandshaking();
        old.replaced(now, out);
        if (wasHandshaking) {
            handshakes.ended(old);
        }
    }

    /** Closes the least recently active sessions while there are more than allowed; never {@code keep}. */
    private void makeRoom(PeerSlot keep, long now, DtlsOutput out) {
        PeerSlot victim;
        while (sessions > maxSessions && (victim = oldest) != null && victim != keep) {
            evictions.occurred(now);
            close(victim, victim.current, DtlsEvent.CloseReason.EVICTED, now, out);
        }
    }

    /** Lists {@code slot} as the most recently active session, moving it when listed already. */
    private void touch(PeerSlot slot) {
        if (slot.listed) {
            if (slot == newest) {
                return;
            }
            unlink(slot);
        } else {
            slot.listed = true;
            sessions++;
        }
        slot.older = newest;
        slot.newer = null;
        if (newest != null) {
            newest.newer = slot;
        } else {
            oldest = slot;
        }
        newest = slot;
    }

    private void unlist(PeerSlot slot) {
        if (slot.listed) {
            unlink(slot);
            slot.listed = false;
            sessions--;
        }
    }

    private void unlink(PeerSlot slot) {
        if (slot.older != null) {
            slot.older.newer = slot.newer;
        } else {
            oldest = slot.newer;
        }
        if (slot.newer != null) {
            slot.newer.older = slot.older;
        } else {
            newest = slot.older;
        }
        slot.older = null;
        slot.newer = null;
    }
}
