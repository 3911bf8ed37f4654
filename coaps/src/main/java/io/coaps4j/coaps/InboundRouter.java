package io.coaps4j.coaps;

import io.coaps4j.dtls.engine.DtlsServer;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.transport.DatagramReceiver;
import io.coaps4j.transport.UdpChannel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Routes each datagram of the socket to the DTLS role it belongs to: one from an address with a
 * client connection goes to that connection, anything else (and any ClientHello) to the DTLS
 * server. Reads the datagram in place, allocating nothing. Event-loop thread only.
 */
final class InboundRouter implements DatagramReceiver {
    private final ConnectorState state;
    private final SessionEvents events;

    InboundRouter(ConnectorState state, SessionEvents events) {
        this.state = state;
        this.events = events;
    }

    @Override
    public void received(UdpChannel channel, InetSocketAddress from, ByteBuffer datagram) {
        if (state.closed) {
            return;
        }
        byte[] data = datagram.array();
        int offset = datagram.arrayOffset() + datagram.position();
        int length = datagram.remaining();
        long now = state.nowMillis();
        ClientConnection client = state.clients.get(from);
        // A server never sends a ClientHello: one always goes to the server role, even from a peer we reach as client.
        if (client != null && !startsWithClientHello(data, offset, length)) {
            client.connection.receive(data, offset, length, now, client.output);
            events.afterClientCall(client, now);
            return;
        }
        if (!state.config.acceptHandshakes()) {
            state.counters.datagramsRefused++; // a client-only node has no DTLS server role
            return;
        }
        DtlsServer server = state.server;
        int handshakesBefore = server.handshakeCount();
        int connectionsBefore = server.connectionCount();
        server.receive(from, data, offset, length, now, events.serverOutput());
        events.drain(now);
        if (client != null && !client.removed
                && (server.handshakeCount() > handshakesBefore || server.connectionCount() > connectionsBefore)) {
            // The peer proved its address with a cookie and starts a new association from it (RFC 6347
            // section 4.2.8); one association per address pair, so ours as client is over.
            events.peerStartedHandshake(client);
        }
    }

    /** Same test as the DTLS server's: an epoch-0 handshake record whose first message is a ClientHello. */
    static boolean startsWithClientHello(byte[] data, int offset, int length) {
        return length > Record.HEADER_LENGTH
                && data[offset] == (byte) ContentType.HANDSHAKE.code()
                && data[offset + 3] == 0 && data[offset + 4] == 0
                && data[offset + Record.HEADER_LENGTH] == (byte) HandshakeType.CLIENT_HELLO.code();
    }
}
