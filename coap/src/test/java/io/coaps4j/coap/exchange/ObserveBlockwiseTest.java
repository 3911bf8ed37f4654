package io.coaps4j.coap.exchange;

import static io.coaps4j.coap.exchange.BlockwiseTransferTest.get;
import static io.coaps4j.coap.exchange.BlockwiseTransferTest.randomBody;
import static io.coaps4j.coap.exchange.SimulatedNetwork.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.blockwise.BlockOption;
import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.blockwise.BlockwiseLayer;
import io.coaps4j.coap.exchange.SimulatedNetwork.Node;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Block2 combined with Observe (RFC 7959 sections 2.3 and 3.4) between two engines with the
 * {@link BlockwiseLayer}, in virtual time: a notification too large for one message leaves as its
 * first block with Observe, Block2 and an ETag; the client fetches the rest with GETs without
 * Observe and hands the observation the whole representation; a newer notification mid-transfer
 * wins, and nothing delivered is ever a mixture of two states.
 */
class ObserveBlockwiseTest {
    private static final PlainPeer SERVER = new PlainPeer(new InetSocketAddress("10.0.0.1", 5683));
    private static final PlainPeer CLIENT = new PlainPeer(new InetSocketAddress("10.0.0.2", 40000));
    private static final long SECOND = 1000 * MS;
    private static final int SIZE = 5_000;

    private SimulatedNetwork net;
    private final List<Message> toServer = new ArrayList<>();
    private final List<Message> toClient = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();
    private final List<byte[]> states = new ArrayList<>();
    private final List<Message> heard = new ArrayList<>();
    private final List<ExchangeFailure> ends = new ArrayList<>();
    private int handlerRuns;
    private Node server;
    private Node client;

    /** A server whose resource is observable and whose state {@code states[current]} is {@value #SIZE} bytes. */
    private void start(long seed, double loss, double duplication, MessageType notificationType) {
        start(seed, loss, duplication, notificationType, get("big"));
    }

    private void start(long seed, double loss, double duplication, MessageType notificationType, Message request) {
        net = new SimulatedNetwork(seed, loss, duplication, 40 * MS);
        net.wireTap = (to, datagram) -> (to.equals(SERVER) ? toServer : toClient).add(decode(datagram));
        server = net.node(SERVER, BlockwiseTransferTest.CONFIG, seed, List.of(new BlockwiseLayer(BlockwiseConfig.DEFAULT)));
        client = net.node(CLIENT, BlockwiseTransferTest.CONFIG, seed + 1,
                List.of(new BlockwiseLayer(BlockwiseConfig.DEFAULT)));
        states.add(randomBody(seed * 100, SIZE));
        server.behaviour = (node, exchange) -> {
            handlerRuns++;
            CoapResponse current = CoapResponse.content(states.get(states.size() - 1), 42);
            if (exchange.request().observe().isPresent()) {
                Observation observation = node.engine.observe(exchange, current, notificationType, null, net.now());
                if (observation != null) {
                    observations.add(observation);
                }
            } else {
                node.engine.respond(exchange, current, net.now());
            }
        };
        client.engine.observe(SERVER, request, 60 * SECOND, new NotificationListener() {
            @Override
            public void onNotification(Message notification) {
                heard.add(notification);
            }

            @Override
            public void onEnded(ExchangeFailure failure) {
                ends.add(failure);
            }
        }, net.now());
    }

