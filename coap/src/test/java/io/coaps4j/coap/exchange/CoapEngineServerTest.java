package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.messaging.TransmissionParameters;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-side rules of the message layer, on virtual time. */
class CoapEngineServerTest {
    private static final long SECOND = 1_000_000_000L;
    private final PlainPeer client = new PlainPeer(new InetSocketAddress("127.0.0.1", 40000));
    private final TestNode server = new TestNode();

    private static Message get(MessageType type, int mid, String token, Option... options) {
        return Message.of(type, Code.GET, mid, Token.ofHex(token), List.of(options), new byte[0]);
    }

    private void answerImmediately() {
        server.onRequest = ex -> server.engine.respond(ex, CoapResponse.content("hi"), server.now);
    }

    @Test
    void conRequestGetsAPiggybackedResponse() {
        answerImmediately();
        server.receive(client, get(MessageType.CON, 0x1234, "a1b2"));
        Message ack = server.lastSent();
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        assertThat(ack.messageId()).isEqualTo(0x1234);
        assertThat(ack.token()).isEqualTo(Token.ofHex("a1b2"));
        assertThat(ack.code()).isEqualTo(Code.CONTENT);
        assertThat(ack.payloadAsString()).isEqualTo("hi");
        assertThat(server.sent.get(0).peer()).isSameAs(client);
    }

