package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.messaging.TransmissionParameters;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CoapEngine#peerLost} and deduplication, on virtual time. */
class PeerLostDeduplicationTest {
    private static final long SECOND = 1_000_000_000L;
    private static final EngineConfig LOSES_PEERS = EngineConfig.builder().peersCanBeLost(true).build();

    /** A new object each call, equal to the previous ones. */
    private static PlainPeer peer(int port) {
        return new PlainPeer(new InetSocketAddress("127.0.0.1", port));
    }

    private static Message get(MessageType type, int messageId) {
        return Message.of(type, Code.GET, messageId, Token.ofHex("0a"), List.of(), new byte[0]);
    }

    private static TestNode answeringServer(EngineConfig config) {
        TestNode server = new TestNode(config, 1);
        server.onRequest = ex -> server.engine.respond(ex, CoapResponse.content("hi"), server.now);
        return server;
    }

    @Test
    void aLostPeersMessagesAreNewAgainWhileOthersStayDuplicates() {
        TestNode server = answeringServer(LOSES_PEERS);
        server.receive(peer(1), get(MessageType.CON, 7));
        server.receive(peer(1), get(MessageType.NON, 8));
        server.receive(peer(2), get(MessageType.CON, 7));
        assertThat(server.engine.deduplicationEntries()).isEqualTo(3);

        server.engine.peerLost(peer(1), server.now);

        assertThat(server.engine.deduplicationEntries()).isEqualTo(1);
        server.sent.clear();
        server.receive(peer(2), get(MessageType.CON, 7));
        assertThat(server.requests).as("peer 2's retransmission is still a duplicate").hasSize(3);
        assertThat(server.takeSent()).singleElement().satisfies(ack -> assertThat(ack.messageId()).isEqualTo(7));
        server.receive(peer(1), get(MessageType.CON, 7));
        server.receive(peer(1), get(MessageType.NON, 8));
        assertThat(server.requests).as("the same message ids from the peer after its loss are new").hasSize(5);
        assertThat(server.engine.deduplicationEntries()).isEqualTo(3);
    }

    @Test
    void withoutTheFlagALostPeersEntriesStayUntilTheyExpire() {
        TestNode server = answeringServer(EngineConfig.DEFAULT);
        server.receive(peer(1), get(MessageType.CON, 7));

        server.engine.peerLost(peer(1), server.now);

        assertThat(server.engine.deduplicationEntries()).isEqualTo(1);
        server.receive(peer(1), get(MessageType.CON, 7));
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void expiryAndEvictionKeepCountingAfterAPeerIsLost() {
        TestNode server = answeringServer(LOSES_PEERS.toBuilder().maxDeduplicationEntries(4).build());
        for (int messageId = 0; messageId < 3; messageId++) {
            server.receive(peer(1), get(MessageType.CON, messageId));
        }
        server.advance(SECOND);
        server.receive(peer(2), get(MessageType.CON, 0));
        server.engine.peerLost(peer(1), server.now);
        assertThat(server.engine.deduplicationEntries()).isEqualTo(1);

        // Peer 1's forgotten entries give up their slots before peer 2's remembered ones are evicted.
        for (int messageId = 1; messageId <= 4; messageId++) {
            server.receive(peer(2), get(MessageType.CON, messageId));
        }
        assertThat(server.engine.deduplicationEntries()).isEqualTo(4);
        assertThat(server.engine.deduplicationEvictions()).isEqualTo(1);
        server.receive(peer(2), get(MessageType.CON, 4));
        assertThat(server.requests).as("the newest is still a duplicate").hasSize(8);

        server.advance(TransmissionParameters.DEFAULT.exchangeLifetime().toNanos() + SECOND);
        assertThat(server.engine.deduplicationEntries()).isZero();
        assertThat(server.engine.deduplicationEvictions()).isEqualTo(1);
    }
}
