package io.coaps4j.coap.exchange;

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
import io.coaps4j.coap.message.OptionRegistry;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Block-wise transfer (RFC 7959) end to end between two engines with the {@link BlockwiseLayer}, in
 * virtual time over the simulated network: lossy, reordering and duplicating, in both directions.
 */
class BlockwiseTransferTest {
    static final EngineConfig CONFIG = EngineConfig.builder().recognizedOptions(OptionRegistry.standard()).build();
    private static final PlainPeer SERVER = new PlainPeer(new InetSocketAddress("10.0.0.1", 5683));
    private static final PlainPeer CLIENT = new PlainPeer(new InetSocketAddress("10.0.0.2", 40000));
    private static final long TIMEOUT = 600_000 * MS;
    /** Each block's exchange gives up after MAX_RETRANSMIT like any other, and so does its transfer: 10% keeps that rare. */
    private static final double LOSS = 0.1;

    private SimulatedNetwork net;
    private final List<Message> wire = new ArrayList<>();

    private Node[] pair(long seed, double loss, double duplication, BlockwiseConfig serverConfig,
                        BlockwiseConfig clientConfig) {
        net = new SimulatedNetwork(seed, loss, duplication, 40 * MS);
        net.wireTap = (to, datagram) -> wire.add(decode(datagram));
        Node server = net.node(SERVER, CONFIG, seed, List.of(new BlockwiseLayer(serverConfig)));
        Node client = net.node(CLIENT, CONFIG, seed + 1, List.of(new BlockwiseLayer(clientConfig)));
        return new Node[] {server, client};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aLargeResponseArrivesWholeOverALossyReorderingDuplicatingNetwork(long seed) {
        byte[] body = randomBody(seed, 20_000);
        Node[] nodes = pair(seed, LOSS, 0.2, BlockwiseConfig.DEFAULT, BlockwiseConfig.DEFAULT);
        int[] handlerRuns = {0};
        nodes[0].behaviour = (node, exchange) -> {
            handlerRuns[0]++;
            node.engine.respond(exchange, CoapResponse.content(body, 42), net.now());
        };
        List<Message> responses = new ArrayList<>();
        List<ExchangeFailure> failures = new ArrayList<>();
        nodes[1].engine.request(SERVER, get("big"), TIMEOUT, listener(responses, failures), 0);

        net.runUntil(TIMEOUT);

        assertThat(failures).isEmpty();
        assertThat(responses).hasSize(1);
        Message response = responses.get(0);
        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payload()).isEqualTo(body);
        assertThat(response.contentFormat()).hasValue(42);
        assertThat(response.hasOption(OptionNumber.BLOCK2)).isFalse();
        assertThat(handlerRuns[0]).as("the rest of the body served from the kept copy").isEqualTo(1);
        assertNoMessageOver(BlockwiseConfig.DEFAULT_MAX_MESSAGE_SIZE);
        assertThat(wire).as("went in blocks").anyMatch(m -> m.hasOption(OptionNumber.BLOCK2));
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void aLargeRequestBodyReachesTheHandlerWholeAndTheResponseEchoesTheLastBlock1(long seed) {
        byte[] body = randomBody(seed, 30_000);
        Node[] nodes = pair(seed, LOSS, 0.2, BlockwiseConfig.DEFAULT, BlockwiseConfig.DEFAULT);
        List<byte[]> received = new ArrayList<>();
        nodes[0].behaviour = (node, exchange) -> {
            received.add(exchange.request().payload());
            node.engine.respond(exchange, CoapResponse.of(Code.CHANGED), net.now());
        };
        List<Message> responses = new ArrayList<>();
        List<ExchangeFailure> failures = new ArrayList<>();
        nodes[1].engine.request(SERVER, put("store", body), TIMEOUT, listener(responses, failures), 0);

        net.runUntil(TIMEOUT);

        assertThat(failures).isEmpty();
        assertThat(responses).singleElement().satisfies(r -> assertThat(r.code()).isEqualTo(Code.CHANGED));
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).isEqualTo(body);
        assertNoMessageOver(BlockwiseConfig.DEFAULT_MAX_MESSAGE_SIZE);
        Message last = wire.stream().filter(m -> m.code().equals(Code.CHANGED)).findFirst().orElseThrow();
        BlockOption echoed = BlockOption.of(last, OptionNumber.BLOCK1).orElseThrow();
        assertThat(echoed.more()).isFalse();
        assertThat(echoed.num()).isEqualTo((body.length - 1) / 1024);
        Message first = wire.stream().filter(m -> m.code().equals(Code.PUT)).findFirst().orElseThrow();
        assertThat(first.uintOption(OptionNumber.SIZE1)).hasValue(body.length);
        assertThat(first.hasOption(OptionNumber.REQUEST_TAG)).isTrue();
    }

