package io.coaps4j.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Receives the datagrams of one {@link UdpChannel}, always on the channel's event-loop thread.
 */
@FunctionalInterface
public interface DatagramReceiver {

    /**
     * One datagram arrived. {@code datagram} is a heap buffer positioned at the first byte and
     * limited to the last; it is reused for the next datagram, so it is valid only during this call
     * (copy what must outlive it).
     */
    void received(UdpChannel channel, InetSocketAddress sender, ByteBuffer datagram);
}
