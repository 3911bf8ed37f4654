package io.coaps4j.coap.blockwise;

import static io.coaps4j.coap.message.OptionNumber.BLOCK1;
import static io.coaps4j.coap.message.OptionNumber.BLOCK2;
import static io.coaps4j.coap.message.OptionNumber.ETAG;
import static io.coaps4j.coap.message.OptionNumber.OBSERVE;
import static io.coaps4j.coap.message.OptionNumber.SIZE1;
import static io.coaps4j.coap.message.OptionNumber.SIZE2;

import io.coaps4j.coap.exchange.LayerContext;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.Option;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The server role of block-wise transfer: request bodies reassembled from Block1 blocks before the
 * application sees them (RFC 7959 section 2.5), response bodies too large for one message sliced
 * into Block2 blocks (section 2.4), the rest of a sliced body kept for the client's next requests.
 * Both kinds of state live in bounded {@link TransferStore}s.
 */
final class ServerBlockwise {
    private final BlockwiseConfig config;
    private final TransferStore<TransferKey, Reassembly> uploads;
    private final TransferStore<TransferKey, Kept> downloads;

    ServerBlockwise(BlockwiseConfig config) {
        this.config = config;
        long lifetime = config.transferLifetime().toNanos();
        this.uploads = new TransferStore<>(config.maxTransfers(), config.maxBufferedBytes(), lifetime);
        this.downloads = new TransferStore<>(config.maxTransfers(), config.maxBufferedBytes(), lifetime);
    }

    /**
     * A sliced response, whole, with its ETag: each block is a view of its payload (messages are immutable,
     * so neither the body nor a block is copied before the block is encoded).
     */
    private record Kept(Message response) {
    }

    /** A body being reassembled, and its last block to recognise a repeated one. */
    private static final class Reassembly {
        byte[] body = new byte[0];
        int length;
        long lastOffset = -1;

        void append(byte[] block) {
            if (length + block.length > body.length) {
                body = Arrays.copyOf(body, Math.max(length + block.length, body.length * 2));
            }
            System.arraycopy(block, 0, body, length, block.length);
            lastOffset = length;
            length += block.length;
        }
    }

    Message receiveRequest(ServerExchange exchange, Message request, LayerContext context, long nowNanos) {
        Optional<BlockOption> block1;
        Optional<BlockOption> block2;
        try {
            block1 = BlockOption.of(request, BLOCK1);
            block2 = BlockOption.of(request, BLOCK2);
        } catch (IllegalArgumentException e) {
            context.respond(exchange, BlockMessages.error(Code.BAD_REQUEST, e.getMessage()), nowNanos);
            return null;
        }
        if (block1.isPresent()) {
            return receiveBlock1(exchange, request, block1.get(), context, nowNanos);
        }
        if (block2.isPresent() && block2.get().num() > 0) {
            TransferKey key = TransferKey.ofResponseBody(exchange.peer(), request);
            Kept body = downloads.get(key, nowNanos);
            if (body != null) {
                context.respond(exchange, slice(key, body, block2.get().offset(), szxFor(body.response(), block2.get()),
                        nowNanos), nowNanos);
                return null;
            }
            if (!BlockMessages.isSafeMethod(request.code())) {
                // The body of a POST's response is gone; running the POST again would repeat its effect.
                context.respond(exchange, BlockMessages.error(Code.REQUEST_ENTITY_INCOMPLETE,
                        "the response this block belongs to is no longer held"), nowNanos);
                return null;
            }
            // A GET for a later block whose state is gone: the resource makes the body again, sliced on the way out.
        }
        return request;
    }

    private Message receiveBlock1(ServerExchange exchange, Message request, BlockOption block, LayerContext context,
                                  long nowNanos) {
        if (block.szx() == BlockOption.BERT_SZX) {
            return reject(exchange, context, nowNanos, BlockMessages.error(Code.BAD_REQUEST,
                    "Block1 SZX 7 (BERT) is only for reliable transports (RFC 7959 section 2.2, RFC 8323)"));
        }
        long announced = request.uintOption(SIZE1).orElse(0);
        long end = block.offset() + request.payloadLength();
        if (announced > config.maxBodySize() || end > config.maxBodySize()) {
            // Section 2.9.3: too large; Size1 says what would be accepted.
            return reject(exchange, context, nowNanos, BlockMessages.error(Code.REQUEST_ENTITY_TOO_LARGE,
                    "request body over " + config.maxBodySize() + " bytes",
                    Option.ofUint(SIZE1, config.maxBodySize())));
        }
        if (block.more() && request.payloadLength() != block.size()) {
            return reject(exchange, context, nowNanos, BlockMessages.error(Code.BAD_REQUEST,
                    "a Block1 block with more to follow must be " + block.size() + " bytes, was "
                            + request.payloadLength()));
        }
        TransferKey key = TransferKey.ofRequestBody(exchange.peer(), request);
        Reassembly body;
        if (block.num() == 0) {
            body = new Reassembly();
            uploads.put(key, body, 0, nowNanos);
        } else {
            body = uploads.get(key, nowNanos);
            if (body != null && block.offset() == body.lastOffset && block.more()) {
                // The same block again (its 2.31 was lost and the client asked anew): say continue again.
                context.respond(exchange, continueWith(block), nowNanos);
                return null;
            }
            if (body == null || block.offset() != body.length) {
                uploads.remove(key);
                // Section 2.9.2: a block out of sequence, or of a transfer this server does not hold (expired, evicted).
                return reject(exchange, context, nowNanos, BlockMessages.error(Code.REQUEST_ENTITY_INCOMPLETE,
                        "Block1 block " + block.num() + " does not continue a transfer held here"));
            }
        }
        body.append(request.payload());
        if (block.more()) {
            uploads.resize(key, body.length);
            context.respond(exchange, continueWith(block), nowNanos);
            return null;
        }
        uploads.remove(key);
        // The whole body goes up; the last Block1 stays on the request so that the final response echoes it.
        return BlockMessages.with(request, Arrays.copyOf(body.body, body.length),
                List.of(new BlockOption(block.num(), false, block.szx()).toOption(BLOCK1)), BLOCK1, SIZE1);
    }

