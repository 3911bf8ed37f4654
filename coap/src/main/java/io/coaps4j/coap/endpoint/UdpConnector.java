package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import io.coaps4j.transport.EventLoop;
import io.coaps4j.transport.UdpChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The NoSec connector ({@code coap://}, RFC 7252 section 9): CoAP messages as plain UDP datagrams. */
public final class UdpConnector implements Connector {
    public static final String SCHEME = "coap";

    private final InetSocketAddress bindAddress;
    private volatile UdpChannel channel;

    /** A connector that will bind to {@code bindAddress} (port 0 for any free port). */
    public UdpConnector(InetSocketAddress bindAddress) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
    }

    @Override
    public void start(EventLoop loop, ConnectorSink sink) throws IOException {
        if (channel != null) {
            throw new IllegalStateException("connector already started on " + channel.localAddress());
        }
        channel = loop.openUdp(bindAddress, (udp, sender, datagram) -> deliver(sink, sender, datagram));
    }

    private static void deliver(ConnectorSink sink, InetSocketAddress sender, ByteBuffer datagram) {
        sink.received(new PlainPeer(sender), datagram.array(), datagram.arrayOffset() + datagram.position(),
                datagram.remaining());
    }

    @Override
    public void send(Peer peer, byte[] datagram) {
        UdpChannel udp = channel;
        if (udp != null) {
            udp.send(peer.address(), datagram, 0, datagram.length);
        }
    }

    @Override
    public CompletionStage<Peer> resolve(String scheme, String host, InetSocketAddress address) {
        if (!supports(scheme)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "scheme '" + scheme + "' is not served by the plain UDP connector (only coap)"));
        }
        if (address.isUnresolved()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unresolved address " + address));
        }
        return CompletableFuture.completedFuture(new PlainPeer(address));
    }

    @Override
    public boolean supports(String scheme) {
        return SCHEME.equals(scheme);
    }

    @Override
    public InetSocketAddress localAddress() {
        UdpChannel udp = channel;
        if (udp == null) {
            throw new IllegalStateException("connector not started");
        }
        return udp.localAddress();
    }

    @Override
    public void close() {
        UdpChannel udp = channel;
        if (udp != null) {
            udp.close();
        }
    }
}
