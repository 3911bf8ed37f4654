package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server side of RFC 7641 in the engine, on virtual time. */
class ObserveServerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;
    private final PlainPeer client = new PlainPeer(new InetSocketAddress("127.0.0.1", 40000));
    private final List<Observation> ended = new ArrayList<>();
    private final List<Observation> registered = new ArrayList<>();
    private TestNode server = new TestNode();
    private MessageType notificationType = MessageType.CON;
    private int state;

    ObserveServerTest() {
        observeEveryGet();
    }

    private void observeEveryGet() {
        server.onRequest = exchange -> {
            Observation observation = server.engine.observe(exchange, CoapResponse.content("s" + state),
                    notificationType, ended::add, server.now);
            if (observation != null) {
                registered.add(observation);
            }
        };
    }

    private static Message get(MessageType type, int mid, Token token, Long observe) {
        List<Option> options = new ArrayList<>();
        options.add(Option.ofString(OptionNumber.URI_PATH, "clock"));
        if (observe != null) {
            options.add(Option.ofUint(OptionNumber.OBSERVE, observe));
        }
        return Message.of(type, Code.GET, mid, token, options, new byte[0]);
    }

    private static Token token(int value) {
        return Token.of(new byte[] {(byte) value, 1, 2, 3});
    }

    private Observation register(PlainPeer from, int mid, Token token) {
        int before = registered.size();
        server.receive(from, get(MessageType.CON, mid, token, 0L));
        assertThat(registered).hasSize(before + 1);
        return registered.get(before);
    }

    private boolean change() {
        state++;
        boolean any = false;
        for (Observation observation : registered) {
            any |= server.engine.notifyObserver(observation, CoapResponse.content("s" + state), server.now);
        }
        return any;
    }

    @Test
    void registrationGetsObserveAndNotificationsCarryIncreasingSequenceNumbers() {
        register(client, 1, token(1));
        Message first = server.takeSent().get(0);
        assertThat(first.type()).isEqualTo(MessageType.ACK);
        assertThat(first.observe()).hasValue(0);
        assertThat(first.token()).isEqualTo(token(1));
        assertThat(server.engine.observers()).isOne();

        change();
        Message notification = server.takeSent().get(0);
        assertThat(notification.type()).isEqualTo(MessageType.CON);
        assertThat(notification.token()).isEqualTo(token(1));
        assertThat(notification.observe()).hasValue(1);
        assertThat(notification.payloadAsString()).isEqualTo("s1");
        server.receive(client, Message.empty(MessageType.ACK, notification.messageId()));
        change();
        assertThat(server.takeSent().get(0).observe()).hasValue(2);
    }

    @Test
    void sequenceNumbersWrapAt24Bits() {
        Observation observation = register(client, 1, token(1));
        observation.sequence = 0xFF_FFFF;
        notificationType = MessageType.NON;
        server.takeSent();
        server.engine.notifyObserver(observation, CoapResponse.content("a"), server.now);
        server.receive(client, Message.empty(MessageType.ACK, server.lastSent().messageId()));
        server.engine.notifyObserver(observation, CoapResponse.content("b"), server.now);
        List<Message> sent = server.takeSent();
        assertThat(sent.get(0).observe()).hasValue(0xFF_FFFF);
        assertThat(sent.get(1).observe()).as("3 bytes at most (section 4.4)").hasValue(0);
    }

    @Test
    void nonNotificationsAndAConAtLeastEvery24Hours() {
        notificationType = MessageType.NON;
        register(client, 1, token(1));
        server.takeSent();
        for (int hour = 0; hour < 23; hour++) {
            server.advance(HOUR);
            change();
        }
        assertThat(server.takeSent()).extracting(Message::type).containsOnly(MessageType.NON).hasSize(23);
        server.advance(HOUR);
        change();
        Message daily = server.takeSent().get(0);
        assertThat(daily.type()).as("section 4.5: a CON at least every 24 hours").isEqualTo(MessageType.CON);
        server.receive(client, Message.empty(MessageType.ACK, daily.messageId()));
        server.advance(HOUR);
        change();
        assertThat(server.takeSent().get(0).type()).isEqualTo(MessageType.NON);
    }

    @Test
    void everyHundredthNotificationOfANonResourceIsACon() {
        notificationType = MessageType.NON;
        register(client, 1, token(1));
        server.takeSent();
        for (int i = 0; i < 99; i++) {
            change();
        }
        assertThat(server.takeSent()).extracting(Message::type).containsOnly(MessageType.NON).hasSize(99);
        change();
        Message check = server.takeSent().get(0);
        assertThat(check.type()).as("a vanished client is found within 100 notifications").isEqualTo(MessageType.CON);
        server.advance(300 * SECOND); // nobody acknowledges it
        assertThat(server.engine.observers()).isZero();
    }

    @Test
    void rstToAConNotificationDeregisters() {
        register(client, 1, token(1));
        server.takeSent();
        change();
        Message notification = server.takeSent().get(0);
        server.receive(client, Message.empty(MessageType.RST, notification.messageId()));
        assertThat(server.engine.observers()).isZero();
        assertThat(ended).hasSize(1);
        assertThat(change()).as("nothing more is sent").isFalse();
        assertThat(server.takeSent()).isEmpty();
        assertThat(server.engine.pendingTransmissions()).isZero();
    }

    @Test
    void rstToANonNotificationDeregisters() {
        notificationType = MessageType.NON;
        register(client, 1, token(1));
        server.takeSent();
        change();
        Message notification = server.takeSent().get(0);
        assertThat(notification.type()).isEqualTo(MessageType.NON);
        server.receive(client, Message.empty(MessageType.RST, notification.messageId()));
        assertThat(server.engine.observers()).isZero();
        assertThat(change()).isFalse();
        assertThat(server.takeSent()).isEmpty();
    }

    @Test
    void aNonNotificationLeavesNothingToRetransmitAndOnlyTheLatestIsMatchedByAnRst() {
        notificationType = MessageType.NON;
        register(client, 1, token(1));
        server.takeSent();
        change();
        Message older = server.takeSent().get(0);
        change();
        Message latest = server.takeSent().get(0);
        assertThat(server.engine.pendingTransmissions()).as("a NON notification is not retransmitted").isZero();

        server.receive(client, Message.empty(MessageType.RST, older.messageId()));
        assertThat(server.engine.observers()).as("an RST to a superseded notification").isOne();
        server.receive(new PlainPeer(new InetSocketAddress("127.0.0.1", 40001)),
                Message.empty(MessageType.RST, latest.messageId()));
        assertThat(server.engine.observers()).as("an RST from another peer").isOne();
        server.receive(client, Message.empty(MessageType.RST, latest.messageId()));
        assertThat(server.engine.observers()).isZero();
        assertThat(ended).hasSize(1);
    }

    @Test
    void anIdleObserverLetsGoOfItsPeersMessageIdStateAndTheNextNotificationTakesTheCurrentOne() {
        notificationType = MessageType.NON;
        Observation observation = register(client, 1, token(1));
        server.takeSent();
        change();
        server.takeSent();
        assertThat(observation.peerState).as("kept for the next notification").isNotNull();

        server.advance(300 * SECOND); // idle beyond EXCHANGE_LIFETIME: the peer table drops the peer's state
        assertThat(observation.peerState).as("not kept alive by the observation").isNull();

        assertThat(change()).isTrue();
        assertThat(server.takeSent()).singleElement().satisfies(m -> assertThat(m.type()).isEqualTo(MessageType.NON));
        assertThat(observation.peerState).isNotNull();
        assertThat(server.engine.observers()).isOne();
    }

    @Test
    void rstFromAnotherPeerDoesNotDeregister() {
        register(client, 1, token(1));
        server.takeSent();
        change();
        Message notification = server.takeSent().get(0);
        server.receive(new PlainPeer(new InetSocketAddress("127.0.0.1", 40001)),
                Message.empty(MessageType.RST, notification.messageId()));
        assertThat(server.engine.observers()).isOne();
    }

    @Test
    void getWithObserveOneDeregistersAndIsServedAsAPlainGet() {
        register(client, 1, token(1));
        server.takeSent();
        server.receive(client, get(MessageType.CON, 2, token(1), 1L));
        Message answer = server.takeSent().get(0);
        assertThat(answer.code()).isEqualTo(Code.CONTENT);
        assertThat(answer.hasOption(OptionNumber.OBSERVE)).isFalse();
        assertThat(server.engine.observers()).isZero();
        assertThat(ended).hasSize(1);
    }

    @Test
    void reRegistrationWithTheSameTokenReplaces() {
        Observation first = register(client, 1, token(1));
        Observation second = register(client, 2, token(1));
        assertThat(first.ended()).isTrue();
        assertThat(second.ended()).isFalse();
        assertThat(server.engine.observers()).isOne();
        register(client, 3, token(2));
        assertThat(server.engine.observers()).as("another token is another observation").isEqualTo(2);
    }

    @Test
    void aConNotificationNeverAcknowledgedEndsTheObservation() {
        register(client, 1, token(1));
        server.takeSent();
        change();
        server.advance(300 * SECOND);
        assertThat(server.takeSent()).as("sent and retransmitted MAX_RETRANSMIT times").hasSize(5);
        assertThat(server.engine.observers()).isZero();
        assertThat(ended).hasSize(1);
        assertThat(server.engine.pendingTransmissions()).isZero();
        assertThat(server.engine.scheduledTimers()).isZero();
    }

    @Test
    void theLatestStateSupersedesAnOutstandingConNotification() {
        register(client, 1, token(1));
        server.takeSent();
        change(); // s1 in flight
        Message inFlight = server.takeSent().get(0);
        change(); // s2: waits
        change(); // s3: supersedes s2
        assertThat(server.takeSent()).as("one CON at a time (section 4.5.2)").isEmpty();
        server.receive(client, Message.empty(MessageType.ACK, inFlight.messageId()));
        List<Message> sent = server.takeSent();
        assertThat(sent).extracting(Message::payloadAsString).as("intermediate states skipped").containsExactly("s3");
        assertThat(sent.get(0).messageId()).isNotEqualTo(inFlight.messageId());
    }

    @Test
    void aSupersedingNotificationAfterATimeoutKeepsTheBackOff() {
        register(client, 1, token(1));
        server.takeSent();
        change();
        Message inFlight = server.takeSent().get(0);
        change();
        server.advance(4 * SECOND); // the first attempt times out (2..3 s)
        List<Message> sent = server.takeSent();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).payloadAsString()).isEqualTo("s2");
        assertThat(sent.get(0).messageId()).as("a new message ID (section 4.5.2 step 4)")
                .isNotEqualTo(inFlight.messageId());
        server.advance(300 * SECOND);
        assertThat(server.takeSent()).as("counter retained: 3 more attempts, not 4").hasSize(3);
        assertThat(server.engine.observers()).isZero();
    }

    @Test
    void aNon2xxNotificationIsTheLastAndCarriesNoObserve() {
        Observation observation = register(client, 1, token(1));
        server.takeSent();
        server.engine.notifyObserver(observation, CoapResponse.of(Code.NOT_FOUND), server.now);
        Message last = server.takeSent().get(0);
        assertThat(last.code()).isEqualTo(Code.NOT_FOUND);
        assertThat(last.hasOption(OptionNumber.OBSERVE)).isFalse();
        assertThat(observation.ended()).isTrue();
        assertThat(server.engine.observers()).isZero();
    }

    @Test
    void losingThePeerEndsItsObservations() {
        register(client, 1, token(1));
        register(client, 2, token(2));
        PlainPeer other = new PlainPeer(new InetSocketAddress("127.0.0.1", 40001));
        register(other, 3, token(1));
        server.takeSent();
        change();
        server.engine.peerLost(client, server.now);
        assertThat(ended).hasSize(2);
        assertThat(server.engine.observers()).isOne();
        server.takeSent();
        server.advance(300 * SECOND);
        assertThat(server.takeSent()).as("nothing retransmitted to the lost peer")
                .allSatisfy(message -> assertThat(message.messageId()).isNotNegative())
                .hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void shutdownEndsEveryObservationWithoutSending() {
        register(client, 1, token(1));
        register(client, 2, token(2));
        server.takeSent();
        server.engine.shutdown(server.now);
        assertThat(ended).hasSize(2);
        assertThat(server.engine.observers()).isZero();
        assertThat(registered.get(0).ended()).isTrue();
        assertThat(server.takeSent()).isEmpty();
    }

    @Test
    void tenThousandRegistrationsFromOnePeerAreBounded() {
        server = new TestNode(EngineConfig.builder().maxObserversPerPeer(8).maxObservers(20).build(), 1);
        observeEveryGet();
        int plain = 0;
        for (int i = 0; i < 10_000; i++) {
            Token token = Token.of(new byte[] {(byte) (i >> 8), (byte) i, 7});
            server.receive(client, get(MessageType.CON, i, token, 0L));
            Message answer = server.takeSent().get(0);
            if (!answer.hasOption(OptionNumber.OBSERVE)) {
                plain++;
                assertThat(answer.code()).as("served as a plain GET (section 4.1)").isEqualTo(Code.CONTENT);
            }
        }
        assertThat(server.engine.observers()).isEqualTo(8);
        assertThat(plain).isEqualTo(10_000 - 8);
        for (int p = 0; p < 5; p++) {
            PlainPeer another = new PlainPeer(new InetSocketAddress("127.0.0.1", 41000 + p));
            for (int i = 0; i < 8; i++) {
                server.receive(another, get(MessageType.CON, i, token(i), 0L));
            }
        }
        assertThat(server.engine.observers()).as("the total bound").isEqualTo(20);
    }

    @Test
    void aGetWithoutObserveIsServedPlainly() {
        server.receive(client, get(MessageType.CON, 1, token(1), null));
        assertThat(registered).isEmpty();
        assertThat(server.takeSent().get(0).hasOption(OptionNumber.OBSERVE)).isFalse();
    }

    @Test
    void anErrorToTheRegistrationRegistersNothing() {
        server.onRequest = exchange -> assertThat(server.engine.observe(exchange, CoapResponse.of(Code.NOT_FOUND),
                MessageType.CON, ended::add, server.now)).isNull();
        server.receive(client, get(MessageType.CON, 1, token(1), 0L));
        Message answer = server.takeSent().get(0);
        assertThat(answer.code()).isEqualTo(Code.NOT_FOUND);
        assertThat(answer.hasOption(OptionNumber.OBSERVE)).isFalse();
        assertThat(server.engine.observers()).isZero();
    }

    @Test
    void badCallerInputIsNamed() {
        server.onRequest = exchange -> { };
        server.receive(client, Message.of(MessageType.CON, Code.POST, 1, token(1), List.of(), new byte[0]));
        ServerExchange post = server.requests.get(0);
        assertThatThrownBy(() -> server.engine.observe(post, CoapResponse.content("x"), MessageType.CON, null,
                server.now)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET");
        server.receive(client, get(MessageType.CON, 2, token(2), 0L));
        ServerExchange get = server.requests.get(1);
        assertThatThrownBy(() -> server.engine.observe(get, CoapResponse.content("x"), MessageType.ACK, null,
                server.now)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CON or NON");
    }
}
