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
 * <p>A handshake leaves the admission queue when it ends (searched from the head, where the oldest are,
 * so usually found at once), never holding a closed connection and its secrets; one that progressed
 * leaves it when it reaches the head. Not thread-safe.
 */
final class HalfOpenHandshakes {
    private final Map<InetAddress, Integer> byAddress = new HashMap<>();
    private final ArrayDeque<DtlsConnection> admitted = new ArrayDeque<>();
    private int count;

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
    }

    void ended(DtlsConnection connection) {
        count--;
        byAddress.computeIfPresent(connection.peer().getAddress(), (address, n) -> n == 1 ? null : n - 1);
        admitted.removeFirstOccurrence(connection);
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
