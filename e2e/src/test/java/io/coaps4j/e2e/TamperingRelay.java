package io.coaps4j.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A man in the middle for the tamper tests: a UDP relay between one client and one server that records
 * every datagram and may rewrite or drop (null) those in each direction. Not a CoAP proxy: it forwards
 * bytes, so the client addresses the origin through it directly.
 */
final class TamperingRelay implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Thread thread;
    final List<byte[]> toServer = new CopyOnWriteArrayList<>();
    final List<byte[]> toClient = new CopyOnWriteArrayList<>();
    volatile UnaryOperator<byte[]> requestRewrite = UnaryOperator.identity();
    volatile UnaryOperator<byte[]> responseRewrite = UnaryOperator.identity();
    private volatile SocketAddress client;

    TamperingRelay(InetSocketAddress server) throws SocketException {
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::run, "tampering-relay");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Sends {@code datagram} to the server as if the client had (a replay). */
    void injectToServer(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, server));
    }

    private void run() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] data = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                boolean fromServer = packet.getSocketAddress().equals(server);
                if (!fromServer) {
                    client = packet.getSocketAddress();
                }
                (fromServer ? toClient : toServer).add(data);
                byte[] out = (fromServer ? responseRewrite : requestRewrite).apply(data);
                SocketAddress target = fromServer ? client : server;
                if (out != null && target != null) {
                    socket.send(new DatagramPacket(out, out.length, target));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
