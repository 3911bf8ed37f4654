package io.coaps4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UdpChannelTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void echoesDatagramsOverIpv4AndIpv6(String host) throws Exception {
        InetAddress address = InetAddress.getByName(host);
        try (EventLoop loop = EventLoop.start("echo");
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(address, 0))) {
            UdpChannel channel = loop.openUdp(new InetSocketAddress(address, 0), (ch, sender, datagram) -> {
                byte[] copy = new byte[datagram.remaining()];
                datagram.get(copy);
                ch.send(sender, ("echo:" + new String(copy, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            });
            assertThat(channel.localAddress().getPort()).isPositive();
            byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
            client.setSoTimeout(5000);
            client.send(new DatagramPacket(hello, hello.length, channel.localAddress()));
            DatagramPacket reply = new DatagramPacket(new byte[100], 100);
            client.receive(reply);
            assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)).isEqualTo("echo:hello");
            assertThat(reply.getSocketAddress()).isEqualTo(channel.localAddress());
        }
    }

    @Test
    void closeReleasesThePort() throws Exception {
        try (EventLoop loop = EventLoop.start("release")) {
            UdpChannel channel = loop.openUdp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), (c, s, d) -> { });
            InetSocketAddress bound = channel.localAddress();
            channel.close();
            assertThat(channel.isClosed()).isTrue();
            try (DatagramSocket again = new DatagramSocket(bound)) {
                assertThat(again.getLocalPort()).isEqualTo(bound.getPort());
            }
        }
    }

    @Test
    void closingTheLoopReleasesItsPortsAndEndsTheThread() throws Exception {
        EventLoop loop = EventLoop.start("release-all");
        UdpChannel channel = loop.openUdp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), (c, s, d) -> { });
        InetSocketAddress bound = channel.localAddress();
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        loop.execute(() -> thread.complete(Thread.currentThread()));
        loop.close();
        assertThat(thread.get(5, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(channel.isClosed()).isTrue();
        try (DatagramSocket again = new DatagramSocket(bound)) {
            assertThat(again.getLocalPort()).isEqualTo(bound.getPort());
        }
        assertThat(channel.send(bound, new byte[] {1})).isFalse();
    }
}
