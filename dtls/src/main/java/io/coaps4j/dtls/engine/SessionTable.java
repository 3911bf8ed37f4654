package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's slots by peer address, and its established sessions in order of last activity, a
 * doubly linked list through the slots: touching a session, finding the least recently active one and
 * removing one are O(1), and since activity times only grow, the oldest session is also the first to
 * reach the idle timeout. Not thread-safe.
 */
final class SessionTable {
    private final Map<InetSocketAddress, PeerSlot> byAddress = new HashMap<>();
    private PeerSlot oldest;
    private PeerSlot newest;
    private int sessions;

    PeerSlot get(InetSocketAddress peer) {
        return byAddress.get(peer);
    }

    void put(InetSocketAddress peer, PeerSlot slot) {
        byAddress.put(peer, slot);
    }

    /** Forgets the slot of {@code peer}, unlisting it. */
    void remove(InetSocketAddress peer, PeerSlot slot) {
        unlist(slot);
        byAddress.remove(peer, slot);
        slot.removed = true;
    }

    /** Established sessions, listed. */
    int sessions() {
        return sessions;
    }

    /** The least recently active session, or null. */
    PeerSlot oldest() {
        return oldest;
    }

    /** Lists {@code slot} as the most recently active session, moving it when listed already. */
    void touch(PeerSlot slot) {
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

    /** Takes {@code slot} off the list of sessions, if it is on it. */
    void unlist(PeerSlot slot) {
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
