package io.coaps4j.dtls.engine;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's handshakes in progress: how many in all and per source IP address, and in admission
 * order, so that the oldest stalled one (a client that passed the cookie exchange and then fell silent)
 * is found at once when a new client needs its place.
 *
 * <p>The admission queue is cleaned lazily: handshakes that ended or progressed leave it when they reach
 * its head. Since a stalled handshake ends after {@code stalledHandshakeTimeout}, the head moves on within
 * that time, and the queue holds at most the admissions of about that long; a compaction bounds it
 * besides. Not thread-safe.
 */
final class HalfOpenHandshakes {
    private final Map<InetAddress, Integer> byAddress = new HashMap<>();
    private final ArrayDeque<DtlsConnection> admitted = new ArrayDeque<>();
    private final int compactAbove;
    private int count;

    HalfOpenHandshakes(int maxHandshakes) {
        this.compactAbove = 4 * maxHandshakes;
    }

    /** Handshakes in progress. */
    int count() {
        return count;
    }

    /** Handshakes in progress with clients at {@code address}. */
    int from(InetAddress address) {
        return byAddress.getOrDefault(address, 0);
    }

    void started(DtlsConnection connection) {
        count++;
        byAddress.merge(connection.peer().getAddress(), 1, Integer::sum);
        admitted.addLast(connection);
        if (admitted.size() > compactAbove) {
            admitted.removeIf(queued -> !queued.isHandshaking());
        }
    }

    void ended(DtlsConnection connection) {
        count--;
        byAddress.computeIfPresent(connection.peer().getAddress(), (address, n) -> n == 1 ? null : n - 1);
    }

    /** The longest-waiting handshake that is stalled at {@code now}, or null; the queue's head is cleaned on the way. */
    DtlsConnection oldestStalled(long now) {
        DtlsConnection head;
        while ((head = admitted.peekFirst()) != null && !head.stalled(now)) {
            if (head.isHandshaking() && head.handshake().waitsForFirstAnswer()) {
                return null; // admitted later than every stalled one could have been: none is stalled yet
            }
            admitted.pollFirst(); // ended or progressed: never stalled again
        }
        return head;
    }
}
