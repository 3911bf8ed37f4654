package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.messaging.TransmissionParameters;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Client-side rules of the message and exchange layers, on virtual time. */
class CoapEngineClientTest {
    private static final long SECOND = 1_000_000_000L;
    private static final TransmissionParameters PARAMS = TransmissionParameters.DEFAULT;
    private final PlainPeer server = new PlainPeer(new InetSocketAddress("127.0.0.1", 5683));
    private final TestNode client = new TestNode();

    private static Message get(MessageType type) {
        return Message.of(type, Code.GET, 0, Token.EMPTY, List.of(Option.ofString(11, "x")), new byte[0]);
    }

    private TestNode.Outcome send(MessageType type, long timeout) {
        TestNode.Outcome outcome = new TestNode.Outcome(client);
        client.engine.request(server, get(type), timeout, outcome, client.now);
        return outcome;
    }

    private static Message response(MessageType type, int mid, Token token, Code code) {
        return Message.of(type, code, mid, token, List.of(), "r".getBytes());
    }

    @Test
    void requestGetsRandomTokenAndMessageIdAndCompletesOnPiggybackedAck() {
        TestNode.Outcome outcome = send(MessageType.CON, 100 * SECOND);
        Message request = client.lastSent();
        assertThat(request.type()).isEqualTo(MessageType.CON);
        assertThat(request.token().length()).isEqualTo(8);
        assertThat(client.sent.get(0).peer()).isSameAs(server);
        client.receive(server, response(MessageType.ACK, request.messageId(), request.token(), Code.CONTENT));
        assertThat(outcome.responses).hasSize(1);
        assertThat(outcome.responses.get(0).payloadAsString()).isEqualTo("r");
        assertThat(client.engine.pendingRequests()).isZero();
        assertThat(client.engine.pendingTransmissions()).isZero();
        assertThat(client.engine.scheduledTimers()).isZero();
    }

    @Test
    void conIsRetransmittedWithExponentialBackoffThenFailsWithinMaxTransmitWait() {
        long start = client.now;
        TestNode.Outcome outcome = send(MessageType.CON, 1000 * SECOND);
        client.advance(200 * SECOND);
        assertThat(client.sent).hasSize(1 + PARAMS.maxRetransmit());
        long first = client.sent.get(1).at() - client.sent.get(0).at();
        assertThat(first).isBetween(PARAMS.ackTimeout().toNanos(), (long) (PARAMS.ackTimeout().toNanos() * PARAMS.ackRandomFactor()));
        for (int i = 2; i < client.sent.size(); i++) {
            long gap = client.sent.get(i).at() - client.sent.get(i - 1).at();
            assertThat(gap).isEqualTo(first << (i - 1));
            assertThat(client.sent.get(i).datagram()).isEqualTo(client.sent.get(0).datagram());
        }
        assertThat(outcome.failures).containsExactly(ExchangeFailure.TIMEOUT);
        assertThat(outcome.completedAt - start).isLessThanOrEqualTo(PARAMS.maxTransmitWait().toNanos());
        assertThat(outcome.completedAt - start).isEqualTo(first * 31);
    }

    @Test
    void perRequestTimeoutFailsTheRequest() {
        long start = client.now;
        TestNode.Outcome outcome = send(MessageType.CON, 5 * SECOND);
        client.advance(10 * SECOND);
        assertThat(outcome.failures).containsExactly(ExchangeFailure.TIMEOUT);
        assertThat(outcome.completedAt - start).isEqualTo(5 * SECOND);
        assertThat(client.engine.pendingTransmissions()).isZero();
    }

    @Test
    void emptyAckThenSeparateConResponseIsAcknowledgedAndDelivered() {
        TestNode.Outcome outcome = send(MessageType.CON, 100 * SECOND);
        Message request = client.lastSent();
        client.receive(server, Message.empty(MessageType.ACK, request.messageId()));
        client.takeSent();
        client.advance(20 * SECOND);
        assertThat(client.sent).as("no retransmission after the empty ACK").isEmpty();
        client.receive(server, response(MessageType.CON, 0x7777, request.token(), Code.CONTENT));
        assertThat(outcome.responses).hasSize(1);
        Message ack = client.lastSent();
        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        assertThat(ack.isEmpty()).isTrue();
        assertThat(ack.messageId()).isEqualTo(0x7777);
        // A duplicate of the separate response is acknowledged again but not delivered twice.
        client.receive(server, response(MessageType.CON, 0x7777, request.token(), Code.CONTENT));
        assertThat(client.lastSent()).isEqualTo(ack);
        assertThat(outcome.responses).hasSize(1);
    }