    @Test
    void aPostWithALargeBodyAndALargeResponseMovesBothWays() {
        byte[] up = randomBody(7, 5_000);
        byte[] down = randomBody(8, 7_000);
        Node[] nodes = pair(7, 0.1, 0.1, BlockwiseConfig.DEFAULT, BlockwiseConfig.DEFAULT);
        List<byte[]> received = new ArrayList<>();
        nodes[0].behaviour = (node, exchange) -> {
            received.add(exchange.request().payload());
            node.engine.respond(exchange, CoapResponse.builder(Code.CHANGED).payload(down).build(), net.now());
        };
        List<Message> responses = new ArrayList<>();
        List<ExchangeFailure> failures = new ArrayList<>();
        Message post = Message.builder().type(MessageType.CON).code(Code.POST)
                .options(new io.coaps4j.coap.message.OptionsBuilder().uriPath("echo")).payload(up).build();
        nodes[1].engine.request(SERVER, post, TIMEOUT, listener(responses, failures), 0);

        net.runUntil(TIMEOUT);

        assertThat(failures).isEmpty();
        assertThat(received).singleElement().satisfies(b -> assertThat(b).isEqualTo(up));
        assertThat(responses).singleElement().satisfies(r -> assertThat(r.payload()).isEqualTo(down));
        assertNoMessageOver(BlockwiseConfig.DEFAULT_MAX_MESSAGE_SIZE);
    }

    @Test
    void theSmallerSzxOfBothSidesIsUsedAndAClientsEarlyBlock2IsHonoured() {
        byte[] body = randomBody(9, 3_000);
        BlockwiseConfig small = BlockwiseConfig.builder().blockSize(64).build();
        Node[] nodes = pair(9, 0, 0, BlockwiseConfig.DEFAULT, small);
        nodes[0].behaviour = (node, exchange) -> node.engine.respond(exchange,
                CoapResponse.content(body, 0), net.now());
        List<Message> responses = new ArrayList<>();
        nodes[1].engine.request(SERVER, get("big"), TIMEOUT, listener(responses, new ArrayList<>()), 0);

        net.runUntil(TIMEOUT);

        assertThat(responses).singleElement().satisfies(r -> assertThat(r.payload()).isEqualTo(body));
        Message firstRequest = wire.get(0);
        assertThat(BlockOption.of(firstRequest, OptionNumber.BLOCK2)).hasValue(new BlockOption(0, false, 2));
        assertThat(wire).filteredOn(m -> m.code().equals(Code.CONTENT))
                .allSatisfy(m -> assertThat(BlockOption.of(m, OptionNumber.BLOCK2).orElseThrow().size()).isEqualTo(64))
                .hasSize((body.length + 63) / 64);
    }

    @Test
    void aServerWithSmallerBlocksMakesTheClientsUploadFollowIt() {
        byte[] body = randomBody(10, 2_000);
        BlockwiseConfig small = BlockwiseConfig.builder().maxMessageSize(200).blockSize(128).build();
        Node[] nodes = pair(10, 0, 0, small, BlockwiseConfig.DEFAULT);
        List<byte[]> received = new ArrayList<>();
        nodes[0].behaviour = (node, exchange) -> {
            received.add(exchange.request().payload());
            node.engine.respond(exchange, CoapResponse.of(Code.CHANGED), net.now());
        };
        List<Message> responses = new ArrayList<>();
        nodes[1].engine.request(SERVER, put("store", body), TIMEOUT, listener(responses, new ArrayList<>()), 0);

        net.runUntil(TIMEOUT);

        assertThat(responses).singleElement().satisfies(r -> assertThat(r.code()).isEqualTo(Code.CHANGED));
        assertThat(received).singleElement().satisfies(b -> assertThat(b).isEqualTo(body));
    }

