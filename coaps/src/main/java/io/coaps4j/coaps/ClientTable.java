package io.coaps4j.coaps;

import io.coaps4j.dtls.engine.DtlsResult;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.PriorityQueue;

/**
 * The client-role connections by address, least recently used first, and their retransmission
 * timers in one heap whose stale entries are skipped lazily (no timer object per idle session).
 * Event-loop thread only.
 */
final class ClientTable {
    private static final long NO_DEADLINE = DtlsResult.NO_DEADLINE;

    /** Access-ordered: every send or receive makes a connection the most recently used. */
    private final LinkedHashMap<InetSocketAddress, ClientConnection> byAddress = new LinkedHashMap<>(16, 0.75f, true);
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();

    ClientConnection get(InetSocketAddress address) {
        return byAddress.get(address);
    }

    void add(ClientConnection connection) {
        byAddress.put(connection.address, connection);
    }

    void remove(ClientConnection connection) {
        connection.removed = true;
        byAddress.remove(connection.address, connection);
    }

    int size() {
        return byAddress.size();
    }

    boolean isEmpty() {
        return byAddress.isEmpty();
    }

    /** Least recently used first; do not add or remove while iterating. */
    Collection<ClientConnection> connections() {
        return byAddress.values();
    }

    int established() {
        int count = 0;
        for (ClientConnection connection : byAddress.values()) {
            if (connection.session != null) {
                count++;
            }
        }
        return count;
    }

    /** The least recently used established connection that no resolve waits for, or null. */
    ClientConnection leastRecentlyUsedIdle() {
        for (ClientConnection connection : byAddress.values()) {
            if (connection.session != null && !connection.hasWaiters()) {
                return connection;
            }
        }
        return null;
    }

    /** Call after every call into the connection: its deadline may have moved. */
    void reschedule(ClientConnection connection) {
        if (connection.removed) {
            return;
        }
        long deadline = connection.connection.nextDeadline();
        if (deadline != connection.scheduled) {
            connection.scheduled = deadline;
            if (deadline != NO_DEADLINE) {
                timers.add(new Timer(deadline, connection));
            }
        }
    }

    long nextDeadline() {
        Timer head;
        while ((head = timers.peek()) != null && !head.isCurrent()) {
            timers.poll();
        }
        return head == null ? NO_DEADLINE : head.deadline;
    }

    /** The next connection whose timer is due at {@code now}, or null; its timer is consumed. */
    ClientConnection pollDue(long now) {
        Timer head;
        while ((head = timers.peek()) != null && head.deadline <= now) {
            timers.poll();
            if (head.isCurrent()) {
                head.connection.scheduled = NO_DEADLINE;
                return head.connection;
            }
        }
        return null;
    }

    /** A timer entry; stale once the connection is gone or rescheduled. */
    private record Timer(long deadline, ClientConnection connection) implements Comparable<Timer> {
        boolean isCurrent() {
            return !connection.removed && connection.scheduled == deadline;
        }

        @Override
        public int compareTo(Timer other) {
            return Long.compare(deadline, other.deadline);
        }
    }
}