    @Test
    void separateResponseBeforeTheEmptyAckAlsoStopsRetransmission() {
        TestNode.Outcome outcome = send(MessageType.CON, 100 * SECOND);
        Message request = client.lastSent();
        client.receive(server, response(MessageType.CON, 0x10, request.token(), Code.CONTENT));
        assertThat(outcome.responses).hasSize(1);
        client.takeSent();
        client.advance(100 * SECOND);
        assertThat(client.sent).isEmpty();
    }

    @Test
    void nonRequestGetsNonResponse() {
        TestNode.Outcome outcome = send(MessageType.NON, 100 * SECOND);
        Message request = client.lastSent();
        assertThat(request.type()).isEqualTo(MessageType.NON);
        client.advance(10 * SECOND);
        assertThat(client.sent).as("NON is never retransmitted").hasSize(1);
        client.receive(server, response(MessageType.NON, 0x20, request.token(), Code.CONTENT));
        assertThat(outcome.responses).hasSize(1);
        assertThat(client.sent).as("NON response is not acknowledged").hasSize(1);
    }

    @Test
    void unexpectedConResponseIsResetAndUnexpectedNonIgnored() {
        client.receive(server, response(MessageType.CON, 0x30, Token.ofHex("deadbeef"), Code.CONTENT));
        assertThat(client.lastSent().type()).isEqualTo(MessageType.RST);
        assertThat(client.lastSent().messageId()).isEqualTo(0x30);
        client.sent.clear();
        client.receive(server, response(MessageType.NON, 0x31, Token.ofHex("deadbeef"), Code.CONTENT));
        client.receive(server, response(MessageType.ACK, 0x32, Token.ofHex("deadbeef"), Code.CONTENT));
        assertThat(client.sent).isEmpty();
    }

    @Test
    void responseFromAnotherPeerDoesNotMatch() {
        TestNode.Outcome outcome = send(MessageType.CON, 100 * SECOND);
        Message request = client.lastSent();
        Peer sameAddressOtherSession = new Peer() {
            @Override
            public InetSocketAddress address() {
                return server.address();
            }

            @Override
            public Optional<Principal> principal() {
                return Optional.empty();
            }

            @Override
            public boolean secure() {
                return true;
            }
        };
        client.receive(sameAddressOtherSession, response(MessageType.ACK, request.messageId(), request.token(), Code.CONTENT));
        client.receive(sameAddressOtherSession, response(MessageType.CON, 0x50, request.token(), Code.CONTENT));
        assertThat(outcome.count()).isZero();
        assertThat(client.lastSent().type()).isEqualTo(MessageType.RST);
        client.receive(server, response(MessageType.ACK, request.messageId(), request.token(), Code.CONTENT));
        assertThat(outcome.responses).hasSize(1);
    }

    @Test
    void piggybackedAckWithWrongTokenIsIgnored() {
        TestNode.Outcome outcome = send(MessageType.CON, 100 * SECOND);
        Message request = client.lastSent();
        client.receive(server, response(MessageType.ACK, request.messageId(), Token.ofHex("00"), Code.CONTENT));
        assertThat(outcome.count()).isZero();
        assertThat(client.engine.pendingTransmissions()).isEqualTo(1);
    }

    @Test
    void rstCancelsTheRequest() {
        TestNode.Outcome con = send(MessageType.CON, 100 * SECOND);
        client.receive(server, Message.empty(MessageType.RST, client.lastSent().messageId()));
        assertThat(con.failures).containsExactly(ExchangeFailure.RESET);
        TestNode.Outcome non = send(MessageType.NON, 100 * SECOND);
        client.receive(server, Message.empty(MessageType.RST, client.lastSent().messageId()));
        assertThat(non.failures).containsExactly(ExchangeFailure.RESET);
        assertThat(client.engine.pendingRequests()).isZero();
        assertThat(client.engine.scheduledTimers()).isZero();
    }

