package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.SimulatedNetwork.Node;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The per-message layer stack between the exchange and message layers, proved with real layers:
 * one that transforms payloads both ways (as end-to-end protection would), one that absorbs
 * requests and answers them itself, one that answers from a cache without the network, and one
 * that absorbs a response and sends a request of its own (as block-wise transfer does).
 */
class LayerStackTest {
    private static final long MS = SimulatedNetwork.MS;
    private static final long SECOND = 1000 * MS;

    /** Reverses the payload and flips bits: what leaves is unreadable, what arrives is restored. */
    static final class PayloadCipher implements MessageLayer {
        private static byte[] flip(byte[] payload) {
            byte[] out = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                out[payload.length - 1 - i] = (byte) (payload[i] ^ 0x5A);
            }
            return out;
        }

        private static Message transformed(Message m) {
            return Message.of(m.type(), m.code(), m.messageId(), m.token(), m.options(), flip(m.payload()));
        }

        @Override
        public Message sendRequest(ClientExchange exchange, Message request, LayerContext context, long nowNanos) {
            return transformed(request);
        }

        @Override
        public Message receiveResponse(ClientExchange exchange, Message response, LayerContext context, long nowNanos) {
            return transformed(response);
        }

        @Override
        public Message receiveRequest(ServerExchange exchange, Message request, LayerContext context, long nowNanos) {
            return transformed(request);
        }