    @Test
    void duplicateConGetsTheSameAckAndTheHandlerRunsOnce() {
        answerImmediately();
        Message request = get(MessageType.CON, 7, "01");
        server.receive(client, request);
        server.advance(3 * SECOND);
        server.receive(client, request);
        assertThat(server.requests).hasSize(1);
        assertThat(server.sent).hasSize(2);
        assertThat(server.sent.get(1).datagram()).isEqualTo(server.sent.get(0).datagram());
        // The same MID from another peer is a different message.
        server.receive(new PlainPeer(new InetSocketAddress("127.0.0.1", 40001)), request);
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void duplicateNonIsIgnored() {
        answerImmediately();
        Message request = get(MessageType.NON, 9, "02");
        server.receive(client, request);
        assertThat(server.lastSent().type()).isEqualTo(MessageType.NON);
        assertThat(server.lastSent().token()).isEqualTo(Token.ofHex("02"));
        server.receive(client, request);
        assertThat(server.requests).hasSize(1);
        assertThat(server.sent).hasSize(1);
    }

    @Test
    void duplicatesAreForgottenAfterExchangeLifetime() {
        answerImmediately();
        Message request = get(MessageType.CON, 11, "03");
        server.receive(client, request);
        server.advance(TransmissionParameters.DEFAULT.exchangeLifetime().toNanos() + SECOND);
        assertThat(server.engine.deduplicationEntries()).isZero();
        server.receive(client, request);
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void slowHandlerGetsAnEmptyAckThenASeparateConResponse() {
        server.receive(client, get(MessageType.CON, 100, "0a0b"));
        assertThat(server.sent).isEmpty();
        server.advance(EngineConfig.DEFAULT.separateResponseAfter().toNanos());
        Message emptyAck = server.lastSent();
        assertThat(emptyAck.type()).isEqualTo(MessageType.ACK);
        assertThat(emptyAck.isEmpty()).isTrue();
        assertThat(emptyAck.messageId()).isEqualTo(100);

        // A retransmitted request now gets the same empty ACK.
        server.receive(client, get(MessageType.CON, 100, "0a0b"));
        assertThat(server.lastSent()).isEqualTo(emptyAck);

        server.engine.respond(server.requests.get(0), CoapResponse.content("late"), server.now);
        Message separate = server.lastSent();
        assertThat(separate.type()).isEqualTo(MessageType.CON);
        assertThat(separate.token()).isEqualTo(Token.ofHex("0a0b"));
        assertThat(separate.payloadAsString()).isEqualTo("late");
        assertThat(server.engine.pendingTransmissions()).isEqualTo(1);

        // Retransmitted until acknowledged.
        server.advance(4 * SECOND);
        assertThat(server.lastSent().messageId()).isEqualTo(separate.messageId());
        int sentBefore = server.sent.size();
        server.receive(client, Message.empty(MessageType.ACK, separate.messageId()));
        assertThat(server.engine.pendingTransmissions()).isZero();
        server.advance(100 * SECOND);
        assertThat(server.sent).hasSize(sentBefore);
    }

    @Test
    void rstCancelsASeparateResponse() {
        server.receive(client, get(MessageType.CON, 5, "05"));
        server.advance(2 * SECOND);
        server.engine.respond(server.requests.get(0), CoapResponse.content("late"), server.now);
        Message separate = server.lastSent();
        server.receive(client, Message.empty(MessageType.RST, separate.messageId()));
        assertThat(server.engine.pendingTransmissions()).isZero();
        int sentBefore = server.sent.size();
        server.advance(100 * SECOND);
        assertThat(server.sent).hasSize(sentBefore);
    }

    @Test
    void separateResponseGivesUpAfterMaxRetransmit() {
        server.receive(client, get(MessageType.CON, 6, "06"));
        server.advance(2 * SECOND);
        server.engine.respond(server.requests.get(0), CoapResponse.content("late"), server.now);
        server.takeSent();
        server.advance(TransmissionParameters.DEFAULT.maxTransmitWait().toNanos());
        assertThat(server.sent).hasSize(TransmissionParameters.DEFAULT.maxRetransmit());
        assertThat(server.engine.pendingTransmissions()).isZero();
    }

    @Test
    void nonRequestAnsweredLaterGetsANonResponse() {
        server.receive(client, get(MessageType.NON, 12, "0c"));
        server.advance(5 * SECOND);
        assertThat(server.sent).isEmpty();
        assertThat(server.engine.respond(server.requests.get(0), CoapResponse.content("x"), server.now)).isTrue();
        assertThat(server.lastSent().type()).isEqualTo(MessageType.NON);
        assertThat(server.engine.respond(server.requests.get(0), CoapResponse.content("y"), server.now)).isFalse();
        assertThat(server.sent).hasSize(1);
    }

    @Test
    void pingIsAnsweredWithReset() {
        server.receive(client, Message.empty(MessageType.CON, 0x4242));
        Message rst = server.lastSent();
        assertThat(rst.type()).isEqualTo(MessageType.RST);
        assertThat(rst.messageId()).isEqualTo(0x4242);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void malformedConIsResetAndMalformedNonIgnored() {
        // CON, token length 2 but only one token byte follows.
        server.receive(client, new byte[] {0x42, 0x01, 0x00, 0x33, 0x01});
        assertThat(server.lastSent().type()).isEqualTo(MessageType.RST);
        assertThat(server.lastSent().messageId()).isEqualTo(0x33);
        server.sent.clear();
        server.receive(client, new byte[] {0x52, 0x01, 0x00, 0x34, 0x01});
        // Version 2 header: ignored even though it says CON.
        server.receive(client, new byte[] {(byte) 0x80, 0x01, 0x00, 0x35});
        // Too short to have a header at all.
        server.receive(client, new byte[] {0x40, 0x01});
        assertThat(server.sent).isEmpty();
        assertThat(server.requests).isEmpty();
    }

    @Test
    void unrecognizedCriticalOptionInConRequestGivesBadOptionWithDiagnostic() {
        answerImmediately();
        server.receive(client, get(MessageType.CON, 21, "15", Option.ofString(OptionNumber.URI_PATH, "a"),
                Option.of(2049, new byte[] {1})));
        Message response = server.lastSent();
        assertThat(response.type()).isEqualTo(MessageType.ACK);
        assertThat(response.code()).isEqualTo(Code.BAD_OPTION);
        assertThat(response.token()).isEqualTo(Token.ofHex("15"));
        assertThat(response.payloadAsString()).contains("2049");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void unrecognizedCriticalOptionInNonRequestIsRejectedWithReset() {
        server.receive(client, get(MessageType.NON, 22, "16", Option.of(2049, new byte[] {1})));
        assertThat(server.lastSent().type()).isEqualTo(MessageType.RST);
        assertThat(server.lastSent().messageId()).isEqualTo(22);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void unrecognizedElectiveOptionIsIgnored() {
        answerImmediately();
        server.receive(client, get(MessageType.CON, 23, "17", Option.of(2048, new byte[] {1})));
        assertThat(server.requests).hasSize(1);
        assertThat(server.lastSent().code()).isEqualTo(Code.CONTENT);
    }

    @Test
    void reservedCodeClassInConIsReset() {
        server.receive(client, Message.of(MessageType.CON, Code.of(7, 1), 24, Token.EMPTY, List.of(), new byte[0]));
        assertThat(server.lastSent().type()).isEqualTo(MessageType.RST);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void deduplicationMemoryIsBounded() {
        TestNode bounded = new TestNode(EngineConfig.builder().maxDeduplicationEntries(100).build(), 3);
        bounded.onRequest = ex -> bounded.engine.respond(ex, CoapResponse.content("ok"), bounded.now);
        for (int i = 0; i < 5000; i++) {
            bounded.receive(new PlainPeer(new InetSocketAddress("127.0.0.1", 1000 + i % 50)),
                    get(MessageType.CON, i, "01"));
            bounded.now += 1000;
        }
        assertThat(bounded.requests).hasSize(5000);
        assertThat(bounded.engine.deduplicationEntries()).isEqualTo(100);
        assertThat(bounded.engine.deduplicationEvictions()).isEqualTo(4900);
        assertThat(bounded.engine.peerCount()).isZero();
    }

    @Test
    void separateThresholdZeroAcknowledgesAtOnce() {
        TestNode eager = new TestNode(EngineConfig.builder().separateResponseAfter(Duration.ZERO).build(), 4);
        eager.receive(client, get(MessageType.CON, 30, "1e"));
        assertThat(eager.lastSent().type()).isEqualTo(MessageType.ACK);
        assertThat(eager.lastSent().isEmpty()).isTrue();
    }

    @Test
    void noStateRemainsAfterExchangeLifetime() {
        server.onRequest = ex -> { };
        server.receive(client, get(MessageType.CON, 40, "28"));
        server.receive(client, get(MessageType.NON, 41, "29"));
        server.advance(2 * SECOND);
        server.engine.respond(server.requests.get(0), CoapResponse.content("a"), server.now);
        server.engine.respond(server.requests.get(1), CoapResponse.content("b"), server.now);
        server.advance(TransmissionParameters.DEFAULT.exchangeLifetime().toNanos() + SECOND);
        assertThat(server.engine.deduplicationEntries()).isZero();
        assertThat(server.engine.pendingTransmissions()).isZero();
        assertThat(server.engine.peerCount()).isZero();
        assertThat(server.engine.scheduledTimers()).isZero();
        assertThat(server.engine.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }
}
