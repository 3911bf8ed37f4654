package io.coaps4j.coap.exchange;

import static io.coaps4j.coap.exchange.SimulatedNetwork.MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.blockwise.BlockOption;
import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.blockwise.BlockwiseLayer;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.OptionsBuilder;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server's block-wise reassembly against a peer that breaks the rules (RFC 7959 sections 2.2, 2.9,
 * issue 10 item 6): every answer is checked on the wire, and the memory held stays within its bounds.
 */
class BlockwiseAttackTest {
    private static final PlainPeer ATTACKER = new PlainPeer(new InetSocketAddress("10.6.6.6", 40000));
    private static final BlockwiseConfig CONFIG = BlockwiseConfig.builder().maxBodySize(8_192).maxTransfers(100)
            .maxBufferedBytes(64 * 1024).transferLifetime(Duration.ofSeconds(60)).build();

    private BlockwiseLayer layer;
    private TestNode server;
    private int messageId;

    @BeforeEach
    void setUp() {
        layer = new BlockwiseLayer(CONFIG);
        server = new TestNode(BlockwiseTransferTest.CONFIG, 1, List.of(layer));
        server.onRequest = exchange -> server.engine.respond(exchange, CoapResponse.of(Code.CHANGED), server.now);
    }

    private Message send(BlockOption block, int payloadLength, Option... extra) {
        return send("store", block, payloadLength, extra);
    }

    private Message send(String path, BlockOption block, int payloadLength, Option... extra) {
        OptionsBuilder options = new OptionsBuilder().uriPath(path).option(block.toOption(OptionNumber.BLOCK1));
        for (Option option : extra) {
            options.option(option);
        }
        int id = messageId++;
        server.receive(ATTACKER, Message.builder().type(MessageType.CON).code(Code.PUT).messageId(id)
                .token(Token.of(new byte[] {(byte) (id >> 8), (byte) id})).options(options)
                .payload(new byte[payloadLength]).build());
        return server.lastSent();
    }

