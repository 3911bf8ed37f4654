package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exchanges that carry several responses until cancelled (the mechanism RFC 7641 Observe needs),
 * client and server side, on virtual time.
 */
class MultiResponseExchangeTest {
    private static final long SECOND = 1_000_000_000L;
    private final PlainPeer server = new PlainPeer(new InetSocketAddress("127.0.0.1", 5683));
    private final TestNode client = new TestNode();

    private static Message get(MessageType type) {
        return Message.of(type, Code.GET, 0, Token.EMPTY, List.of(Option.ofString(11, "temp")), new byte[0]);
    }

    private static Message response(MessageType type, int mid, Token token, String payload) {
        return Message.of(type, Code.CONTENT, mid, token, List.of(), payload.getBytes());
    }

    private TestNode.Outcome openRequest() {
        TestNode.Outcome outcome = new TestNode.Outcome(client);
        client.engine.requestMultiResponse(server, get(MessageType.CON), 10 * SECOND, outcome, client.now);
        return outcome;
    }

    @Test
    void receivesAPiggybackedThenConAndNonResponsesUntilCancelledThenResets() {
        TestNode.Outcome outcome = new TestNode.Outcome(client);
        ClientExchange exchange = client.engine.requestMultiResponse(server, get(MessageType.CON), 10 * SECOND,
                outcome, client.now);
        Message request = client.lastSent();
        Token token = request.token();
        client.takeSent();

        client.receive(server, response(MessageType.ACK, request.messageId(), token, "1"));
        assertThat(outcome.responses).extracting(Message::payloadAsString).containsExactly("1");
        assertThat(outcome.failures).isEmpty();
        assertThat(client.engine.pendingTransmissions()).as("the request is acknowledged").isZero();
        assertThat(client.engine.scheduledTimers()).as("no timeout once the first response came").isZero();
        assertThat(client.engine.pendingRequests()).as("still registered by its token").isOne();

        client.receive(server, response(MessageType.CON, 0x4001, token, "2"));
        assertThat(client.takeSent()).containsExactly(Message.empty(MessageType.ACK, 0x4001));
        client.receive(server, response(MessageType.NON, 0x4002, token, "3"));
        assertThat(client.takeSent()).as("a NON response needs no ACK").isEmpty();
        assertThat(outcome.responses).extracting(Message::payloadAsString).containsExactly("1", "2", "3");

        // The same token from another address is another peer's: not this exchange's (Peer.equals).
        PlainPeer stranger = new PlainPeer(new InetSocketAddress("127.0.0.1", 5684));
        client.receive(stranger, response(MessageType.CON, 0x4003, token, "spoofed"));
        assertThat(client.takeSent()).containsExactly(Message.empty(MessageType.RST, 0x4003));
        assertThat(outcome.responses).hasSize(3);

        client.receive(server, response(MessageType.CON, 0x4001, token, "2"));
        assertThat(client.takeSent()).as("a duplicate gets the same ACK")
                .containsExactly(Message.empty(MessageType.ACK, 0x4001));
        assertThat(outcome.responses).as("and is not delivered twice").hasSize(3);

        client.engine.cancel(exchange, client.now);
        assertThat(outcome.failures).containsExactly(ExchangeFailure.CANCELLED);
        assertThat(client.engine.pendingRequests()).isZero();

        client.receive(server, response(MessageType.CON, 0x4004, token, "late"));
        assertThat(client.takeSent()).as("unknown token after cancel: RST (RFC 7252 5.3.2, RFC 7641 3.6)")
                .containsExactly(Message.empty(MessageType.RST, 0x4004));
        assertThat(outcome.responses).hasSize(3);
        assertThat(outcome.failures).hasSize(1);
    }

    /** A peer as a DTLS binding presents it: the same address in another epoch is another peer. */
    private record EpochPeer(InetSocketAddress address, int epoch) implements io.coaps4j.coap.peer.Peer {
        @Override
        public java.util.Optional<java.security.Principal> principal() {
            return java.util.Optional.of(() -> "device-1");
        }

        @Override
        public boolean secure() {
            return true;
        }
    }

    @Test
    void laterResponsesMatchOnlyInTheSameSessionAndEpoch() {
        EpochPeer epoch1 = new EpochPeer(server.address(), 1);
        TestNode.Outcome outcome = new TestNode.Outcome(client);
        client.engine.requestMultiResponse(epoch1, get(MessageType.CON), 10 * SECOND, outcome, client.now);
        Message request = client.lastSent();
        client.receive(new EpochPeer(server.address(), 1),
                response(MessageType.ACK, request.messageId(), request.token(), "1"));
        client.takeSent();
        client.receive(new EpochPeer(server.address(), 2), response(MessageType.CON, 21, request.token(), "epoch 2"));
        assertThat(client.takeSent()).as("the next epoch's response is not this exchange's")
                .containsExactly(Message.empty(MessageType.RST, 21));
        assertThat(client.sent).isEmpty();
        client.receive(new EpochPeer(server.address(), 1), response(MessageType.CON, 22, request.token(), "2"));
        assertThat(client.takeSent()).containsExactly(Message.empty(MessageType.ACK, 22));
        assertThat(outcome.responses).extracting(Message::payloadAsString).containsExactly("1", "2");
    }

