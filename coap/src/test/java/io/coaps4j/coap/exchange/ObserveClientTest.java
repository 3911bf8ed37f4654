package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client side of RFC 7641 in the engine, on virtual time. */
class ObserveClientTest {
    private static final long SECOND = 1_000_000_000L;
    private final PlainPeer server = new PlainPeer(new InetSocketAddress("127.0.0.1", 5683));
    private final TestNode client = new TestNode();
    private final Heard heard = new Heard();

    /** A peer as the DTLS binding presents it: the same address in another session or epoch is another peer. */
    private record SessionPeer(InetSocketAddress address, long session, int epoch) implements Peer {
        @Override
        public Optional<Principal> principal() {
            return Optional.of(() -> "device-1");
        }

        @Override
        public boolean secure() {
            return true;
        }
    }

    private static final class Heard implements NotificationListener {
        final List<String> notifications = new ArrayList<>();
        final List<ExchangeFailure> ends = new ArrayList<>();
        int endCalls;

        @Override
        public void onNotification(Message notification) {
            notifications.add(notification.payloadAsString());
        }

        @Override
        public void onEnded(ExchangeFailure failure) {
            ends.add(failure);
            endCalls++;
        }
    }

    private static Message get() {
        return Message.of(MessageType.CON, Code.GET, 0, Token.EMPTY,
                List.of(Option.ofString(OptionNumber.URI_PATH, "clock")), new byte[0]);
    }

    private static Message notification(MessageType type, int mid, Token token, long observe, String payload,
                                        Long maxAge) {
        List<Option> options = new ArrayList<>();
        options.add(Option.ofUint(OptionNumber.OBSERVE, observe));
        if (maxAge != null) {
            options.add(Option.ofUint(OptionNumber.MAX_AGE, maxAge));
        }
        return Message.of(type, Code.CONTENT, mid, token, options, payload.getBytes());
    }

    /** Registers with {@code peer}, answers with Observe {@code first}; returns the registration. */
    private Message register(Peer peer, ClientObservation[] handle, long first) {
        handle[0] = client.engine.observe(peer, get(), 10 * SECOND, heard, client.now);
        Message request = client.takeSent().get(0);
        assertThat(request.observe()).as("registration carries Observe 0").hasValue(0);
        client.receive(peer, notification(MessageType.ACK, request.messageId(), request.token(), first, "r", null));
        return request;
    }

    @Test
    void deliversFreshNotificationsAndDropsOlderOnes() {
        ClientObservation[] handle = new ClientObservation[1];
        Message request = register(server, handle, 10);
        Token token = request.token();
        client.receive(server, notification(MessageType.NON, 0x100, token, 12, "12", null));
        client.receive(server, notification(MessageType.NON, 0x101, token, 11, "11 (reordered)", null));
        client.receive(server, notification(MessageType.CON, 0x102, token, 13, "13", null));
        assertThat(client.takeSent()).containsExactly(Message.empty(MessageType.ACK, 0x102));
        assertThat(heard.notifications).containsExactly("r", "12", "13");
        assertThat(heard.ends).isEmpty();
    }

    @Test
    void sequenceNumbersAreComparedIn24BitSerialArithmetic() {
        assertThat(NotificationOrder.fresher(0xFF_FFFF, 0, 0, 0)).as("wraps").isTrue();
        assertThat(NotificationOrder.fresher(0, 0, 0xFF_FFFF, 0)).isFalse();
        assertThat(NotificationOrder.fresher(5, 0, 5, 0)).as("the same is not fresher").isFalse();
        assertThat(NotificationOrder.fresher(5, 0, 5 + (1 << 23) - 1, 0)).isTrue();
        assertThat(NotificationOrder.fresher(5, 0, 5 + (1 << 23), 0)).isFalse();
        assertThat(NotificationOrder.fresher(100, 0, 3, 129 * SECOND)).as("after 128 s anything is fresher").isTrue();
        assertThat(NotificationOrder.fresher(100, 0, 3, 128 * SECOND)).isFalse();
    }