    /**
     * The application's (or another layer's) response on its way out: echoes the request's last
     * Block1, and slices a body that does not fit one message, or that the client asked to receive
     * in smaller blocks (an early Block2, section 2.4).
     */
    Message sendResponse(ServerExchange exchange, Message response, long nowNanos) {
        Message request = exchange.request();
        Message out = response;
        Optional<BlockOption> block1 = BlockMessages.blockOf(request, BLOCK1);
        if (block1.isPresent() && !out.hasOption(BLOCK1) && !out.code().equals(Code.CONTINUE)) {
            out = BlockMessages.with(out, out.payload(), List.of(block1.get().toOption(BLOCK1)));
        }
        Optional<BlockOption> asked = BlockMessages.blockOf(request, BLOCK2);
        return sliceIfLarge(exchange, out, asked.map(BlockOption::offset).orElse(0L), nowNanos);
    }

    /**
     * A notification to the observer registered by {@code exchange}: one that does not fit a message
     * leaves as its first Block2 block with its Observe number (and an ETag); the client asks for the
     * rest with plain GETs, answered from the kept body (RFC 7959 sections 2.3 and 3.4). A newer
     * notification replaces the kept body, and its new ETag tells a client mid-transfer.
     */
    Message sendNotification(ServerExchange exchange, Message notification, long nowNanos) {
        return sliceIfLarge(exchange, notification, 0, nowNanos);
    }

    /** {@code out}, or its block at {@code offset} when it is too large or the client asked for smaller blocks. */
    private Message sliceIfLarge(ServerExchange exchange, Message out, long offset, long nowNanos) {
        if (out.hasOption(BLOCK2) || out.payloadLength() == 0) {
            return out; // the application slices on its own, or there is nothing to slice
        }
        Message request = exchange.request();
        Optional<BlockOption> asked = BlockMessages.blockOf(request, BLOCK2);
        int preferred = Math.min(config.szx(), asked.map(b -> Math.min(b.szx(), 6)).orElse(6));
        int encoded = MessageCodec.encodedLength(out); // once: every notification passes here
        int szx = BlockMessages.fittingSzx(out, encoded, preferred, config.maxMessageSize());
        boolean fits = BlockMessages.sizeWithToken(out, encoded) <= config.maxMessageSize();
        if (szx < 0 || (offset == 0 && fits && out.payloadLength() <= BlockOption.sizeOf(szx))) {
            return out; // one message (or, without room for even a 16-byte block, the engine's 5.00)
        }
        Message kept = out.hasOption(ETAG) ? out : out.withOption(BlockMessages.etagOf(out));
        return slice(TransferKey.ofResponseBody(exchange.peer(), request), new Kept(kept), offset, szx, nowNanos);
    }

    /**
     * The block of {@code body} at {@code offset} (the client's block number in its block size) in
     * blocks of {@code szx}; the body is kept while blocks remain.
     */
    private Message slice(TransferKey key, Kept body, long offset, int szx, long nowNanos) {
        int size = BlockOption.sizeOf(szx);
        Message whole = body.response();
        int length = whole.payloadLength();
        if (offset >= length || offset % size != 0) {
            return BlockMessages.error(Code.BAD_REQUEST, "no Block2 block starts at byte " + offset + " of the "
                    + length + "-byte body");
        }
        int num = (int) (offset / size);
        int end = (int) Math.min(length, offset + size);
        boolean more = end < length;
        if (more) {
            if (downloads.get(key, nowNanos) != body) {
                downloads.put(key, body, length, nowNanos);
            }
        } else {
            downloads.remove(key);
        }
        Message block = whole.withPayloadSlice((int) offset, end - (int) offset)
                .withOption(new BlockOption(num, more, szx).toOption(BLOCK2));
        // Section 4: the whole body's size goes with the first block. Only the first block of a notification
        // carries Observe: the later ones answer plain GETs (section 3.4).
        return num == 0 ? block.withOption(Option.ofUint(SIZE2, length))
                : block.withoutOption(SIZE2).withoutOption(OBSERVE);
    }

    /** The SZX for a later block of a kept body: the client's if smaller, else what fits. */
    private int szxFor(Message head, BlockOption asked) {
        int szx = BlockMessages.fittingSzx(head, Math.min(config.szx(), Math.min(asked.szx(), 6)),
                config.maxMessageSize());
        return Math.max(szx, 0);
    }

    private static Message continueWith(BlockOption block) {
        return Message.builder().type(io.coaps4j.coap.message.MessageType.ACK).code(Code.CONTINUE)
                .option(block.toOption(BLOCK1)).build();
    }

    private static Message reject(ServerExchange exchange, LayerContext context, long nowNanos, Message error) {
        context.respond(exchange, error, nowNanos);
        return null;
    }

    int pendingReassemblies() {
        return uploads.size();
    }

    long reassemblyBytes() {
        return uploads.bytes();
    }

    long evictions() {
        return uploads.evictions() + downloads.evictions();
    }

    int keptResponses() {
        return downloads.size();
    }
}