    /** The resource changes to a new {@value #SIZE}-byte state and notifies its observer. */
    private void change(long seed) {
        states.add(randomBody(seed, SIZE));
        server.engine.notifyObserver(observations.get(observations.size() - 1),
                CoapResponse.content(states.get(states.size() - 1), 42), net.now());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void largeNotificationsArriveWholeInOrderOverALossyNetwork(long seed) {
        MessageType type = seed % 2 == 0 ? MessageType.CON : MessageType.NON;
        start(seed, 0.1, 0.1, type);
        net.runUntil(30 * SECOND);
        assertThat(observations).as("registered").isNotEmpty();
        for (int i = 1; i <= 5; i++) {
            long state = seed * 100 + i;
            net.at(net.now() + i * 20 * SECOND, () -> change(state));
        }
        net.runUntil(200 * SECOND);

        assertThat(ends).isEmpty();
        assertThat(heard).as("the registration's response and fresher notifications").isNotEmpty();
        List<Integer> seen = new ArrayList<>();
        for (Message notification : heard) {
            assertThat(notification.hasOption(OptionNumber.BLOCK2)).isFalse();
            assertThat(notification.observe()).isPresent();
            assertThat(notification.contentFormat()).hasValue(42);
            seen.add(indexOf(notification.payload()));
        }
        assertThat(seen).as("whole states, never a mixture, in order").doesNotContain(-1).isSorted()
                .doesNotHaveDuplicates();
        if (type == MessageType.CON) {
            assertThat(seen).as("seed %d: a CON observer ends with the latest state", seed).endsWith(5);
        }
        assertThat(toClient).allSatisfy(m -> assertThat(MessageCodec.encodedLength(m))
                .isLessThanOrEqualTo(BlockwiseConfig.DEFAULT_MAX_MESSAGE_SIZE));
    }

    @Test
    void theFirstBlockCarriesObserveAndEtagAndTheRestIsFetchedWithPlainGets() {
        start(9, 0, 0, MessageType.NON);
        net.runUntil(10 * SECOND);
        toServer.clear();
        toClient.clear();
        change(901);
        net.runUntil(20 * SECOND);

        Message first = toClient.get(0);
        assertThat(first.observe()).as("the notification's first block").isPresent();
        BlockOption block = BlockOption.of(first, OptionNumber.BLOCK2).orElseThrow();
        assertThat(block.num()).isZero();
        assertThat(block.more()).isTrue();
        assertThat(first.hasOption(OptionNumber.ETAG)).isTrue();
        assertThat(first.uintOption(OptionNumber.SIZE2)).hasValue(SIZE);
        List<Message> gets = toServer.stream().filter(m -> m.code().equals(Code.GET)).toList();
        assertThat(gets).as("one GET per later block").hasSize((SIZE - 1) / block.size());
        assertThat(gets).allSatisfy(m -> {
            assertThat(m.observe()).as("section 3.4: without Observe").isEmpty();
            assertThat(BlockOption.of(m, OptionNumber.BLOCK2).orElseThrow().num()).isPositive();
        });
        assertThat(toClient.stream().filter(m -> m.code().equals(Code.CONTENT)).skip(1))
                .as("later blocks answer plain GETs").allSatisfy(m -> assertThat(m.observe()).isEmpty());
        assertThat(heard).hasSize(2);
        assertThat(heard.get(1).payload()).isEqualTo(states.get(1));
        assertThat(handlerRuns).as("the later blocks come from the kept body").isEqualTo(1);
        assertThat(observations.get(0).exchange.state).isNotEqualTo(ServerExchange.State.CLOSED);
    }

    @Test
    void aFetchObservationFetchesTheLaterBlocksWithItsBodyAndWithoutObserve() {
        Message fetch = Message.builder().type(MessageType.CON).code(Code.FETCH)
                .options(new io.coaps4j.coap.message.OptionsBuilder().uriPath("big")).payload("q=1").build();
        start(15, 0, 0, MessageType.NON, fetch);
        net.runUntil(10 * SECOND);
        toServer.clear();
        change(1501);
        net.runUntil(20 * SECOND);

        assertThat(heard).hasSize(2);
        assertThat(heard.get(1).payload()).isEqualTo(states.get(1));
        List<Message> later = toServer.stream().filter(m -> m.code().equals(Code.FETCH)).toList();
        assertThat(later).as("RFC 8132 2.4 with RFC 7959 3.4").isNotEmpty().allSatisfy(m -> {
            assertThat(m.observe()).isEmpty();
            assertThat(m.payloadAsString()).isEqualTo("q=1");
        });
        assertThat(handlerRuns).as("the later blocks come from the kept body").isEqualTo(1);
    }

    @Test
    void aNewerNotificationMidTransferWinsAndNoMixtureIsDelivered() {
        start(11, 0, 0, MessageType.NON);
        net.runUntil(10 * SECOND);
        change(1101);
        // 40 ms one way: the first block is there, its later blocks are still being fetched.
        net.at(net.now() + 100 * MS, () -> change(1102));
        net.runUntil(30 * SECOND);

        assertThat(ends).isEmpty();
        List<Integer> seen = heard.stream().map(m -> indexOf(m.payload())).toList();
        assertThat(seen).doesNotContain(-1).isSorted().endsWith(2);
        assertThat(heard.get(heard.size() - 1).observe()).isPresent();
    }

    @Test
    void theRegistrationsOwnLargeResponseArrivesWholeAndTheObservationStaysOpen() {
        start(13, 0, 0, MessageType.CON);
        net.runUntil(10 * SECOND);
        assertThat(heard).singleElement().satisfies(m -> {
            assertThat(m.payload()).isEqualTo(states.get(0));
            assertThat(m.observe()).isPresent();
        });
        assertThat(observations).hasSize(1);
        change(1301);
        net.runUntil(20 * SECOND);
        assertThat(heard).hasSize(2);
        assertThat(heard.get(1).payload()).isEqualTo(states.get(1));
    }

    private int indexOf(byte[] payload) {
        for (int i = 0; i < states.size(); i++) {
            if (Arrays.equals(states.get(i), payload)) {
                return i;
            }
        }
        return -1;
    }

    private static Message decode(byte[] datagram) {
        try {
            return MessageCodec.decode(datagram);
        } catch (MessageFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