    @Test
    void anOlderValueIsAcceptedAfter128Seconds() {
        client.engine.observe(server, get(), 10 * SECOND, heard, client.now);
        Message request = client.takeSent().get(0);
        client.receive(server, notification(MessageType.ACK, request.messageId(), request.token(), 1000, "r", 600L));
        client.advance(100 * SECOND);
        client.receive(server, notification(MessageType.NON, 0x200, request.token(), 3, "too old", 600L));
        client.advance(29 * SECOND);
        client.receive(server, notification(MessageType.NON, 0x201, request.token(), 4, "restarted", 600L));
        assertThat(client.takeSent()).as("no re-registration within Max-Age").isEmpty();
        assertThat(heard.notifications).containsExactly("r", "restarted");
    }

    @Test
    void maxAgeWithoutNotificationReRegistersWithTheSameToken() {
        ClientObservation[] handle = new ClientObservation[1];
        client.engine.observe(server, get(), 10 * SECOND, heard, client.now);
        Message request = client.takeSent().get(0);
        client.receive(server, notification(MessageType.ACK, request.messageId(), request.token(), 1, "r", 30L));
        client.advance(30 * SECOND);
        assertThat(client.takeSent()).as("not before Max-Age (and a grace)").isEmpty();
        client.advance(3 * SECOND);
        List<Message> sent = client.takeSent();
        assertThat(sent).hasSize(1);
        Message again = sent.get(0);
        assertThat(again.token()).isEqualTo(request.token());
        assertThat(again.observe()).hasValue(0);
        assertThat(again.uriPath()).containsExactly("clock");
        assertThat(again.messageId()).isNotEqualTo(request.messageId());
        client.receive(server, notification(MessageType.ACK, again.messageId(), again.token(), 2, "again", 30L));
        assertThat(heard.notifications).containsExactly("r", "again");
        assertThat(heard.ends).isEmpty();
    }

    @Test
    void aReRegistrationNeverAnsweredEndsWithTimeout() {
        ClientObservation[] handle = new ClientObservation[1];
        register(server, handle, 1);
        client.advance(400 * SECOND);
        assertThat(heard.ends).containsExactly(ExchangeFailure.TIMEOUT);
        assertThat(client.engine.pendingRequests()).isZero();
    }

    @Test
    void notificationsFromAnotherSessionOrEpochAreNotDelivered() {
        InetSocketAddress address = server.address();
        SessionPeer registeredIn = new SessionPeer(address, 7, 1);
        ClientObservation[] handle = new ClientObservation[1];
        Message request = register(registeredIn, handle, 1);
        client.takeSent();
        client.receive(new SessionPeer(address, 7, 2), notification(MessageType.CON, 0x300, request.token(), 2,
                "other epoch", null));
        client.receive(new SessionPeer(address, 8, 1), notification(MessageType.NON, 0x301, request.token(), 3,
                "other session", null));
        assertThat(client.takeSent()).extracting(Message::type).as("rejected, not acknowledged")
                .containsExactly(MessageType.RST, MessageType.RST);
        client.receive(registeredIn, notification(MessageType.NON, 0x302, request.token(), 4, "same", null));
        assertThat(heard.notifications).containsExactly("r", "same");
    }

    @Test
    void theSessionsEndEndsTheObservation() {
        SessionPeer session = new SessionPeer(server.address(), 7, 1);
        ClientObservation[] handle = new ClientObservation[1];
        register(session, handle, 1);
        client.engine.peerLost(session, client.now);
        assertThat(heard.ends).containsExactly(ExchangeFailure.PEER_LOST);
        assertThat(handle[0].ended()).isTrue();
        assertThat(client.engine.scheduledTimers()).as("no re-registration into a closed session").isZero();
    }

