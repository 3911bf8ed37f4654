package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client connections of a {@link DtlsEndpoint}, by peer address, in the order of their last use, with their
 * timers; at most {@code maxClientConnections}. A counting filter over their addresses ({@link AddressFilter}) spares
 * most datagrams of the server role the map lookup. Apart from the endpoint, which applies the rules between the two
 * roles; one per endpoint, on its loop.
 */
final class ClientTable {
    private final int maxConnections;
    /** Access-ordered: a datagram received makes a connection the most recently used. */
    private final LinkedHashMap<InetSocketAddress, PeerSlot> clients = new LinkedHashMap<>(16, 0.75f, true);
    /** Which addresses may be in {@link #clients}: most server-role datagrams skip that lookup. */
    private final AddressFilter addresses;
    private final SlotTimers timers = new SlotTimers();

    ClientTable(int maxConnections) {
        this.maxConnections = maxConnections;
        this.addresses = new AddressFilter(maxConnections);
    }

    /**
     * Our client connection's slot for {@code peer}, or null; a hit becomes the most recently used. The filter spares
     * most misses the map lookup.
     */
    PeerSlot slot(InetSocketAddress peer) {
        return clients.isEmpty() || !addresses.mayContain(peer) ? null : clients.get(peer);
    }

    /** Whether a client connection with {@code peer} exists, without touching the order of use. */
    boolean contains(InetSocketAddress peer) {
        return clients.containsKey(peer);
    }

    int maxConnections() {
        return maxConnections;
    }

    /** Whether {@code maxClientConnections} are held. */
    boolean full() {
        return clients.size() >= maxConnections;
    }

    /** Keeps {@code connection}, a new client connection with {@code peer}; returns its slot. */
    PeerSlot add(InetSocketAddress peer, DtlsConnection connection) {
        PeerSlot slot = new PeerSlot(connection);
        connection.slot = slot;
        clients.put(peer, slot);
        addresses.add(peer);
        return slot;
    }

    /** After a call into the slot's connection: dropped when it closed, else its timer follows its deadline. */
    void settle(PeerSlot slot) {
        DtlsConnection connection = slot.current;
        if (!connection.isOpen()) {
            slot.removed = true;
            if (clients.remove(connection.peer(), slot)) {
                addresses.remove(connection.peer());
            }
        } else {
            timers.reschedule(slot);
        }
    }

    /** The least recently used established client connection, or null when all are handshaking. */
    DtlsConnection leastRecentlyUsedEstablished() {
        for (PeerSlot client : clients.values()) {
            if (client.current.isEstablished()) {
                return client.current;
            }
        }
        return null;
    }

    /** The next slot whose timer is due at {@code now}, its timer cleared; null when none is due. */
    PeerSlot pollDue(long now) {
        return timers.pollDue(now);
    }

    /** When the next client timer is due, or {@link DtlsResult#NO_DEADLINE}. */
    long nextDeadline() {
        return timers.next();
    }

    /** The client connections' slots as they are now, so that the caller may close them. */
    List<PeerSlot> snapshot() {
        return new ArrayList<>(clients.values());
    }

    /** Calls {@code action} with each established client connection, least recently used first. */
    void forEachEstablished(Consumer<DtlsConnection> action) {
        for (PeerSlot client : clients.values()) {
            if (client.current.isEstablished()) {
                action.accept(client.current);
            }
        }
    }

    /** Client connections, established or handshaking. */
    int size() {
        return clients.size();
    }

    /** Established client connections (counted, not kept). */
    int established() {
        int count = 0;
        for (PeerSlot client : clients.values()) {
            if (client.current.isEstablished()) {
                count++;
            }
        }
        return count;
    }
}
