package io.coaps4j.bench.loadgen;

import io.coaps4j.bench.BenchRpk;
import io.coaps4j.bench.HelloResource;
import io.coaps4j.bench.server.CaliforniumPskServer;
import io.coaps4j.bench.server.OurPskServer;
import io.coaps4j.bench.server.OurRpkServer;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.server.CoapServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generator's Scandium transport against real servers in this process: PSK against ours and Californium's,
 * RawPublicKey against ours. The client side runs no DTLS code of the project.
 */
class ScandiumClientTransportTest {
    private static final ClientTransport.Factory SCANDIUM = ScandiumClientTransport.pskFactory();

    @Test
    void handshakesThenCarriesTheSameCoapBytesAndWakesTheSelector() throws Exception {
        try (CoapServer server = OurPskServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null).start();
             ClientTransport transport = SCANDIUM.open(loopback(server));
             Selector selector = Selector.open()) {
            transport.connect(Duration.ofSeconds(10));
            assertThat(transport.channel().isBlocking()).isFalse();
            transport.channel().register(selector, SelectionKey.OP_READ);
            ByteBuffer out = ByteBuffer.allocate(2048);
            assertThat(transport.receive(out)).as("nothing arrives before the first request")
                    .isEqualTo(ClientTransport.NOTHING_WAITING);

            for (int i = 0; i < 3; i++) {
                ByteBuffer request = RequestTemplate.get(HelloResource.PATH).newBuffer();
                RequestTemplate.patch(request, 200 + i, 9 + i);
                transport.send(request);
                assertThat(selector.select(5_000)).as("the response wakes the selector").isEqualTo(1);
                selector.selectedKeys().clear();
                out.clear();
                assertThat(transport.receive(out)).isEqualTo(ClientTransport.MESSAGE);
                Message response = decode(out);
                assertThat(response.type()).isEqualTo(MessageType.ACK);
                assertThat(response.messageId()).isEqualTo(200 + i);
                assertThat(response.code()).isEqualTo(Code.CONTENT);
                assertThat(RequestTemplate.tokenMatches(out, out.get(0) & 0x0f, 9 + i)).isTrue();
                assertThat(new String(response.payload(), StandardCharsets.UTF_8)).isEqualTo(HelloResource.TEXT);
                out.clear();
                assertThat(transport.receive(out)).isEqualTo(ClientTransport.NOTHING_WAITING);
            }
        }
    }

    @Test
    void connectSendsHandshakeRecordsOnlyAndTheFirstRequestIsTheFirstApplicationData() throws Exception {
        try (CoapServer server = OurPskServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null).start();
             RecordTypeRelay relay = new RecordTypeRelay(loopback(server));
             ClientTransport transport = SCANDIUM.open(relay.address())) {
            transport.connect(Duration.ofSeconds(10));
            assertThat(relay.clientRecordTypes()).as("ClientHello twice (cookie), then the client's last flight")
                    .contains(HANDSHAKE).doesNotContain(APPLICATION_DATA);

            ByteBuffer request = RequestTemplate.get(HelloResource.PATH).newBuffer();
            RequestTemplate.patch(request, 1, 1);
            transport.send(request);
            ByteBuffer out = ByteBuffer.allocate(2048);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (transport.receive(out) != ClientTransport.MESSAGE && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            assertThat(decode(out).code()).isEqualTo(Code.CONTENT);
            assertThat(relay.clientRecordTypes()).containsOnlyOnce(APPLICATION_DATA);
        }
    }

    @Test
    void aSilentServerTimesTheHandshakeOut() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             ClientTransport transport = SCANDIUM.open((InetSocketAddress) silent.getLocalAddress())) {
            assertThatThrownBy(() -> transport.connect(Duration.ofMillis(300)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("did not complete within");
        }
    }

    @Test
    void theLoadGeneratorRunsOnScandiumAgainstOurServerAndMovesEndpoints() throws Exception {
        try (CoapServer server = OurPskServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null).start()) {
            LoadResult result = LoadGenerator.run(LoadSpec.builder().server(loopback(server)).clients(4).generatorThreads(2)
                    .transport(SCANDIUM).requestsPerEndpoint(200)
                    .warmup(Duration.ofMillis(300)).measure(Duration.ofMillis(1500)).build(), WindowObserver.NONE);

            assertThat(result.successes()).isGreaterThan(200);
            assertThat(result.failures()).isZero();
            assertThat(result.sendErrors()).isZero();
            assertThat(result.endpointsMoved()).isPositive();
        }
    }

    @Test
    void theLoadGeneratorRunsOnScandiumAgainstCalifornium() throws Exception {
        org.eclipse.californium.core.CoapServer californium = CaliforniumPskServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, null);
        californium.start();
        try {
            LoadResult result = LoadGenerator.run(LoadSpec.builder().server(californium.getEndpoints().get(0).getAddress())
                    .clients(4).transport(SCANDIUM)
                    .warmup(Duration.ofMillis(300)).measure(Duration.ofMillis(1500)).build(), WindowObserver.NONE);

            assertThat(result.successes()).isPositive();
            assertThat(result.failures()).isZero();
            assertThat(result.sendErrors()).isZero();
        } finally {
            californium.destroy();
        }
    }

    @Test
    void theLoadGeneratorRunsOnScandiumInTheRawPublicKeyModeAgainstOurServer() throws Exception {
        BenchRpk keys = BenchRpk.generate();
        try (CoapServer server = OurRpkServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), keys, null).start()) {
            LoadResult result = LoadGenerator.run(LoadSpec.builder().server(loopback(server)).clients(2)
                    .transport(ScandiumClientTransport.rpkFactory(keys.clientKey(), keys.serverKey().getPublic()))
                    .warmup(Duration.ofMillis(300)).measure(Duration.ofMillis(1000)).build(), WindowObserver.NONE);

            assertThat(result.successes()).isPositive();
            assertThat(result.failures()).isZero();
            assertThat(result.sendErrors()).isZero();
        }
    }

    @Test
    void aServerKeyNotTrustedFailsTheRawPublicKeyHandshake() throws Exception {
        BenchRpk keys = BenchRpk.generate();
        BenchRpk other = BenchRpk.generate();
        try (CoapServer server = OurRpkServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), keys, null).start();
             ClientTransport transport = ScandiumClientTransport.rpkFactory(keys.clientKey(), other.serverKey().getPublic())
                     .open(loopback(server))) {
            assertThatThrownBy(() -> transport.connect(Duration.ofSeconds(10)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("failed");
        }
    }

    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;

    /**
     * A UDP relay between one client and a server that notes the content type (RFC 6347 section 4.1, the first
     * byte of a datagram's first record) of every datagram the client sends.
     */
    private static final class RecordTypeRelay implements AutoCloseable {
        private final DatagramChannel socket;
        private final InetSocketAddress server;
        private final java.util.List<Integer> clientTypes = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile InetSocketAddress client;

        RecordTypeRelay(InetSocketAddress server) throws IOException {
            this.server = server;
            this.socket = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            this.thread = new Thread(this::relay, "record-type-relay");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) socket.getLocalAddress();
        }

        java.util.List<Integer> clientRecordTypes() {
            return java.util.List.copyOf(clientTypes);
        }

        private void relay() {
            ByteBuffer datagram = ByteBuffer.allocate(1 << 16);
            try {
                while (true) {
                    datagram.clear();
                    InetSocketAddress from = (InetSocketAddress) socket.receive(datagram);
                    datagram.flip();
                    if (from.equals(server)) {
                        if (client != null) {
                            socket.send(datagram, client);
                        }
                    } else {
                        client = from;
                        clientTypes.add(datagram.get(0) & 0xff);
                        socket.send(datagram, server);
                    }
                }
            } catch (IOException e) {
                // closed: the test is over
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(1_000);
        }
    }

    private static InetSocketAddress loopback(CoapServer server) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.localAddress().getPort());
    }

    private static Message decode(ByteBuffer message) throws Exception {
        byte[] bytes = new byte[message.remaining()];
        message.duplicate().get(bytes);
        return MessageCodec.decode(bytes, 0, bytes.length);
    }
}