        @Override
        public Message sendResponse(ServerExchange exchange, Message response, LayerContext context, long nowNanos) {
            return transformed(response);
        }
    }

    /** Answers requests for /layer-status itself; the application never sees them. */
    static final class StatusLayer implements MessageLayer {
        final AtomicInteger answered = new AtomicInteger();

        @Override
        public Message receiveRequest(ServerExchange exchange, Message request, LayerContext context, long nowNanos) {
            if (!request.uriPath().equals(List.of("layer-status"))) {
                return request;
            }
            context.respond(exchange, CoapResponse.content("status " + answered.incrementAndGet()).template(),
                    nowNanos);
            return null;
        }
    }

    private static Message post(String path, String body) {
        return Message.of(MessageType.CON, Code.POST, 0, Token.EMPTY,
                List.of(Option.ofString(OptionNumber.URI_PATH, path)), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void layersTransformBothWaysAndAbsorbOverALossyNetwork() {
        SimulatedNetwork net = new SimulatedNetwork(11, 0.2, 0.1, 300 * MS);
        List<String> onTheWire = new ArrayList<>();
        net.wireTap = (to, datagram) -> onTheWire.add(new String(datagram, StandardCharsets.ISO_8859_1));
        PlainPeer serverPeer = new PlainPeer(new InetSocketAddress("10.0.0.1", 5683));
        PlainPeer clientPeer = new PlainPeer(new InetSocketAddress("10.0.1.1", 40000));
        StatusLayer status = new StatusLayer();
        // The status layer sits above the cipher: its answers are enciphered on the way out.
        Node server = net.node(serverPeer, EngineConfig.DEFAULT, 1, List.of(status, new PayloadCipher()));
        Node client = net.node(clientPeer, EngineConfig.DEFAULT, 2, List.of(new PayloadCipher()));
        List<String> handled = new ArrayList<>();
        server.behaviour = (node, exchange) -> {
            handled.add(exchange.request().payloadAsString());
            node.engine.respond(exchange, CoapResponse.content("re:" + exchange.request().payloadAsString()),
                    net.now());
        };
        Map<String, String> answers = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            String body = "msg-" + i;
            client.engine.request(serverPeer, post("echo", body), 300 * SECOND, listener(answers, body), net.now());
        }
        client.engine.request(serverPeer, post("layer-status", ""), 300 * SECOND, listener(answers, "status"),
                net.now());
        net.runUntil(600 * SECOND);

        assertThat(answers).as("every request answered despite loss").hasSize(11);
        for (int i = 0; i < 10; i++) {
            assertThat(answers.get("msg-" + i)).isEqualTo("re:msg-" + i);
        }
        assertThat(answers.get("status")).isEqualTo("status 1");
        assertThat(handled).as("the handler saw plain payloads, never the status request")
                .containsExactlyInAnyOrderElementsOf(answers.keySet().stream().filter(k -> k.startsWith("msg-")).toList());
        assertThat(onTheWire).isNotEmpty().noneMatch(d -> d.contains("msg-") || d.contains("re:") || d.contains("status "));
        for (Node node : net.nodes()) {
            assertThat(node.engine.pendingRequests()).isZero();
            assertThat(node.engine.scheduledTimers()).isZero();
        }
    }

    private static ResponseListener listener(Map<String, String> answers, String key) {
        return new ResponseListener() {
            @Override
            public void onResponse(Message response) {
                assertThat(answers.put(key, response.payloadAsString())).as("one response per request").isNull();
            }

            @Override
            public void onFailure(ExchangeFailure failure) {
                answers.put(key, "failed: " + failure);
            }
        };
    }

    /** Answers a GET it has answered before from its cache, without the network. */
    static final class CacheLayer implements MessageLayer {
        final Map<List<String>, Message> cache = new HashMap<>();
        final Map<ClientExchange, List<String>> asked = new HashMap<>();

        @Override
        public Message sendRequest(ClientExchange exchange, Message request, LayerContext context, long nowNanos) {
            Message cached = cache.get(request.uriPath());
            if (cached != null) {
                context.deliverResponse(exchange, cached, nowNanos);
                return null;
            }
            asked.put(exchange, request.uriPath());
            return request;
        }

        @Override
        public Message receiveResponse(ClientExchange exchange, Message response, LayerContext context, long nowNanos) {
            cache.put(asked.remove(exchange), response);
            return response;
        }
    }

    private final PlainPeer server = new PlainPeer(new InetSocketAddress("127.0.0.1", 5683));

    private static Message get(String path) {
        return Message.of(MessageType.CON, Code.GET, 0, Token.EMPTY,
                List.of(Option.ofString(OptionNumber.URI_PATH, path)), new byte[0]);
    }

    @Test
    void aLayerCanAnswerARequestWithoutTheNetwork() {
        TestNode client = new TestNode(EngineConfig.DEFAULT, 3, List.of(new CacheLayer()));
        TestNode.Outcome first = new TestNode.Outcome(client);
        client.engine.request(server, get("time"), 10 * SECOND, first, client.now);
        Message request = client.lastSent();
        client.receive(server, Message.of(MessageType.ACK, Code.CONTENT, request.messageId(), request.token(),
                List.of(), "noon".getBytes(StandardCharsets.UTF_8)));
        client.takeSent();

        TestNode.Outcome second = new TestNode.Outcome(client);
        ClientExchange cached = client.engine.request(server, get("time"), 10 * SECOND, second, client.now);
        assertThat(client.sent).as("answered by the layer").isEmpty();
        assertThat(second.responses).extracting(Message::payloadAsString).containsExactly("noon");
        assertThat(cached.isDone()).isTrue();
        assertThat(client.engine.pendingRequests()).isZero();
        assertThat(client.engine.scheduledTimers()).isZero();
    }

    /** Absorbs a 5.03 and asks again with a request of its own, then delivers that answer instead. */
    static final class RetryLayer implements MessageLayer {
        final Map<ClientExchange, Message> requests = new HashMap<>();

        @Override
        public Message sendRequest(ClientExchange exchange, Message request, LayerContext context, long nowNanos) {
            requests.put(exchange, request);
            return request;
        }

        @Override
        public Message receiveResponse(ClientExchange exchange, Message response, LayerContext context, long nowNanos) {
            Message request = requests.remove(exchange);
            if (response.code().equals(Code.SERVICE_UNAVAILABLE) && request != null) {
                context.request(exchange.peer(), request, 10 * SECOND, new ResponseListener() {
                    @Override
                    public void onResponse(Message retried) {
                        context.deliverResponse(exchange, retried, nowNanos);
                    }

                    @Override
                    public void onFailure(ExchangeFailure failure) {
                    }
                }, nowNanos);
                return null;
            }
            return response;
        }
    }

    @Test
    void aLayerCanAbsorbAResponseAndSendARequestOfItsOwn() {
        TestNode client = new TestNode(EngineConfig.DEFAULT, 4, List.of(new RetryLayer()));
        TestNode.Outcome outcome = new TestNode.Outcome(client);
        client.engine.request(server, get("busy"), 10 * SECOND, outcome, client.now);
        Message first = client.lastSent();
        client.receive(server, Message.of(MessageType.ACK, Code.SERVICE_UNAVAILABLE, first.messageId(), first.token(),
                List.of(), new byte[0]));
        assertThat(outcome.count()).as("the 5.03 was absorbed").isZero();
        Message retry = client.lastSent();
        assertThat(retry.messageId()).isNotEqualTo(first.messageId());
        assertThat(retry.token()).isNotEqualTo(first.token());
        assertThat(retry.uriPath()).containsExactly("busy");
        client.receive(server, Message.of(MessageType.ACK, Code.CONTENT, retry.messageId(), retry.token(),
                List.of(), "done".getBytes(StandardCharsets.UTF_8)));
        assertThat(outcome.responses).extracting(Message::payloadAsString).containsExactly("done");
        assertThat(client.engine.pendingRequests()).isZero();
        assertThat(client.engine.pendingTransmissions()).isZero();
    }

    @Test
    void aResponseLargerThanTheTransportBecomesA500SayingSo() {
        TestNode node = new TestNode(EngineConfig.builder().maxMessageSize(100).build(), 5);
        List<int[]> reported = new ArrayList<>();
        node.onTooLarge = (exchange, size, limit) -> reported.add(new int[] {size, limit});
        node.onRequest = exchange -> node.engine.respond(exchange, CoapResponse.content("x".repeat(200)), node.now);
        node.receive(server, get("big").withHeader(MessageType.CON, 1, Token.ofHex("01")));
        Message reply = node.lastSent();
        assertThat(reply.code()).isEqualTo(Code.INTERNAL_SERVER_ERROR);
        assertThat(reply.payloadAsString()).contains("exceeds the transport's limit of 100 bytes");
        assertThat(MessageCodec.encode(reply).length).isLessThanOrEqualTo(100);
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0)[1]).isEqualTo(100);
        assertThat(reported.get(0)[0]).isGreaterThan(200);
    }

    @Test
    void aRequestLargerThanTheTransportIsRefusedWhereItIsSent() {
        TestNode node = new TestNode(EngineConfig.builder().maxMessageSize(100).build(), 6);
        Message big = Message.of(MessageType.CON, Code.PUT, 0, Token.EMPTY, List.of(), new byte[200]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.engine.request(server, big, SECOND,
                        new TestNode.Outcome(node), node.now))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining("213 bytes").hasMessageContaining("limit of 100 bytes");
        assertThat(node.sent).isEmpty();
        assertThat(node.engine.pendingRequests()).isZero();
        assertThat(node.engine.peerCount()).isZero();
    }
}
