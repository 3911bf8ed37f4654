package io.coaps4j.coap.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.client.CoapConnectException;
import io.coaps4j.coap.client.CoapMessageTooLargeException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.transport.EventLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What an endpoint offers its connector (keep-alive pings from the engine) and how failures reach
 * the client API as typed exceptions: a connection that cannot be opened, a message too large for
 * the transport (both ways), and conflicting builder options.
 */
class EndpointFailuresTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5999);

    /** A connector without a network: records what is sent, answers pings when told to, fails resolve when told to. */
    static final class InMemoryConnector implements Connector {
        final List<byte[]> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger resolveCalls = new AtomicInteger();
        volatile boolean answerPings;
        volatile RuntimeException resolveFailure;
        volatile int maxMessageSize = EngineConfig.UDP_MAX_MESSAGE_SIZE;
        volatile ConnectorSink sink;
        volatile EventLoop loop;

        @Override
        public void start(EventLoop eventLoop, ConnectorSink connectorSink) {
            this.loop = eventLoop;
            this.sink = connectorSink;
        }

        @Override
        public void send(Peer peer, byte[] datagram) {
            sent.add(datagram);
            if (answerPings && datagram.length == 4 && (datagram[0] & 0xFF) == 0x40) { // empty CON
                int messageId = (datagram[2] & 0xFF) << 8 | (datagram[3] & 0xFF);
                byte[] rst = MessageCodec.encode(Message.empty(MessageType.RST, messageId));
                loop.execute(() -> sink.received(peer, rst, 0, rst.length));
            }
        }

        @Override
        public CompletionStage<Peer> resolve(String scheme, String host, InetSocketAddress address) {
            resolveCalls.incrementAndGet();
            RuntimeException failure = resolveFailure;
            return failure != null ? CompletableFuture.failedFuture(failure)
                    : CompletableFuture.completedFuture(new PlainPeer(address));
        }

        @Override
        public boolean supports(String scheme) {
            return "coap".equals(scheme);
        }

        @Override
        public int maxMessageSize() {
            return maxMessageSize;
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(0);
        }

        @Override
        public void close() {
        }
    }

    private static Boolean ping(InMemoryConnector connector, Duration ackTimeout, int maxRetransmit) throws Exception {
        CompletableFuture<Boolean> verdict = new CompletableFuture<>();
        connector.loop.execute(() -> connector.sink.ping(new PlainPeer(PEER), ackTimeout, maxRetransmit,
                verdict::complete));
        return verdict.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aConnectorAsksTheEngineToPingAndHearsAliveOrDead() throws Exception {
        InMemoryConnector connector = new InMemoryConnector();
        try (CoapEndpoint endpoint = CoapEndpoint.builder().connector(connector).start()) {
            connector.answerPings = true;
            assertThat(ping(connector, Duration.ofMillis(50), 1)).isTrue();
            assertThat(connector.sent).hasSize(1);
            int firstId = MessageCodec.decode(connector.sent.get(0)).messageId();

            connector.answerPings = false;
            long start = System.nanoTime();
            assertThat(ping(connector, Duration.ofMillis(20), 1)).isFalse();
            assertThat(System.nanoTime() - start).as("20 ms + 40 ms of waiting")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(60));
            assertThat(connector.sent).hasSize(3);
            assertThat(MessageCodec.decode(connector.sent.get(1)).messageId())
                    .as("the engine's own counter").isEqualTo((firstId + 1) & 0xFFFF);
        }
    }

    @Test
    void aConnectionThatCannotBeOpenedIsATypedClientException() {
        InMemoryConnector connector = new InMemoryConnector();
        IllegalStateException handshakeFailure = new IllegalStateException("handshake failed: decrypt_error");
        connector.resolveFailure = handshakeFailure;
        try (CoapClient client = CoapClient.builder().connector(connector).timeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(() -> client.get("coap://127.0.0.1:5999/x"))
                    .isInstanceOf(CoapConnectException.class)
                    .hasMessageContaining("coap://127.0.0.1:5999/x").hasMessageContaining("decrypt_error")
                    .hasCause(handshakeFailure)
                    .satisfies(e -> assertThat(((CoapClientException) e).failure())
                            .isEqualTo(ExchangeFailure.CONNECTION_FAILED));
        }
    }

    @Test
    void aRequestTooLargeForTheTransportFailsBeforeAnySessionIsOpened() {
        InMemoryConnector connector = new InMemoryConnector();
        connector.maxMessageSize = 300;
        try (CoapClient client = CoapClient.builder().connector(connector).withoutBlockwise().build()) {
            assertThatThrownBy(() -> client.put("coap://127.0.0.1:5999/x", new byte[1000], 0))
                    .isInstanceOf(CoapMessageTooLargeException.class)
                    .hasMessageContaining("exceeds the transport's limit of 300 bytes")
                    .satisfies(e -> {
                        CoapMessageTooLargeException tooLarge = (CoapMessageTooLargeException) e;
                        assertThat(tooLarge.limit()).isEqualTo(300);
                        assertThat(tooLarge.size()).isGreaterThan(1000);
                    });
            assertThat(connector.resolveCalls).as("no handshake for a request that cannot leave").hasValue(0);
            assertThat(connector.sent).isEmpty();
        }
    }

    @Test
    void withBlockwiseOnlyOptionsThatLeaveNoRoomForABlockFailBeforeAnySessionIsOpened() {
        InMemoryConnector connector = new InMemoryConnector();
        connector.maxMessageSize = 300;
        try (CoapClient client = CoapClient.builder().connector(connector).build()) {
            assertThatThrownBy(() -> client.put("coap://127.0.0.1:5999/" + "p".repeat(250) + "/" + "q".repeat(250),
                    new byte[1000], 0))
                    .isInstanceOf(CoapMessageTooLargeException.class)
                    .hasMessageContaining("exceeds the transport's limit of 300 bytes");
            assertThat(connector.resolveCalls).as("no handshake for a request that cannot leave").hasValue(0);
            assertThat(connector.sent).isEmpty();
        }
    }

    /** Plain UDP that claims a small limit, to make a server's response too large. */
    static final class SmallUdpConnector implements Connector {
        private final UdpConnector udp = new UdpConnector(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

        @Override
        public void start(EventLoop loop, ConnectorSink sink) throws IOException {
            udp.start(loop, sink);
        }

        @Override
        public void send(Peer peer, byte[] datagram) {
            udp.send(peer, datagram);
        }

        @Override
        public CompletionStage<Peer> resolve(String scheme, String host, InetSocketAddress address) {
            return udp.resolve(scheme, host, address);
        }

        @Override
        public boolean supports(String scheme) {
            return udp.supports(scheme);
        }

        @Override
        public int maxMessageSize() {
            return 300;
        }

        @Override
        public InetSocketAddress localAddress() {
            return udp.localAddress();
        }

        @Override
        public void close() {
            udp.close();
        }
    }

    @Test
    void withoutBlockwiseAResponseTooLargeForTheTransportReachesTheClientAs500() {
        try (CoapServer server = CoapServer.builder().connector(new SmallUdpConnector()).withoutBlockwise()
                .resource(Resource.builder("big").get(r -> CoapResponse.content("x".repeat(1000))).build())
                .build().start();
             CoapClient client = CoapClient.builder().timeout(Duration.ofSeconds(5)).build()) {
            CoapResponse response = client.get("coap://127.0.0.1:" + server.localAddress().getPort() + "/big");
            assertThat(response.code()).isEqualTo(Code.INTERNAL_SERVER_ERROR);
            assertThat(response.payloadAsString()).contains("exceeds the transport's limit of 300 bytes");
        }
    }

    @Test
    void aResponseTooLargeForTheTransportGoesBlockwiseInBlocksThatFit() {
        String body = "0123456789".repeat(2_000); // 20 kB: once one datagram over coap
        try (CoapServer server = CoapServer.builder().connector(new SmallUdpConnector())
                .resource(Resource.builder("big").get(r -> CoapResponse.content(body)).build())
                .build().start();
             CoapClient client = CoapClient.builder().timeout(Duration.ofSeconds(20)).build()) {
            CoapResponse response = client.get("coap://127.0.0.1:" + server.localAddress().getPort() + "/big");
            assertThat(response.code()).isEqualTo(Code.CONTENT);
            assertThat(response.payloadAsString()).isEqualTo(body);
            assertThat(response.option(OptionNumber.BLOCK2)).as("the client sees one whole body").isEmpty();
        }
    }

    @Test
    void conflictingClientAndEndpointOptionsAreRejected() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        assertThatThrownBy(() -> CoapClient.builder().bind(any).connector(new InMemoryConnector()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bind address and connector");
        assertThatThrownBy(() -> CoapEndpoint.builder().bind(any).connector(new InMemoryConnector()).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bind address and connector");
        try (CoapEndpoint shared = CoapEndpoint.builder().connector(new InMemoryConnector()).start()) {
            assertThatThrownBy(() -> CoapClient.builder().endpoint(shared).config(EngineConfig.DEFAULT).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared endpoint");
            assertThatThrownBy(() -> CoapClient.builder().endpoint(shared).bind(any).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared endpoint");
            CoapClient.builder().endpoint(shared).timeout(Duration.ofSeconds(1)).build().close();
        }
    }
}
