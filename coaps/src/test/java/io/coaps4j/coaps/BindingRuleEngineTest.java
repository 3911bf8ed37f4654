package io.coaps4j.coaps;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapEngine;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.exchange.EngineOutput;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.exchange.ResponseListener;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.Peer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * oneM2M TS-0008 clause 7 on the sans-IO CoAP engine with real DTLS sessions: an ACK, RST or
 * response matches only in the session and epoch its request left in.
 */
class BindingRuleEngineTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress(Fixtures.LOOPBACK, 5684);
    private static final SecurePeer REQUEST_SESSION = SecurePeer.of(Fixtures.session(SERVER));
    private static final SecurePeer OTHER_SESSION = SecurePeer.of(Fixtures.session(SERVER));
    private static final SecurePeer OTHER_EPOCH = new SecurePeer(REQUEST_SESSION.session(), 2);

    private record Sent(Peer peer, Message message) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<Message> responses = new ArrayList<>();
    private final List<ExchangeFailure> failures = new ArrayList<>();
    private final CoapEngine engine = new CoapEngine(EngineConfig.DEFAULT, new EngineOutput() {
        @Override
        public void send(Peer peer, byte[] datagram) {
            try {
                sent.add(new Sent(peer, MessageCodec.decode(datagram)));
            } catch (MessageFormatException e) {
                throw new AssertionError("the engine sent a malformed message", e);
            }
        }

        @Override
        public void requestReceived(ServerExchange exchange) {
            throw new AssertionError("no request expected");
        }
    }, new SplittableRandom(7));
    private final ResponseListener listener = new ResponseListener() {
        @Override
        public void onResponse(Message response) {
            responses.add(response);
        }

        @Override
        public void onFailure(ExchangeFailure failure) {
            failures.add(failure);
        }
    };

    private Message sendGet(long now) {
        Message get = Message.of(MessageType.CON, Code.GET, 0, Token.EMPTY, List.of(), new byte[0]);
        engine.request(REQUEST_SESSION, get, TimeUnit.SECONDS.toNanos(300), listener, now);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).peer()).isEqualTo(REQUEST_SESSION);
        return sent.get(0).message();
    }

    private static Message piggybacked(Message request, String text) {
        return Message.of(MessageType.ACK, Code.CONTENT, request.messageId(), request.token(), List.of(),
                text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPiggybackedResponseInAnotherSessionOrEpochIsNotDelivered() {
        Message request = sendGet(0);

        engine.receive(OTHER_SESSION, piggybacked(request, "forged"), 1_000);
        engine.receive(OTHER_EPOCH, piggybacked(request, "old epoch"), 2_000);
        assertThat(responses).isEmpty();
        assertThat(failures).isEmpty();

        engine.receive(REQUEST_SESSION, piggybacked(request, "genuine"), 3_000);
        assertThat(responses).singleElement().extracting(Message::payloadAsString).isEqualTo("genuine");
    }

    @Test
    void anAckInAnotherSessionDoesNotStopRetransmission() {
        Message request = sendGet(0);

        engine.receive(OTHER_SESSION, Message.empty(MessageType.ACK, request.messageId()), 1_000);
        long due = engine.nextDeadline();
        engine.tick(due);

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).peer()).as("retransmitted in the request's own session").isEqualTo(REQUEST_SESSION);
        assertThat(sent.get(1).message()).isEqualTo(request);

        engine.receive(REQUEST_SESSION, Message.empty(MessageType.ACK, request.messageId()), due + 1_000);
        long next = engine.nextDeadline();
        engine.tick(next);
        assertThat(sent).as("the ACK in the right session ends retransmission").hasSize(2);
    }

    @Test
    void aResetInAnotherSessionDoesNotCancelTheRequest() {
        Message request = sendGet(0);

        engine.receive(OTHER_SESSION, Message.empty(MessageType.RST, request.messageId()), 1_000);
        assertThat(failures).isEmpty();

        engine.receive(REQUEST_SESSION, Message.empty(MessageType.RST, request.messageId()), 2_000);
        assertThat(failures).containsExactly(ExchangeFailure.RESET);
    }

    @Test
    void aSeparateResponseForThePendingTokenMatchesOnlyInItsSession() {
        Message request = sendGet(0);
        engine.receive(REQUEST_SESSION, Message.empty(MessageType.ACK, request.messageId()), 1_000);
        sent.clear();

        Message forged = Message.of(MessageType.CON, Code.CONTENT, 0x1234, request.token(), List.of(),
                "forged".getBytes(StandardCharsets.UTF_8));
        engine.receive(OTHER_SESSION, forged, 2_000);
        assertThat(responses).isEmpty();
        assertThat(sent).as("rejected with an RST in the session it came in")
                .singleElement().satisfies(s -> {
                    assertThat(s.peer()).isEqualTo(OTHER_SESSION);
                    assertThat(s.message().type()).isEqualTo(MessageType.RST);
                });

        Message genuine = Message.of(MessageType.CON, Code.CONTENT, 0x4321, request.token(), List.of(),
                "genuine".getBytes(StandardCharsets.UTF_8));
        engine.receive(REQUEST_SESSION, genuine, 3_000);
        assertThat(responses).singleElement().extracting(Message::payloadAsString).isEqualTo("genuine");
        assertThat(sent.get(1).peer()).as("acknowledged in its own session").isEqualTo(REQUEST_SESSION);
        assertThat(sent.get(1).message().type()).isEqualTo(MessageType.ACK);
    }

    @Test
    void losingTheSessionFailsOnlyItsExchanges() {
        sendGet(0);
        engine.peerLost(OTHER_SESSION, 1_000);
        assertThat(failures).isEmpty();
        engine.peerLost(REQUEST_SESSION, 2_000);
        assertThat(failures).containsExactly(ExchangeFailure.PEER_LOST);
    }
}