    @Test
    void pingCompletesOnReset() {
        TestNode.Outcome outcome = new TestNode.Outcome(client);
        client.engine.ping(server, 100 * SECOND, outcome, client.now);
        Message ping = client.lastSent();
        assertThat(ping.type()).isEqualTo(MessageType.CON);
        assertThat(ping.isEmpty()).isTrue();
        client.receive(server, Message.empty(MessageType.RST, ping.messageId()));
        assertThat(outcome.responses).hasSize(1);
        assertThat(outcome.responses.get(0).type()).isEqualTo(MessageType.RST);
        assertThat(client.engine.pendingTransmissions()).isZero();
    }

    @Test
    void unansweredPingTimesOut() {
        TestNode.Outcome outcome = new TestNode.Outcome(client);
        client.engine.ping(server, 1000 * SECOND, outcome, client.now);
        client.advance(PARAMS.maxTransmitWait().toNanos());
        assertThat(outcome.failures).containsExactly(ExchangeFailure.TIMEOUT);
    }

    @Test
    void aMessageIdIsNotUsedAgainTowardsThePeerWithinExchangeLifetime() {
        // RFC 7252 section 4.4: requests answered at once use up the message IDs; before one would be reused while
        // the server may still deduplicate it, the next request waits until the IDs are EXCHANGE_LIFETIME old (the
        // guard works in blocks of 4,096 IDs, so it may hold back up to one block early, never late).
        java.util.Set<Integer> used = new java.util.HashSet<>();
        long start = client.now;
        TestNode.Outcome held = null;
        int sentCount = 0;
        while (held == null) {
            int before = client.sent.size();
            TestNode.Outcome outcome = send(MessageType.CON, 1000 * SECOND);
            if (client.sent.size() == before) {
                held = outcome;
                break;
            }
            Message request = client.lastSent();
            assertThat(used.add(request.messageId())).as("request %d reuses a message ID", sentCount).isTrue();
            client.receive(server, response(MessageType.ACK, request.messageId(), request.token(), Code.CONTENT));
            sentCount++;
        }
        assertThat(sentCount).isBetween(65_536 - 4_096, 65_536);
        int sentBefore = client.sent.size();

        client.advance(PARAMS.exchangeLifetime().toNanos() - SECOND);
        assertThat(client.sent).as("held back while its message ID may be in use").hasSize(sentBefore);
        client.advance(2 * SECOND);
        assertThat(client.sent).as("sent once the IDs are EXCHANGE_LIFETIME old").hasSize(sentBefore + 1);
        assertThat(client.sent.get(sentBefore).at() - start).isGreaterThanOrEqualTo(PARAMS.exchangeLifetime().toNanos());
        Message request = client.lastSent();
        client.receive(server, response(MessageType.ACK, request.messageId(), request.token(), Code.CONTENT));
        assertThat(held.responses).hasSize(1);
    }

    @Test
    void nstartQueuesRequestsToTheSamePeer() {
        TestNode.Outcome first = send(MessageType.CON, 100 * SECOND);
        TestNode.Outcome second = send(MessageType.CON, 100 * SECOND);
        TestNode.Outcome third = send(MessageType.CON, 100 * SECOND);
        assertThat(client.sent).hasSize(1);
        PlainPeer other = new PlainPeer(new InetSocketAddress("127.0.0.1", 5690));
        client.engine.request(other, get(MessageType.CON), 100 * SECOND, new TestNode.Outcome(client), client.now);
        assertThat(client.sent).as("another peer is not held up").hasSize(2);

        Message r1 = client.sent.get(0).message();
        client.receive(server, Message.empty(MessageType.ACK, r1.messageId()));
        assertThat(client.sent).as("an empty ACK ends the outstanding interaction").hasSize(3);
        Message r2 = client.lastSent();
        assertThat(r2.messageId()).isEqualTo((r1.messageId() + 1) & 0xFFFF);
        client.receive(server, response(MessageType.ACK, r2.messageId(), r2.token(), Code.CONTENT));
        assertThat(second.responses).hasSize(1);
        Message r3 = client.lastSent();
        assertThat(r3.token()).isNotEqualTo(r2.token());
        client.receive(server, response(MessageType.ACK, r3.messageId(), r3.token(), Code.CONTENT));
        client.receive(server, response(MessageType.NON, 0x99, r1.token(), Code.CONTENT));
        assertThat(first.responses).hasSize(1);
        assertThat(third.responses).hasSize(1);
    }

