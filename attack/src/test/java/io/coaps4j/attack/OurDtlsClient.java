package io.coaps4j.attack;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * Our own DTLS client, run to completion from a given port: the normal handshake after an attack where
 * TLS-Attacker cannot complete one itself (it does not parse an RFC 7250 Certificate).
 */
final class OurDtlsClient {
    private OurDtlsClient() {
    }

    /** Runs a handshake from {@code port} on loopback to {@code server}; returns the connection's final status. */
    static DtlsConnection.Status handshake(DtlsConfig config, int port, InetSocketAddress server) {
        long origin = System.nanoTime();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            DtlsConnection client = DtlsConnection.client(config, CryptoContext.create(), new DtlsMetrics(), server,
                    Optional.empty());
            send(socket, server, client.start(System.nanoTime() - origin));
            byte[] buffer = new byte[65_536];
            long until = origin + 10_000_000_000L;
            while (client.status() == DtlsConnection.Status.HANDSHAKING && System.nanoTime() < until) {
                long now = System.nanoTime() - origin;
                socket.setSoTimeout((int) Math.max(1, Math.min((client.nextDeadline() - now) / 1_000_000L, 100)));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    send(socket, server, client.receive(packet.getData(), 0, packet.getLength(), System.nanoTime() - origin));
                } catch (SocketTimeoutException idle) {
                    send(socket, server, client.onTimer(System.nanoTime() - origin));
                }
            }
            return client.status();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, DtlsResult result) throws IOException {
        for (byte[] datagram : result.datagrams()) {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        }
    }
}