    @Test
    void block1WithSzx7IsRejectedWith400() {
        Message answer = send(new BlockOption(0, true, 7), 1024);
        assertThat(answer.code()).isEqualTo(Code.BAD_REQUEST);
        assertThat(answer.payloadAsString()).contains("SZX 7");
        assertThat(layer.pendingReassemblies()).isZero();
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aGapInTheBlockNumbersGets408AndForgetsTheTransfer() {
        assertThat(send(new BlockOption(0, true, 6), 1024).code()).isEqualTo(Code.CONTINUE);
        assertThat(send(new BlockOption(1, true, 6), 1024).code()).isEqualTo(Code.CONTINUE);
        Message answer = send(new BlockOption(3, true, 6), 1024);
        assertThat(answer.code()).isEqualTo(Code.REQUEST_ENTITY_INCOMPLETE);
        assertThat(layer.pendingReassemblies()).isZero();
        assertThat(send(new BlockOption(2, false, 6), 10).code()).as("the transfer is gone")
                .isEqualTo(Code.REQUEST_ENTITY_INCOMPLETE);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aBodyOverTheLimitGets413WithSize1() {
        assertThat(send(new BlockOption(0, true, 6), 1024).code()).isEqualTo(Code.CONTINUE);
        Message announced = send(new BlockOption(0, true, 6), 1024, Option.ofUint(OptionNumber.SIZE1, 100_000));
        assertThat(announced.code()).isEqualTo(Code.REQUEST_ENTITY_TOO_LARGE);
        assertThat(announced.uintOption(OptionNumber.SIZE1)).hasValue(8_192);
        for (int num = 0; num < 8; num++) {
            assertThat(send(new BlockOption(num, true, 6), 1024).code()).isEqualTo(Code.CONTINUE);
        }
        Message over = send(new BlockOption(8, false, 6), 1);
        assertThat(over.code()).isEqualTo(Code.REQUEST_ENTITY_TOO_LARGE);
        assertThat(over.uintOption(OptionNumber.SIZE1)).hasValue(8_192);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void aBlockNumberPastTheLimitIsRejected() {
        Message answer = send(new BlockOption(BlockOption.MAX_NUM, true, 6), 1024);
        assertThat(answer.code()).isEqualTo(Code.REQUEST_ENTITY_TOO_LARGE);
        assertThat(answer.uintOption(OptionNumber.SIZE1)).hasValue(8_192);
        assertThat(layer.pendingReassemblies()).isZero();
    }

    @Test
    void aBlockWithMoreToFollowMustBeOfItsBlockSize() {
        assertThat(send(new BlockOption(0, true, 6), 100).code()).isEqualTo(Code.BAD_REQUEST);
        assertThat(layer.pendingReassemblies()).isZero();
    }

    @Test
    void anAbandonedTransferExpiresInVirtualTime() {
        assertThat(send(new BlockOption(0, true, 6), 1024).code()).isEqualTo(Code.CONTINUE);
        assertThat(layer.pendingReassemblies()).isEqualTo(1);
        server.advance(61_000 * MS);
        assertThat(send(new BlockOption(1, false, 6), 10).code()).as("expired")
                .isEqualTo(Code.REQUEST_ENTITY_INCOMPLETE);
        assertThat(layer.pendingReassemblies()).isZero();
        assertThat(layer.reassemblyBytes()).isZero();
    }

    @Test
    void tenThousandUnfinishedTransfersFromOnePeerStayWithinTheBoundOldestEvicted() {
        for (int i = 0; i < 10_000; i++) {
            Message answer = send("r" + i, new BlockOption(0, true, 6), 1024);
            assertThat(answer.code()).isEqualTo(Code.CONTINUE);
            assertThat(layer.pendingReassemblies()).isLessThanOrEqualTo(CONFIG.maxTransfers());
            assertThat(layer.reassemblyBytes()).isLessThanOrEqualTo(CONFIG.maxBufferedBytes());
        }
        assertThat(layer.evictions()).isGreaterThanOrEqualTo(10_000 - CONFIG.maxTransfers());
        assertThat(send("r0", new BlockOption(1, false, 6), 10).code()).as("the oldest was evicted")
                .isEqualTo(Code.REQUEST_ENTITY_INCOMPLETE);
        assertThat(send("r9999", new BlockOption(1, false, 6), 10).code()).as("the newest completes")
                .isEqualTo(Code.CHANGED);
        assertThat(server.requests).hasSize(1);
        assertThat(server.requests.get(0).request().payloadLength()).isEqualTo(1034);
    }

    @Test
    void aRepeatedBlockIsAnsweredAgainAndTheBodyIsAssembledOnce() {
        assertThat(send(new BlockOption(0, true, 6), 1024).code()).isEqualTo(Code.CONTINUE);
        assertThat(send(new BlockOption(1, true, 6), 1024).code()).isEqualTo(Code.CONTINUE);
        assertThat(send(new BlockOption(1, true, 6), 1024).code()).as("its 2.31 was lost").isEqualTo(Code.CONTINUE);
        Message last = send(new BlockOption(2, false, 6), 5);
        assertThat(last.code()).isEqualTo(Code.CHANGED);
        assertThat(BlockOption.of(last, OptionNumber.BLOCK1)).hasValue(new BlockOption(2, false, 6));
        assertThat(server.requests).singleElement()
                .satisfies(e -> assertThat(e.request().payloadLength()).isEqualTo(2 * 1024 + 5));
    }

    @Test
    void concurrentBodiesToOneResourceWithDifferentRequestTagsStayApart() {
        Option tagA = Option.of(OptionNumber.REQUEST_TAG, new byte[] {1});
        Option tagB = Option.of(OptionNumber.REQUEST_TAG, new byte[] {2});
        assertThat(send(new BlockOption(0, true, 6), 1024, tagA).code()).isEqualTo(Code.CONTINUE);
        assertThat(send(new BlockOption(0, true, 6), 1024, tagB).code()).isEqualTo(Code.CONTINUE);
        assertThat(send(new BlockOption(1, false, 6), 3, tagA).code()).isEqualTo(Code.CHANGED);
        assertThat(send(new BlockOption(1, true, 6), 1024, tagB).code()).isEqualTo(Code.CONTINUE);
        assertThat(send(new BlockOption(2, false, 6), 7, tagB).code()).isEqualTo(Code.CHANGED);
        assertThat(server.requests).extracting(e -> e.request().payloadLength()).containsExactly(1027, 2055);
    }

    @Test
    void aLaterBlock2ForAPostWhoseResponseIsGoneGets408InsteadOfRunningThePostAgain() {
        int id = messageId++;
        server.receive(ATTACKER, Message.builder().type(MessageType.CON).code(Code.POST).messageId(id)
                .token(Token.of(new byte[] {9})).options(new OptionsBuilder().uriPath("store")
                        .option(new BlockOption(3, false, 6).toOption(OptionNumber.BLOCK2))).build());
        assertThat(server.lastSent().code()).isEqualTo(Code.REQUEST_ENTITY_INCOMPLETE);
        assertThat(server.requests).isEmpty();
    }
}