    @Test
    void theFirstResponseTimeoutStillAppliesAndASeparateResponseOpensItToo() {
        TestNode.Outcome silent = openRequest();
        client.advance(11 * SECOND);
        assertThat(silent.failures).containsExactly(ExchangeFailure.TIMEOUT);

        TestNode.Outcome outcome = new TestNode.Outcome(client);
        ClientExchange exchange = client.engine.requestMultiResponse(server, get(MessageType.CON), 10 * SECOND,
                outcome, client.now);
        Message request = client.lastSent();
        client.receive(server, Message.empty(MessageType.ACK, request.messageId()));
        client.receive(server, response(MessageType.CON, 7, request.token(), "a"));
        client.advance(60 * SECOND);
        client.receive(server, response(MessageType.CON, 8, request.token(), "b"));
        assertThat(outcome.responses).extracting(Message::payloadAsString).containsExactly("a", "b");
        assertThat(outcome.failures).as("open long after the first-response timeout").isEmpty();
        assertThat(exchange.isMultiResponse()).isTrue();
        assertThat(exchange.isDone()).isFalse();
        client.engine.peerLost(server, client.now);
        assertThat(outcome.failures).containsExactly(ExchangeFailure.PEER_LOST);
        assertThat(exchange.isDone()).isTrue();
    }

    @Test
    void anOpenExchangeNoLongerHoldsNstart() {
        TestNode.Outcome open = new TestNode.Outcome(client);
        client.engine.requestMultiResponse(server, get(MessageType.CON), 10 * SECOND, open, client.now);
        Message first = client.lastSent();
        client.engine.request(server, get(MessageType.CON), 10 * SECOND, new TestNode.Outcome(client), client.now);
        assertThat(client.sent).as("NSTART 1: the second waits").hasSize(1);
        client.receive(server, response(MessageType.ACK, first.messageId(), first.token(), "1"));
        assertThat(client.sent).as("the first response ended the interaction").hasSize(2);
        assertThat(open.responses).hasSize(1);
    }

    @Test
    void singleResponseExchangesStillEndAtTheFirstResponse() {
        TestNode.Outcome outcome = new TestNode.Outcome(client);
        client.engine.request(server, get(MessageType.CON), 10 * SECOND, outcome, client.now);
        Message request = client.lastSent();
        client.receive(server, response(MessageType.ACK, request.messageId(), request.token(), "1"));
        client.takeSent();
        client.receive(server, response(MessageType.CON, 9, request.token(), "2"));
        assertThat(client.takeSent()).containsExactly(Message.empty(MessageType.RST, 9));
        assertThat(outcome.responses).hasSize(1);
    }

    // ------------------------------------------------------------------------------ server side

    private final TestNode serverNode = new TestNode(EngineConfig.DEFAULT, 2);
    private final PlainPeer clientPeer = new PlainPeer(new InetSocketAddress("127.0.0.1", 40000));

    @Test
    void aServerKeepsAnExchangeOpenForMoreResponsesUntilTheClientResets() {
        serverNode.onRequest = exchange -> serverNode.engine.respondAndKeepOpen(exchange, CoapResponse.content("1"),
                serverNode.now);
        Token token = Token.ofHex("0102");
        serverNode.receive(clientPeer, get(MessageType.CON).withHeader(MessageType.CON, 100, token));
        Message piggybacked = serverNode.lastSent();
        assertThat(piggybacked.type()).isEqualTo(MessageType.ACK);
        assertThat(piggybacked.messageId()).isEqualTo(100);
        assertThat(piggybacked.payloadAsString()).isEqualTo("1");
        ServerExchange exchange = serverNode.requests.get(0);
        assertThat(exchange.responded()).isTrue();
        assertThat(exchange.closed()).isFalse();

        assertThat(serverNode.engine.respondAndKeepOpen(exchange, CoapResponse.content("2"), serverNode.now)).isTrue();
        Message second = serverNode.lastSent();
        assertThat(second.type()).as("a CON request's later responses are CON").isEqualTo(MessageType.CON);
        assertThat(second.token()).isEqualTo(token);
        assertThat(second.payloadAsString()).isEqualTo("2");
        serverNode.receive(clientPeer, Message.empty(MessageType.ACK, second.messageId()));
        assertThat(serverNode.engine.pendingTransmissions()).isZero();

        assertThat(serverNode.engine.respondAndKeepOpen(exchange, CoapResponse.content("3"), serverNode.now)).isTrue();
        Message third = serverNode.lastSent();
        serverNode.receive(clientPeer, Message.empty(MessageType.RST, third.messageId()));
        assertThat(exchange.closed()).as("the client rejected it (RFC 7641 3.6)").isTrue();
        int sent = serverNode.sent.size();
        assertThat(serverNode.engine.respondAndKeepOpen(exchange, CoapResponse.content("4"), serverNode.now)).isFalse();
        assertThat(serverNode.sent).hasSize(sent);
    }

