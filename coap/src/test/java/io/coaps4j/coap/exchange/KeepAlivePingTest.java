package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's keep-alive ping, which a binding uses for dead-peer detection, on virtual time. */
class KeepAlivePingTest {
    private static final long SECOND = 1_000_000_000L;
    private final PlainPeer peer = new PlainPeer(new InetSocketAddress("127.0.0.1", 5684));
    private final TestNode node = new TestNode();

    private static Message get() {
        return Message.of(MessageType.CON, Code.GET, 0, Token.EMPTY, List.of(), new byte[0]);
    }

    @Test
    void thePingTakesItsMessageIdFromTheEnginesCounterAndTheRstProvesThePeerAlive() {
        TestNode.Outcome request = new TestNode.Outcome(node);
        node.engine.request(peer, get(), 10 * SECOND, request, node.now);
        Message sentRequest = node.lastSent();
        node.receive(peer, Message.of(MessageType.ACK, Code.CONTENT, sentRequest.messageId(), sentRequest.token(),
                List.of(), new byte[0]));

        TestNode.Outcome ping = new TestNode.Outcome(node);
        node.engine.keepAlivePing(peer, SECOND, 2, ping, node.now);
        Message sentPing = node.lastSent();
        assertThat(sentPing).isEqualTo(Message.empty(MessageType.CON, (sentRequest.messageId() + 1) & 0xFFFF));
        node.receive(peer, Message.empty(MessageType.RST, sentPing.messageId()));
        assertThat(ping.responses).hasSize(1);
        assertThat(ping.failures).isEmpty();
        assertThat(node.engine.pendingTransmissions()).isZero();
        assertThat(node.engine.scheduledTimers()).isZero();
    }

    @Test
    void aSilentPeerIsDeclaredDeadWhenTheLastWaitPassesExactly() {
        long start = node.now;
        TestNode.Outcome ping = new TestNode.Outcome(node);
        node.engine.keepAlivePing(peer, SECOND, 2, ping, node.now);
        node.advance(10 * SECOND);
        assertThat(node.sent).extracting(TestNode.Sent::at)
                .as("sent, then again after 1 s and 2 s more").containsExactly(start, start + SECOND, start + 3 * SECOND);
        assertThat(ping.failures).containsExactly(ExchangeFailure.TIMEOUT);
        assertThat(ping.completedAt).as("1 + 2 + 4 s").isEqualTo(start + 7 * SECOND);
        assertThat(node.engine.scheduledTimers()).isZero();
    }

    @Test
    void aPingWaitsBehindNstartWithoutTimingOutThere() {
        TestNode.Outcome request = new TestNode.Outcome(node);
        node.engine.request(peer, get(), 100 * SECOND, request, node.now);
        Message sentRequest = node.lastSent();
        TestNode.Outcome ping = new TestNode.Outcome(node);
        node.engine.keepAlivePing(peer, SECOND, 0, ping, node.now);
        assertThat(node.sent).hasSize(1);
        node.advance(2 * SECOND);
        assertThat(ping.count()).as("not judged while queued").isZero();
        node.receive(peer, Message.of(MessageType.ACK, Code.CONTENT, sentRequest.messageId(), sentRequest.token(),
                List.of(), new byte[0]));
        assertThat(node.lastSent().code()).isEqualTo(Code.EMPTY);
        node.receive(peer, Message.empty(MessageType.RST, node.lastSent().messageId()));
        assertThat(ping.responses).hasSize(1);
    }

    @Test
    void rejectsNonsenseParameters() {
        TestNode.Outcome ping = new TestNode.Outcome(node);
        assertThatThrownBy(() -> node.engine.keepAlivePing(peer, 0, 2, ping, node.now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> node.engine.keepAlivePing(peer, SECOND, 21, ping, node.now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetransmit");
    }
}