    @Test
    void proactiveCancelSendsObserveOneWithTheSameToken() {
        ClientObservation[] handle = new ClientObservation[1];
        Message request = register(server, handle, 1);
        client.takeSent();
        client.engine.cancelObservation(handle[0], true, client.now);
        assertThat(heard.ends).containsExactly(ExchangeFailure.CANCELLED);
        Message deregistration = client.takeSent().get(0);
        assertThat(deregistration.code()).isEqualTo(Code.GET);
        assertThat(deregistration.observe()).hasValue(1);
        assertThat(deregistration.token()).isEqualTo(request.token());
        assertThat(deregistration.uriPath()).containsExactly("clock");
        client.receive(server, Message.of(MessageType.ACK, Code.CONTENT, deregistration.messageId(),
                request.token(), List.of(), "plain".getBytes()));
        assertThat(heard.notifications).as("the deregistration's answer is not a notification").containsExactly("r");
        assertThat(heard.endCalls).isOne();
    }

    @Test
    void reactiveCancelRejectsTheNextConOrNonNotification() {
        ClientObservation[] handle = new ClientObservation[1];
        Message request = register(server, handle, 1);
        client.takeSent();
        client.engine.cancelObservation(handle[0], false, client.now);
        assertThat(client.takeSent()).isEmpty();
        client.receive(server, notification(MessageType.NON, 0x400, request.token(), 2, "x", null));
        client.receive(server, notification(MessageType.CON, 0x401, request.token(), 3, "y", null));
        assertThat(client.takeSent()).containsExactly(Message.empty(MessageType.RST, 0x400),
                Message.empty(MessageType.RST, 0x401));
        assertThat(heard.notifications).containsExactly("r");
    }

    @Test
    void aResponseWithoutObserveEndsTheObservationAfterDeliveringIt() {
        client.engine.observe(server, get(), 10 * SECOND, heard, client.now);
        Message request = client.takeSent().get(0);
        client.receive(server, Message.of(MessageType.ACK, Code.CONTENT, request.messageId(), request.token(),
                List.of(), "plain".getBytes()));
        assertThat(heard.notifications).containsExactly("plain");
        assertThat(heard.ends).as("the server did not add us (section 3.2)").containsExactly((ExchangeFailure) null);
        assertThat(client.engine.pendingRequests()).isZero();
        assertThat(client.engine.scheduledTimers()).isZero();
    }

    @Test
    void clientAndServerEnginesObserveEachOther() {
        TestNode serverNode = new TestNode(EngineConfig.DEFAULT, 2);
        PlainPeer clientPeer = new PlainPeer(new InetSocketAddress("127.0.0.1", 40000));
        List<Observation> observations = new ArrayList<>();
        serverNode.onRequest = exchange -> {
            Observation observation = serverNode.engine.observe(exchange, CoapResponse.content("0"),
                    MessageType.NON, null, serverNode.now);
            if (observation != null) {
                observations.add(observation);
            }
        };
        ClientObservation handle = client.engine.observe(server, get(), 10 * SECOND, heard, client.now);
        for (int i = 1; i <= 3; i++) {
            pump(serverNode, clientPeer);
            serverNode.engine.notifyObserver(observations.get(0), CoapResponse.content(Integer.toString(i)),
                    serverNode.now);
        }
        pump(serverNode, clientPeer);
        assertThat(heard.notifications).containsExactly("0", "1", "2", "3");
        client.engine.cancelObservation(handle, true, client.now);
        pump(serverNode, clientPeer);
        assertThat(serverNode.engine.observers()).isZero();
    }

    /** Delivers every datagram between the two nodes until both are quiet. */
    private void pump(TestNode serverNode, PlainPeer clientPeer) {
        while (!client.sent.isEmpty() || !serverNode.sent.isEmpty()) {
            for (TestNode.Sent s : List.copyOf(client.sent)) {
                client.sent.remove(s);
                serverNode.receive(clientPeer, s.datagram());
            }
            for (TestNode.Sent s : List.copyOf(serverNode.sent)) {
                serverNode.sent.remove(s);
                client.receive(server, s.datagram());
            }
        }
    }
}
