package io.coaps4j.coaps;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * A one-socket UDP relay in front of a server, like a NAT: whatever a client sends to it goes to
 * the server from the relay's own address, and the server's datagrams go to the client that spoke
 * last. Two clients behind it therefore look like one address to the server, as a client that lost
 * its state and starts again does. It can also cut the link.
 */
final class UdpRelay implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Thread thread;
    private volatile InetSocketAddress client;
    private volatile boolean cut;
    private volatile boolean closed;

    UdpRelay(InetSocketAddress server) throws SocketException {
        this.server = server;
        this.socket = new DatagramSocket(Fixtures.anyLoopbackPort());
        this.thread = new Thread(this::run, "udp-relay");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Drops every datagram in both directions while true. */
    void cut(boolean value) {
        cut = value;
    }

    private void run() {
        byte[] buffer = new byte[65_536];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                if (cut) {
                    continue;
                }
                InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
                InetSocketAddress to;
                if (from.equals(server)) {
                    to = client;
                } else {
                    client = from;
                    to = server;
                }
                if (to != null) {
                    socket.send(new DatagramPacket(packet.getData(), packet.getLength(), to));
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        socket.close();
        thread.join(2_000);
    }
}
