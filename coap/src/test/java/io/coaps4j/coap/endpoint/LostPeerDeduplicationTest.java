package io.coaps4j.coap.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import io.coaps4j.transport.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The endpoint tells its engine that peers can be lost exactly when its connector reports lost peers. */
class LostPeerDeduplicationTest {
    private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 40000);

    /** Hands datagrams in by hand; sends nowhere. */
    static final class ManualConnector implements Connector {
        final boolean reportsLostPeers;
        volatile ConnectorSink sink;

        ManualConnector(boolean reportsLostPeers) {
            this.reportsLostPeers = reportsLostPeers;
        }

        @Override
        public void start(EventLoop loop, ConnectorSink connectorSink) {
            this.sink = connectorSink;
        }

        @Override
        public void send(Peer peer, byte[] datagram) {
        }

        @Override
        public CompletionStage<Peer> resolve(String scheme, String host, InetSocketAddress address) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("serves nothing"));
        }

        @Override
        public boolean supports(String scheme) {
            return false;
        }

        @Override
        public boolean reportsLostPeers() {
            return reportsLostPeers;
        }

        @Override
        public InetSocketAddress localAddress() {
            return ADDRESS;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aConnectorThatReportsLostPeersGetsTheirMessageIdsForgotten() throws IOException {
        assertThat(requestsServedForTheSameConBeforeAndAfterALoss(true)).isEqualTo(2);
    }

    @Test
    void aConnectorThatDoesNotKeepsDuplicateDetectionAsBefore() throws IOException {
        assertThat(requestsServedForTheSameConBeforeAndAfterALoss(false)).isEqualTo(1);
    }

    private static int requestsServedForTheSameConBeforeAndAfterALoss(boolean reportsLostPeers) throws IOException {
        ManualConnector connector = new ManualConnector(reportsLostPeers);
        AtomicInteger served = new AtomicInteger();
        byte[] request = MessageCodec.encode(
                Message.of(MessageType.CON, Code.GET, 7, Token.ofHex("0b"), List.of(), new byte[0]));
        try (CoapEndpoint endpoint = CoapEndpoint.builder().connector(connector)
                .requestHandler((exchange, responder) -> {
                    served.incrementAndGet();
                    responder.respond(exchange, CoapResponse.of(Code.CONTENT));
                })
                .start()) {
            onLoop(endpoint, () -> connector.sink.received(new PlainPeer(ADDRESS), request, 0, request.length));
            onLoop(endpoint, () -> connector.sink.peerLost(new PlainPeer(ADDRESS)));
            onLoop(endpoint, () -> connector.sink.received(new PlainPeer(ADDRESS), request, 0, request.length));
        }
        return served.get();
    }

    private static void onLoop(CoapEndpoint endpoint, Runnable action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        endpoint.loop().execute(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException | AssertionError e) {
                done.completeExceptionally(e);
            }
        });
        done.orTimeout(10, TimeUnit.SECONDS).join();
    }
}