    @Test
    void aFinalResponseClosesAnOpenExchangeAndAnUnacknowledgedOneClosesItToo() {
        serverNode.receive(clientPeer, get(MessageType.NON).withHeader(MessageType.NON, 5, Token.ofHex("05")));
        ServerExchange non = serverNode.requests.get(0);
        serverNode.engine.respondAndKeepOpen(non, CoapResponse.content("1"), serverNode.now);
        serverNode.engine.respondAndKeepOpen(non, CoapResponse.content("2"), serverNode.now);
        assertThat(serverNode.takeSent()).extracting(Message::type).containsExactly(MessageType.NON, MessageType.NON);
        assertThat(serverNode.engine.respond(non, CoapResponse.content("last"), serverNode.now)).isTrue();
        assertThat(non.closed()).isTrue();
        assertThat(serverNode.engine.respond(non, CoapResponse.content("more"), serverNode.now)).isFalse();

        serverNode.receive(clientPeer, get(MessageType.CON).withHeader(MessageType.CON, 6, Token.ofHex("06")));
        ServerExchange con = serverNode.requests.get(1);
        serverNode.engine.respondAndKeepOpen(con, CoapResponse.content("1"), serverNode.now);
        serverNode.engine.respondAndKeepOpen(con, CoapResponse.content("2"), serverNode.now);
        serverNode.advance(300 * SECOND); // never acknowledged: retransmissions run out (RFC 7641 4.5)
        assertThat(con.closed()).isTrue();
        assertThat(serverNode.engine.pendingTransmissions()).isZero();
    }

    // ------------------------------------------------------------------------ over a lossy network

    @Test
    void responsesKeepComingOverALossyNetworkUntilTheClientCancels() {
        SimulatedNetwork net = new SimulatedNetwork(7, 0.25, 0.1, 300 * SimulatedNetwork.MS);
        PlainPeer serverAddress = new PlainPeer(new InetSocketAddress("10.0.0.1", 5683));
        PlainPeer clientAddress = new PlainPeer(new InetSocketAddress("10.0.1.1", 40000));
        SimulatedNetwork.Node serverEnd = net.node(serverAddress, 1);
        SimulatedNetwork.Node clientEnd = net.node(clientAddress, 2);
        List<ServerExchange> open = new java.util.ArrayList<>();
        serverEnd.behaviour = (node, exchange) -> {
            open.add(exchange);
            node.engine.respondAndKeepOpen(exchange, CoapResponse.content("0"), net.now());
        };
        List<String> heard = new java.util.ArrayList<>();
        List<ExchangeFailure> ended = new java.util.ArrayList<>();
        ClientExchange exchange = clientEnd.engine.requestMultiResponse(serverAddress, get(MessageType.CON),
                93 * SECOND, new ResponseListener() {
                    @Override
                    public void onResponse(Message response) {
                        heard.add(response.payloadAsString());
                    }

                    @Override
                    public void onFailure(ExchangeFailure failure) {
                        ended.add(failure);
                    }
                }, net.now());
        for (int i = 1; i <= 10; i++) {
            String payload = String.valueOf(i);
            net.at(i * 20 * SECOND, () -> serverEnd.engine.respondAndKeepOpen(open.get(0),
                    CoapResponse.content(payload), net.now()));
        }
        net.at(250 * SECOND, () -> clientEnd.engine.cancel(exchange, net.now()));
        net.at(260 * SECOND, () -> serverEnd.engine.respondAndKeepOpen(open.get(0), CoapResponse.content("late"),
                net.now()));
        net.runUntil(1000 * SECOND);

        assertThat(open).as("the handler ran once").hasSize(1);
        assertThat(heard).as("each response heard once, CONs retransmitted through the loss")
                .doesNotHaveDuplicates().containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(ended).containsExactly(ExchangeFailure.CANCELLED);
        assertThat(open.get(0).closed()).as("the late response was rejected with an RST, or never acknowledged")
                .isTrue();
        for (SimulatedNetwork.Node node : net.nodes()) {
            assertThat(node.engine.pendingRequests()).isZero();
            assertThat(node.engine.pendingTransmissions()).isZero();
            assertThat(node.engine.scheduledTimers()).isZero();
        }
    }
}
