package io.coaps4j.attack;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Our own DTLS client, run to completion from a given port: the normal handshake after an attack where
 * TLS-Attacker cannot complete one itself (it does not parse an RFC 7250 Certificate), and the target of the
 * attacks of TLS-Attacker as a server.
 */
final class OurDtlsClient {
    private OurDtlsClient() {
    }

    /** What the client ended in, and the events it reported on the way. */
    record Result(DtlsConnection.Status status, List<DtlsEvent> events) {
    }

    /** Runs a handshake from {@code port} on loopback to {@code server}; returns the connection's final status. */
    static DtlsConnection.Status handshake(DtlsConfig config, int port, InetSocketAddress server) {
        return run(config, port, server, Duration.ofSeconds(10)).status();
    }

    /** Runs a handshake from {@code port} to {@code server} until it ends or {@code limit} passes. */
    static Result run(DtlsConfig config, int port, InetSocketAddress server, Duration limit) {
        long origin = System.nanoTime();
        List<DtlsEvent> events = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            DtlsConnection client = DtlsConnection.client(config, CryptoContext.create(), new DtlsMetrics(), server,
                    Optional.empty());
            send(socket, server, client.start(System.nanoTime() - origin), events);
            byte[] buffer = new byte[65_536];
            long until = origin + limit.toNanos();
            while (client.status() == DtlsConnection.Status.HANDSHAKING && System.nanoTime() < until) {
                long now = System.nanoTime() - origin;
                socket.setSoTimeout((int) Math.max(1, Math.min((client.nextDeadline() - now) / 1_000_000L, 100)));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    send(socket, server, client.receive(packet.getData(), 0, packet.getLength(), System.nanoTime() - origin),
                            events);
                } catch (SocketTimeoutException idle) {
                    send(socket, server, client.onTimer(System.nanoTime() - origin), events);
                }
            }
            return new Result(client.status(), events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, DtlsResult result, List<DtlsEvent> events)
            throws IOException {
        for (byte[] datagram : result.datagrams()) {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        }
        events.addAll(result.events());
    }
}
