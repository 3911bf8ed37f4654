package io.coaps4j.dtls.engine;

/**
 * The server's place for one peer address: its connection, and while that one is an established
 * session, possibly a second handshake from the same address that will replace it once complete
 * (RFC 6347 section 4.2.8). Established slots are linked in order of last activity; the deadline
 * its timer entry was made for tells current entries from stale ones.
 */
final class PeerSlot {
    /** The connection the address is served by: established, or a handshake. */
    DtlsConnection current;
    /** A new handshake from the same client while {@link #current} is established; null otherwise. */
    DtlsConnection successor;
    /** Neighbours in the table's activity order, while listed. */
    PeerSlot older;
    PeerSlot newer;
    boolean listed;
    boolean removed;
    long scheduled = DtlsResult.NO_DEADLINE;

    PeerSlot(DtlsConnection current) {
        this.current = current;
    }

    /** Which of the slot's connections began with the ClientHello of {@code random}, or null. */
    DtlsConnection startedBy(byte[] random) {
        if (startedBy(current, random)) {
            return current;
        }
        return successor != null && startedBy(successor, random) ? successor : null;
    }

    private static boolean startedBy(DtlsConnection connection, byte[] random) {
        ConnectionHandshake handshake = connection.handshake();
        return handshake != null && handshake.startedBy(random);
    }

    /** The earlier deadline of the slot's connections. */
    long deadline() {
        long deadline = current.nextDeadline();
        return successor == null ? deadline : Math.min(deadline, successor.nextDeadline());
    }
}
