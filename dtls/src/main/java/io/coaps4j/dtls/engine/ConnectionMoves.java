package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.DecryptedRecord;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a {@link DtlsConnection} with connection IDs may follow its peer to a new address (RFC 9146 section 6): only
 * after an authentic record newer than any before came from there, and, where the return routability check was
 * negotiated, only once a path_challenge sent there is answered (RFC 9853 section 5.1; meanwhile everything goes to
 * the old address). So neither a forged nor a replayed datagram can move a session or aim its traffic at a victim.
 * The state stays in the connection (its peer, the check made when first needed); these are the rules, run on its
 * loop within one of its calls.
 */
final class ConnectionMoves {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionMoves.class);

    private ConnectionMoves() {
    }

    /** An authentic CID record newer than any before came from {@code address}, not the peer's. */
    static void seenAt(DtlsConnection connection, InetSocketAddress address, long now) {
        if (!connection.returnRoutabilityNegotiated()) {
            moveTo(connection, address);
        } else {
            check(connection).seenAt(address, now, new CheckedPath(connection));
        }
    }

    /** A return_routability_check message of the session's epoch, authentic (RFC 9853 section 4). */
    static void onCheckMessage(DtlsConnection connection, DecryptedRecord record) {
        EngineContext engine = connection.engine();
        if (!connection.returnRoutabilityNegotiated()) {
            engine.metrics.handshakeDropped(HandshakeDropReason.RRC_NOT_ALLOWED);
            return;
        }
        InetSocketAddress from = engine.callFrom != null ? engine.callFrom : connection.peer();
        check(connection).onMessage(record.plaintext(), from, new CheckedPath(connection));
    }

    /** The check's timer is due: a path_challenge again, or the check given up. */
    static void onTimer(DtlsConnection connection, long now) {
        connection.returnRoutability.onTimer(now, new CheckedPath(connection));
    }

    /**
     * The address {@code connection} left since the last call of this method, or null: so that the server moves it
     * in its table, once per move.
     */
    static InetSocketAddress takeMovedFrom(DtlsConnection connection) {
        EngineContext engine = connection.engine();
        if (engine.moved != connection) {
            return null;
        }
        InetSocketAddress from = engine.movedFrom;
        engine.moved = null;
        engine.movedFrom = null;
        return from;
    }

    private static ReturnRoutability check(DtlsConnection connection) {
        if (connection.returnRoutability == null) {
            connection.returnRoutability = new ReturnRoutability(connection.engine());
        }
        return connection.returnRoutability;
    }

    private static void moveTo(DtlsConnection connection, InetSocketAddress address) {
        EngineContext engine = connection.engine();
        LOG.debug("{} {}: peer address now {}", engine.role, connection.peer(), address);
        if (engine.moved != connection) {
            engine.moved = connection;
            engine.movedFrom = connection.peer();
        }
        connection.peer(address);
        engine.metrics.cidAddressUpdated();
    }

    /** How the return routability check sends through the connection and moves it. */
    private record CheckedPath(DtlsConnection connection) implements ReturnRoutability.Path {
        @Override
        public void send(InetSocketAddress to, byte[] message) {
            connection.emitTo(to, connection.recordLayer().protect(connection.engine().crypto,
                    ContentType.RETURN_ROUTABILITY_CHECK, message, 0, message.length));
        }

        @Override
        public void validated(InetSocketAddress address) {
            if (!address.equals(connection.peer())) {
                moveTo(connection, address);
            }
        }
    }
}