    @Test
    void queuedRequestTimesOutWithoutBeingSent() {
        send(MessageType.CON, 100 * SECOND);
        TestNode.Outcome queued = send(MessageType.CON, 1 * SECOND);
        client.advance(SECOND);
        assertThat(queued.failures).containsExactly(ExchangeFailure.TIMEOUT);
        assertThat(client.sent).hasSize(1);
    }

    @Test
    void nonRequestReleasesNstartAfterAckTimeout() {
        send(MessageType.NON, 100 * SECOND);
        send(MessageType.NON, 100 * SECOND);
        assertThat(client.sent).hasSize(1);
        client.advance(PARAMS.ackTimeout().toNanos());
        assertThat(client.sent).hasSize(2);
    }

    @Test
    void cancelEndsTheExchange() {
        TestNode.Outcome outcome = new TestNode.Outcome(client);
        ClientExchange exchange = client.engine.request(server, get(MessageType.CON), 100 * SECOND, outcome, client.now);
        Message request = client.lastSent();
        client.engine.cancel(exchange, client.now);
        assertThat(outcome.failures).containsExactly(ExchangeFailure.CANCELLED);
        client.receive(server, response(MessageType.CON, 0x62, request.token(), Code.CONTENT));
        assertThat(client.lastSent().type()).isEqualTo(MessageType.RST);
        assertThat(outcome.count()).isEqualTo(1);
    }

    @Test
    void conResponseWithUnrecognizedCriticalOptionIsReset() {
        TestNode.Outcome outcome = send(MessageType.CON, 100 * SECOND);
        Message request = client.lastSent();
        client.receive(server, Message.empty(MessageType.ACK, request.messageId()));
        client.receive(server, Message.of(MessageType.CON, Code.CONTENT, 0x70, request.token(),
                List.of(Option.of(2049, new byte[] {1})), new byte[0]));
        assertThat(client.lastSent().type()).isEqualTo(MessageType.RST);
        assertThat(client.lastSent().messageId()).isEqualTo(0x70);
        assertThat(outcome.count()).isZero();
        client.receive(server, Message.of(MessageType.ACK, Code.CONTENT, request.messageId(), request.token(),
                List.of(Option.of(2049, new byte[] {1})), new byte[0]));
        assertThat(outcome.count()).isZero();
    }

    @Test
    void tokensAreRandomUniqueAndOfTheConfiguredLength() {
        TestNode shortTokens = new TestNode(EngineConfig.builder().tokenLength(4)
                .transmission(PARAMS.toBuilder().nstart(1000).build()).build(), 9);
        Set<Token> tokens = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            shortTokens.engine.request(server, get(MessageType.NON), SECOND, new TestNode.Outcome(shortTokens), shortTokens.now);
            Message m = shortTokens.lastSent();
            assertThat(m.token().length()).isEqualTo(4);
            tokens.add(m.token());
        }
        assertThat(tokens).hasSize(500);
    }

    @Test
    void rejectsRequestsThatAreNotRequests() {
        assertThatThrownBy(() -> client.engine.request(server,
                Message.of(MessageType.CON, Code.CONTENT, 0, Token.EMPTY, List.of(), new byte[0]), SECOND,
                new TestNode.Outcome(client), client.now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a request");
        assertThatThrownBy(() -> client.engine.request(server, get(MessageType.ACK), SECOND,
                new TestNode.Outcome(client), client.now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CON or NON");
    }

    @Test
    void shutdownFailsPendingRequestsAndSendsNothingMore() {
        TestNode.Outcome first = send(MessageType.CON, 100 * SECOND);
        TestNode.Outcome queued = send(MessageType.CON, 100 * SECOND);
        client.engine.shutdown(client.now);
        assertThat(first.failures).containsExactly(ExchangeFailure.CLOSED);
        assertThat(queued.failures).containsExactly(ExchangeFailure.CLOSED);
        assertThat(client.sent).hasSize(1);
        assertThat(client.engine.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void peerLostFailsItsExchanges() {
        TestNode.Outcome first = send(MessageType.CON, 100 * SECOND);
        TestNode.Outcome queued = send(MessageType.CON, 100 * SECOND);
        client.engine.peerLost(server, client.now);
        assertThat(first.failures).containsExactly(ExchangeFailure.PEER_LOST);
        assertThat(queued.failures).containsExactly(ExchangeFailure.PEER_LOST);
        assertThat(client.sent).hasSize(1);
        assertThat(client.engine.pendingTransmissions()).isZero();
        assertThat(client.engine.peerCount()).isZero();
    }
}
