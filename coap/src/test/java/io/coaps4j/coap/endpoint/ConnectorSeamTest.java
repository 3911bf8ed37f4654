package io.coaps4j.coap.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.transport.EventLoop;
import io.coaps4j.transport.UdpChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A connector other than plain UDP plugs in through {@link Connector}: here a "secure-like" one over
 * real UDP that delays resolve (as a handshake would), tags peers with a session and principal,
 * and records that no datagram left before the session existed.
 */
class ConnectorSeamTest {

    /** A peer with a session id in its equality, as a DTLS binding's peer has. */
    record SessionPeer(InetSocketAddress address, long session, String identity) implements Peer {
        @Override
        public Optional<Principal> principal() {
            return Optional.of(() -> identity);
        }

        @Override
        public boolean secure() {
            return true;
        }
    }

    /** Frames each datagram with one byte of "session"; delivers with a SessionPeer. */
    static final class TaggingConnector implements Connector {
        final InetSocketAddress bind;
        final String identity;
        final long handshakeMillis;
        final AtomicBoolean established = new AtomicBoolean();
        final List<Peer> sentTo = new CopyOnWriteArrayList<>();
        final List<Boolean> sentWhileEstablished = new CopyOnWriteArrayList<>();
        volatile UdpChannel channel;

        TaggingConnector(InetSocketAddress bind, String identity, long handshakeMillis) {
            this.bind = bind;
            this.identity = identity;
            this.handshakeMillis = handshakeMillis;
        }

        @Override
        public void start(EventLoop loop, ConnectorSink sink) throws IOException {
            channel = loop.openUdp(bind, (udp, sender, datagram) -> {
                byte session = datagram.get();
                established.set(true); // the other side talking means the session exists
                sink.received(new SessionPeer(sender, session, "peer-of-" + identity), datagram.array(),
                        datagram.arrayOffset() + datagram.position(), datagram.remaining());
            });
        }

        @Override
        public void send(Peer peer, byte[] datagram) {
            SessionPeer secure = (SessionPeer) peer;
            sentTo.add(peer);
            sentWhileEstablished.add(established.get());
            byte[] framed = new byte[datagram.length + 1];
            framed[0] = (byte) secure.session();
            System.arraycopy(datagram, 0, framed, 1, datagram.length);
            channel.send(peer.address(), framed);
        }

        @Override
        public CompletionStage<Peer> resolve(String scheme, String host, InetSocketAddress address) {
            if (!supports(scheme)) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("only coaps"));
            }
            return CompletableFuture.supplyAsync(() -> {
                established.set(true);
                return new SessionPeer(address, 7, "peer-of-" + identity);
            }, CompletableFuture.delayedExecutor(handshakeMillis, TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean supports(String scheme) {
            return "coaps".equals(scheme);
        }

        @Override
        public InetSocketAddress localAddress() {
            return channel.localAddress();
        }

        @Override
        public void close() {
            if (channel != null) {
                channel.close();
            }
        }
    }

    @Test
    void requestsWaitForResolveAndTravelWithTheSecurePeer() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        TaggingConnector serverConnector = new TaggingConnector(new InetSocketAddress(loopback, 0), "server", 0);
        try (CoapServer server = CoapServer.builder().connector(serverConnector)
                .resource(Resource.builder("who").authorize(p -> p.getName().startsWith("peer-of-"))
                        .get(r -> CoapResponse.content(r.principal().orElseThrow().getName() + " session "
                                + ((SessionPeer) r.peer()).session()))
                        .build())
                .build().start();
             CoapClient client = CoapClient.builder()
                     .connector(new TaggingConnector(new InetSocketAddress(loopback, 0), "client", 200))
                     .timeout(Duration.ofSeconds(5)).build()) {
            TaggingConnector clientConnector = (TaggingConnector) client.endpoint().connector();
            int port = server.localAddress().getPort();
            long start = System.nanoTime();
            CoapResponse response = client.get("coaps://127.0.0.1:" + port + "/who");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
            assertThat(response.code()).isEqualTo(Code.CONTENT);
            assertThat(response.payloadAsString()).isEqualTo("peer-of-server session 7");
            assertThat(clientConnector.sentWhileEstablished).isNotEmpty().allMatch(b -> b);
            assertThat(serverConnector.sentTo).allMatch(p -> p instanceof SessionPeer && ((SessionPeer) p).session() == 7);

            assertThatThrownBy(() -> client.get("coap://127.0.0.1:" + port + "/who"))
                    .hasMessageContaining("only coaps");
        }
    }

    @Test
    void resolveCountsTowardTheTimeout() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (CoapClient client = CoapClient.builder()
                .connector(new TaggingConnector(new InetSocketAddress(loopback, 0), "client", 500))
                .timeout(Duration.ofMillis(200)).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.get("coaps://127.0.0.1:9/x"))
                    .isInstanceOf(io.coaps4j.coap.client.CoapTimeoutException.class)
                    .hasMessageContaining("200 ms");
            assertThat(System.nanoTime() - start).as("not held up by the 500 ms handshake")
                    .isLessThan(TimeUnit.MILLISECONDS.toNanos(450));
        }
    }
}
