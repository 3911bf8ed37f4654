package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.record.RecordCodec;

import java.net.InetSocketAddress;

/**
 * Calls the connections of a server's {@link PeerSlot} and settles the slot after each call: a moved address, the
 * {@link SessionTable}'s counts and activity order, the slot's timer. While a new handshake waits to replace an
 * established session (RFC 6347 section 4.2.8) it routes each record between the two. Apart from
 * {@link DtlsServer}, so that the server finds slots and this calls them; one per server, on its loop.
 */
final class SlotDispatch {
    private final SessionTable table;
    private final SlotTimers timers;
    /** Bytes of the server's connection IDs (RFC 9146), 0 when it uses none: how it frames tls12_cid headers. */
    private final int cidLength;

    SlotDispatch(SessionTable table, SlotTimers timers, int cidLength) {
        this.table = table;
        this.timers = timers;
        this.cidLength = cidLength;
    }

    /**
     * While a new handshake waits to replace an established session (RFC 6347 section 4.2.8), each record
     * goes where it belongs: epoch 0 to the new handshake; a protected record to the session first, and to
     * the new handshake only when the session did not accept it, so the session keeps working.
     */
    void route(PeerSlot slot, InetSocketAddress from, byte[] datagram, int offset, int length, long now,
               DtlsOutput out) {
        int end = offset + length;
        int pos = offset;
        while (pos < end && !slot.removed) {
            DtlsConnection successor = slot.successor;
            if (successor == null) {
                receive(slot, slot.current, from, datagram, pos, end - pos, now, out);
                return;
            }
            int next = RecordCodec.recordEnd(datagram, pos, end, cidLength);
            if (next < 0) {
                receive(slot, successor, from, datagram, pos, end - pos, now, out);
                return;
            }
            if (RecordCodec.epoch(datagram, pos) == 0) {
                receive(slot, successor, from, datagram, pos, next - pos, now, out);
            } else {
                DtlsConnection session = slot.current;
                boolean accepted = session.receiveRouted(from, datagram, pos, next - pos, now, out, false);
                settle(slot, session, false, now, out);
                if (!accepted && !slot.removed && slot.successor == successor) {
                    successor.receiveRouted(from, datagram, pos, next - pos, now, out, true);
                    settle(slot, successor, true, now, out);
                }
            }
            pos = next;
        }
    }

    /** Gives {@code connection}, of {@code slot}, a datagram from {@code from}. */
    void receive(PeerSlot slot, DtlsConnection connection, InetSocketAddress from, byte[] datagram, int offset,
                 int length, long now, DtlsOutput out) {
        boolean wasHandshaking = connection.isHandshaking();
        connection.receive(from, datagram, offset, length, now, out);
        settle(slot, connection, wasHandshaking, now, out);
    }

    /** Runs {@code connection}'s timer, of {@code slot}, if it is due at {@code now}. */
    void fire(PeerSlot slot, DtlsConnection connection, long now, DtlsOutput out) {
        if (connection.nextDeadline() <= now) {
            boolean wasHandshaking = connection.isHandshaking();
            connection.onTimer(now, out);
            settle(slot, connection, wasHandshaking, now, out);
        }
    }

    /** Updates the slot, the table and the slot's timer after a call to one of its connections. */
    void settle(PeerSlot slot, DtlsConnection connection, boolean wasHandshaking, long now, DtlsOutput out) {
        InetSocketAddress movedFrom = ConnectionMoves.takeMovedFrom(connection);
        if (movedFrom != null) {
            table.moved(slot, connection, movedFrom); // RFC 9146 section 6: found at the new address from now on
        }
        table.settle(slot, connection, wasHandshaking, now, out);
        if (!slot.removed) {
            timers.reschedule(slot);
        }
    }
}
