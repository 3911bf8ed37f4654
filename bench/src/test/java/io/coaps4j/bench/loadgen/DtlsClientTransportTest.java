package io.coaps4j.bench.loadgen;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.HelloResource;
import io.coaps4j.bench.server.CaliforniumPskServer;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.dtls.engine.DtlsConnection;
import org.eclipse.californium.core.CoapServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our DTLS client transport against Scandium (Californium 3.13), an independent DTLS 1.2 PSK server. */
class DtlsClientTransportTest {
    private static CoapServer scandium;
    private static InetSocketAddress address;

    @BeforeAll
    static void startScandium() {
        scandium = CaliforniumPskServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, null);
        scandium.start();
        address = scandium.getEndpoints().get(0).getAddress();
    }

    @AfterAll
    static void stopScandium() {
        scandium.destroy();
    }

    private static ClientTransport.Factory factory(byte[] key) {
        return DtlsClientTransport.factory(DtlsClientTransport.pskConfig(address.getAddress(), BenchPsk.IDENTITY, key));
    }

    @Test
    void handshakesThenCarriesCoapRequestsAndResponses() throws Exception {
        try (ClientTransport transport = factory(BenchPsk.key()).open(address)) {
            transport.connect(Duration.ofSeconds(10));
            assertThat(((DtlsClientTransport) transport).connection().status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
            assertThat(transport.channel().isBlocking()).isFalse();

            for (int i = 0; i < 3; i++) {
                ByteBuffer request = RequestTemplate.get(HelloResource.PATH).newBuffer();
                RequestTemplate.patch(request, 100 + i, 7 + i);
                transport.send(request);
                Message response = awaitMessage(transport);
                assertThat(response.type()).isEqualTo(MessageType.ACK);
                assertThat(response.messageId()).isEqualTo(100 + i);
                assertThat(response.code()).isEqualTo(Code.CONTENT);
                assertThat(new String(response.payload(), StandardCharsets.UTF_8)).isEqualTo(HelloResource.TEXT);
            }
        }
    }

    @Test
    void aWrongKeyFailsTheHandshakeWithAClearMessage() throws Exception {
        try (ClientTransport transport = factory("not-the-right-key".getBytes(StandardCharsets.US_ASCII)).open(address)) {
            assertThatThrownBy(() -> transport.connect(Duration.ofSeconds(10)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("DTLS handshake with");
        }
    }

    @Test
    void aSilentServerTimesTheHandshakeOut() throws Exception {
        try (java.nio.channels.DatagramChannel silent = java.nio.channels.DatagramChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             ClientTransport transport = factory(BenchPsk.key()).open((InetSocketAddress) silent.getLocalAddress())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.connect(Duration.ofMillis(300)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("did not complete within");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void theLoadGeneratorRunsOverDtlsAndHandshakesAgainWhenAClientMovesEndpoint() throws Exception {
        LoadResult result = LoadGenerator.run(LoadSpec.builder().server(address).clients(4).generatorThreads(2)
                .transport(factory(BenchPsk.key())).requestsPerEndpoint(200)
                .warmup(Duration.ofMillis(300)).measure(Duration.ofMillis(1500)).build(), WindowObserver.NONE);

        assertThat(result.successes()).isGreaterThan(200);
        assertThat(result.failures()).isZero();
        assertThat(result.sendErrors()).isZero();
        assertThat(result.endpointsMoved()).isPositive();
    }

    private static Message awaitMessage(ClientTransport transport) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(2048);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() - deadline < 0) {
            out.clear();
            if (transport.receive(out) == ClientTransport.MESSAGE) {
                byte[] bytes = new byte[out.remaining()];
                out.get(bytes);
                return MessageCodec.decode(bytes, 0, bytes.length);
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no CoAP message within 5 s");
    }
}
