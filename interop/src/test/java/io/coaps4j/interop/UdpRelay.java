package io.coaps4j.interop;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A NAT for tests: a client sends to {@link #address()}, the relay forwards to the server from its current
 * outside socket and carries the answers back. {@link #rebind()} replaces the outside socket with one on a new
 * port, as a NAT does when its mapping expires: the server then sees the client at a new address, and what it
 * still sends to the old one is lost.
 */
final class UdpRelay implements AutoCloseable {
    private final DatagramSocket inside;
    private final InetSocketAddress server;
    private final AtomicReference<DatagramSocket> outside = new AtomicReference<>();
    private final AtomicReference<InetSocketAddress> client = new AtomicReference<>();
    private final Thread up;
    private volatile boolean closed;

    UdpRelay(InetSocketAddress server) throws SocketException {
        this.server = server;
        this.inside = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        openOutside();
        up = new Thread(this::forwardUp, "relay-up");
        up.setDaemon(true);
        up.start();
    }

    /** Where the client sends. */
    InetSocketAddress address() {
        return (InetSocketAddress) inside.getLocalSocketAddress();
    }

    /** The address the server sees the client at now. */
    InetSocketAddress outsideAddress() {
        return (InetSocketAddress) outside.get().getLocalSocketAddress();
    }

    /** A new outside port; the old one is closed. */
    void rebind() throws SocketException {
        DatagramSocket old = outside.get();
        openOutside();
        old.close();
    }

    private void openOutside() throws SocketException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        outside.set(socket);
        Thread down = new Thread(() -> forwardDown(socket), "relay-down-" + socket.getLocalPort());
        down.setDaemon(true);
        down.start();
    }

    private void forwardUp() {
        byte[] buffer = new byte[4096];
        while (!closed) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                inside.receive(packet);
                client.set((InetSocketAddress) packet.getSocketAddress());
                outside.get().send(new DatagramPacket(packet.getData(), packet.getLength(), server));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void forwardDown(DatagramSocket socket) {
        byte[] buffer = new byte[4096];
        while (!closed && !socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                InetSocketAddress to = client.get();
                if (to != null) {
                    inside.send(new DatagramPacket(packet.getData(), packet.getLength(), to));
                }
            } catch (IOException e) {
                return; // closed by a rebinding
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        inside.close();
        outside.get().close();
    }
}