    @Test
    void concurrentUploadsToOneResourceFromOneClientStayApartByRequestTag() {
        Node[] nodes = pair(11, 0.1, 0.1, BlockwiseConfig.DEFAULT, BlockwiseConfig.DEFAULT);
        Set<String> received = new HashSet<>();
        nodes[0].behaviour = (node, exchange) -> {
            received.add(Arrays.hashCode(exchange.request().payload()) + ":" + exchange.request().payloadLength());
            node.engine.respond(exchange, CoapResponse.of(Code.CHANGED), net.now());
        };
        List<Message> responses = new ArrayList<>();
        List<ExchangeFailure> failures = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            byte[] body = randomBody(100 + i, 4_000 + i);
            sent.add(Arrays.hashCode(body) + ":" + body.length);
            nodes[1].engine.request(SERVER, put("store", body), TIMEOUT, listener(responses, failures), 0);
        }

        net.runUntil(TIMEOUT);

        assertThat(failures).isEmpty();
        assertThat(responses).hasSize(4).allSatisfy(r -> assertThat(r.code()).isEqualTo(Code.CHANGED));
        assertThat(received).isEqualTo(sent);
        assertThat(wire).filteredOn(m -> m.code().equals(Code.PUT))
                .extracting(m -> Arrays.toString(m.option(OptionNumber.REQUEST_TAG).orElseThrow().value()))
                .isNotEmpty();
        assertThat(new HashSet<>(wire.stream().filter(m -> m.code().equals(Code.PUT))
                .map(m -> Arrays.toString(m.option(OptionNumber.REQUEST_TAG).orElseThrow().value())).toList()))
                .as("one Request-Tag per body").hasSize(4);
    }

    @Test
    void aResponseBodyOverTheClientsLimitFailsTheExchange() {
        Node[] nodes = pair(12, 0, 0, BlockwiseConfig.DEFAULT, BlockwiseConfig.builder().maxBodySize(4_000).build());
        nodes[0].behaviour = (node, exchange) -> node.engine.respond(exchange,
                CoapResponse.content(new byte[10_000], 0), net.now());
        List<ExchangeFailure> failures = new ArrayList<>();
        nodes[1].engine.request(SERVER, get("big"), TIMEOUT, listener(new ArrayList<>(), failures), 0);

        net.runUntil(TIMEOUT);

        assertThat(failures).containsExactly(ExchangeFailure.TRANSFER_FAILED);
    }

    // ------------------------------------------------------------------------------------------------

    private void assertNoMessageOver(int limit) {
        assertThat(wire).allSatisfy(m -> assertThat(MessageCodec.encodedLength(m)).isLessThanOrEqualTo(limit));
    }

    static Message get(String path) {
        return Message.builder().type(MessageType.CON).code(Code.GET)
                .options(new io.coaps4j.coap.message.OptionsBuilder().uriPath(path)).build();
    }

    static Message put(String path, byte[] body) {
        return Message.builder().type(MessageType.CON).code(Code.PUT)
                .options(new io.coaps4j.coap.message.OptionsBuilder().uriPath(path)).payload(body).build();
    }

    static byte[] randomBody(long seed, int length) {
        byte[] body = new byte[length];
        new Random(seed).nextBytes(body);
        return body;
    }

    private static ResponseListener listener(List<Message> responses, List<ExchangeFailure> failures) {
        return new ResponseListener() {
            @Override
            public void onResponse(Message response) {
                responses.add(response);
            }

            @Override
            public void onFailure(ExchangeFailure failure) {
                failures.add(failure);
            }
        };
    }

    private static Message decode(byte[] datagram) {
        try {
            return MessageCodec.decode(datagram);
        } catch (MessageFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
