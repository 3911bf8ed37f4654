package io.coaps4j.bench.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.time.Duration;

/** CoAP over plain UDP (NoSec): one connected, non-blocking datagram channel per client. */
public final class PlainUdpTransport implements ClientTransport {
    private final DatagramChannel channel;

    private PlainUdpTransport(DatagramChannel channel) {
        this.channel = channel;
    }

    /** A factory binding each client to a fresh ephemeral port on the address family of the server. */
    public static Factory factory() {
        return PlainUdpTransport::open;
    }

    static PlainUdpTransport open(InetSocketAddress server) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0));
            // Connected: the kernel filters foreign senders and read/write skip address objects.
            channel.connect(server);
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new PlainUdpTransport(channel);
    }

    @Override
    public void connect(Duration timeout) {
        // Plain UDP has nothing to set up.
    }

    @Override
    public SelectableChannel channel() {
        return channel;
    }

    @Override
    public void send(ByteBuffer coapMessage) throws IOException {
        channel.write(coapMessage);
    }

    @Override
    public int receive(ByteBuffer coapOut) throws IOException {
        int read = channel.read(coapOut);
        if (read <= 0) {
            return NOTHING_WAITING;
        }
        coapOut.flip();
        return MESSAGE;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
