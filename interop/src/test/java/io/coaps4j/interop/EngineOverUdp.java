package io.coaps4j.interop;

import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsResult;
import io.coaps4j.dtls.engine.DtlsServer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Our sans-IO DTLS engine driven over a real UDP socket against an in-process peer (Scandium): the client
 * connection or the server is fed what the socket receives and its timers, for at most 15 s or until done.
 */
final class EngineOverUdp {
    private EngineOverUdp() {
    }

    static long now(long start) {
        return System.nanoTime() - start;
    }

    static void transmit(DatagramSocket socket, InetSocketAddress to, DtlsResult result, List<DtlsEvent> events)
            throws IOException {
        for (byte[] datagram : result.datagrams()) {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        }
        events.addAll(result.events());
    }

    static void pump(DatagramSocket socket, InetSocketAddress to, DtlsConnection client, List<DtlsEvent> events,
                             long start, BooleanSupplier done) throws IOException {
        byte[] buffer = new byte[4096];
        long until = now(start) + 15_000_000_000L;
        while (!done.getAsBoolean() && now(start) < until) {
            long deadline = Math.min(client.nextDeadline(), until);
            socket.setSoTimeout((int) Math.max(1, Math.min((deadline - now(start)) / 1_000_000L, 500)));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                transmit(socket, to, client.receive(packet.getData(), 0, packet.getLength(), now(start)), events);
            } catch (SocketTimeoutException idle) {
                transmit(socket, to, client.onTimer(now(start)), events);
            }
        }
    }

    static void serve(DatagramSocket socket, DtlsServer server, List<DtlsServer.PeerEvent> events, long start,
                              BooleanSupplier done) throws IOException {
        byte[] buffer = new byte[4096];
        long until = now(start) + 15_000_000_000L;
        while (!done.getAsBoolean() && now(start) < until) {
            long deadline = Math.min(server.nextDeadline(), until);
            socket.setSoTimeout((int) Math.max(1, Math.min((deadline - now(start)) / 1_000_000L, 500)));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            DtlsServer.Result result;
            try {
                socket.receive(packet);
                result = server.receive((InetSocketAddress) packet.getSocketAddress(), packet.getData(), 0,
                        packet.getLength(), now(start));
            } catch (SocketTimeoutException idle) {
                result = server.onTimer(now(start));
            }
            for (DtlsServer.Outbound out : result.datagrams()) {
                socket.send(new DatagramPacket(out.datagram(), out.datagram().length, out.to()));
            }
            events.addAll(result.events());
        }
    }
}
