package io.coaps4j.coap.blockwise;

import static io.coaps4j.coap.message.OptionNumber.BLOCK1;
import static io.coaps4j.coap.message.OptionNumber.BLOCK2;
import static io.coaps4j.coap.message.OptionNumber.ETAG;
import static io.coaps4j.coap.message.OptionNumber.OBSERVE;
import static io.coaps4j.coap.message.OptionNumber.REQUEST_TAG;
import static io.coaps4j.coap.message.OptionNumber.SIZE1;
import static io.coaps4j.coap.message.OptionNumber.SIZE2;

import io.coaps4j.coap.exchange.ClientExchange;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.exchange.LayerContext;
import io.coaps4j.coap.exchange.ResponseListener;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Option;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The client role of block-wise transfer: a request body too large for one message leaves as Block1
 * blocks, each tagged with a Request-Tag of its transfer (RFC 9175 section 3) so that a server keeps
 * concurrent bodies apart; a response with more Block2 blocks is completed by requesting them
 * (RFC 7959 sections 2.4, 2.5, 3). The caller's exchange stays open meanwhile (its timeout bounds
 * the whole transfer) and hears the whole body once, or TRANSFER_FAILED.
 *
 * <p>The blocks travel in exchanges of their own, made through the layer's context; their responses
 * pass this layer on the way up and go straight to the transfer they belong to.
 */
final class ClientBlockwise {
    private final BlockwiseConfig config;
    private final long blockTimeoutNanos;
    /** The exchanges carrying our blocks, and the transfer each belongs to. */
    private final IdentityHashMap<ClientExchange, Transfer> blocks = new IdentityHashMap<>();
    /** Per observation, the notification whose later blocks are being fetched (at most one: the freshest). */
    private final IdentityHashMap<ClientExchange, Download> notifications = new IdentityHashMap<>();
    private int nextTag;

    ClientBlockwise(BlockwiseConfig config) {
        this.config = config;
        this.blockTimeoutNanos = config.blockTimeout().toNanos();
    }

    /** One body moving in blocks for the caller's exchange {@code origin}. */
    private abstract static class Transfer {
        final ClientExchange origin;
        /** A newer notification took over: this one's block responses are ignored. */
        boolean abandoned;

        Transfer(ClientExchange origin) {
            this.origin = origin;
        }
    }

    private static final class Upload extends Transfer {
        final Message request;
        final byte[] body;
        final Option tag;
        int szx;
        int num;

        Upload(ClientExchange origin, Message request, int szx, Option tag) {
            super(origin);
            this.request = request;
            this.body = request.payload();
            this.szx = szx;
            this.tag = tag;
        }

        int end() {
            return (int) Math.min(body.length, ((long) num + 1) * BlockOption.sizeOf(szx));
        }
    }

    private static final class Download extends Transfer {
        final Message request;
        byte[] body = new byte[0];
        int length;
        Option etag;
        int restarts;
        /** A notification's Observe option (its first block's), given to the whole body; null for a plain response. */
        Option observe;
        long observeValue;

        Download(ClientExchange origin, Message request) {
            super(origin);
            this.request = request;
        }

        boolean isNotification() {
            return observe != null;
        }
    }

    Message sendRequest(ClientExchange exchange, Message request, LayerContext context, long nowNanos) {
        if (exchange.isMultiResponse() || request.hasOption(BLOCK1) || request.hasOption(BLOCK2)) {
            return request; // the caller does block-wise by hand, or an observation (not sliced here)
        }
        boolean tooLarge = BlockMessages.sizeWithToken(request) > config.maxMessageSize()
                || request.payloadLength() > config.blockSize();
        if (tooLarge) {
            int szx = BlockMessages.fittingSzx(request, config.szx(), config.maxMessageSize());
            if (szx < 0) {
                return request; // the options alone do not fit: the engine refuses it, naming the sizes
            }
            Upload upload = new Upload(exchange, request, szx, Option.of(REQUEST_TAG, tag()));
            sendBlock(upload, context, nowNanos);
            return null;
        }
        if (config.szx() < 6 && BlockMessages.isSafeMethod(request.code())) {
            // Section 2.4: an early Block2 asks for the response in our smaller block size.
            return BlockMessages.with(request, request.payload(), List.of(new BlockOption(0, false, config.szx())
                    .toOption(BLOCK2)));
        }
        return request;
    }

    Message receiveResponse(ClientExchange exchange, Message response, LayerContext context, long nowNanos) {
        Transfer transfer = blocks.remove(exchange);
        if (transfer != null) {
            if (transfer.origin.isDone() && transfer instanceof Download download) {
                notifications.remove(transfer.origin, download);
            } else if (!transfer.abandoned && !transfer.origin.isDone()) {
                if (transfer instanceof Upload upload) {
                    continueUpload(upload, response, context, nowNanos);
                } else {
                    continueDownload((Download) transfer, response, context, nowNanos);
                }
            }
            return response; // to the block's own listener, which has nothing left to do
        }
        Optional<BlockOption> block2 = BlockMessages.blockOf(response, BLOCK2);
        if (block2.isEmpty() || !block2.get().more()) {
            return response;
        }
        if (exchange.isMultiResponse()) {
            return receiveNotification(exchange, response, block2.get(), context, nowNanos);
        }
        startDownload(exchange, exchange.sentRequest(), response, context, nowNanos);
        return null;
    }

    /**
     * The first block of an observation's response or notification (RFC 7959 sections 2.3, 3.4):
     * the rest is fetched with GETs without Observe, and the observation hears the whole body with
     * the first block's Observe number. A fresher notification abandons the transfer in progress; an
     * older one is ignored. A failed fetch loses that notification, not the observation.
     */
    private Message receiveNotification(ClientExchange observation, Message first, BlockOption block,
                                        LayerContext context, long nowNanos) {
        Option observe = first.option(OBSERVE).orElse(null);
        if (observe == null || block.num() != 0) {
            return first; // not a notification's first block: the observation layer judges it as it is
        }
        long value = first.observe().orElse(0);
        Download current = notifications.get(observation);
        if (current != null) {
            if (!fresher(current.observeValue, value)) {
                return null;
            }
            current.abandoned = true;
        }
        Message template = BlockMessages.with(observation.sentRequest(), bodyToRepeat(observation.sentRequest()),
                List.of(), BLOCK1, BLOCK2, SIZE1, REQUEST_TAG, OBSERVE);
        Download download = new Download(observation, template);
        download.observe = observe;
        download.observeValue = value;
        notifications.put(observation, download);
        if (first.uintOption(SIZE2).orElse(0) > config.maxBodySize()) {
            notifications.remove(observation);
            return null;
        }
        continueDownload(download, first, context, nowNanos);
        return null;
    }

    /** What the request for a later block carries: a FETCH its body again (RFC 8132), others nothing. */
    private static byte[] bodyToRepeat(Message request) {
        return request.code().equals(Code.FETCH) ? request.payload() : new byte[0];
    }

    /** RFC 7641 section 3.4's serial number order of 24-bit Observe values. */
    private static boolean fresher(long v1, long v2) {
        return (v1 < v2 && v2 - v1 < (1 << 23)) || (v1 > v2 && v1 - v2 > (1 << 23));
    }

    private void sendBlock(Upload upload, LayerContext context, long nowNanos) {
        int size = BlockOption.sizeOf(upload.szx);
        int offset = upload.num * size;
        int end = upload.end();
        List<Option> added = new ArrayList<>(3);
        added.add(new BlockOption(upload.num, end < upload.body.length, upload.szx).toOption(BLOCK1));
        added.add(upload.tag);
        if (upload.num == 0) {
            added.add(Option.ofUint(SIZE1, upload.body.length)); // section 4: the size of the whole body
        }
        Message block = BlockMessages.with(upload.request, Arrays.copyOfRange(upload.body, offset, end), added,
                BLOCK1, SIZE1, REQUEST_TAG);
        send(upload, block, context, nowNanos);
    }

    private void continueUpload(Upload upload, Message response, LayerContext context, long nowNanos) {
        Optional<BlockOption> block1 = BlockMessages.blockOf(response, BLOCK1);
        boolean sentAll = upload.end() >= upload.body.length;
        if (response.code().equals(Code.CONTINUE)) {
            if (sentAll || block1.isEmpty()) {
                context.fail(upload.origin, ExchangeFailure.TRANSFER_FAILED, nowNanos);
                return;
            }
            // Section 2.3: the server may ask for smaller blocks; the next number counts in the new size.
            int szx = Math.min(upload.szx, block1.get().szx());
            int done = upload.end();
            upload.szx = szx;
            upload.num = done / BlockOption.sizeOf(szx);
            sendBlock(upload, context, nowNanos);
        } else if (response.code().equals(Code.REQUEST_ENTITY_TOO_LARGE) && upload.num == 0 && block1.isPresent()
                && block1.get().szx() < upload.szx) {
            upload.szx = block1.get().szx(); // section 2.9.3: try again in the block size the server wants
            sendBlock(upload, context, nowNanos);
        } else {
            Optional<BlockOption> block2 = BlockMessages.blockOf(response, BLOCK2);
            if (block2.isPresent() && block2.get().more()) {
                startDownload(upload.origin, upload.request, response, context, nowNanos);
            } else {
                context.deliverResponse(upload.origin, BlockMessages.without(response, BLOCK1), nowNanos);
            }
        }
    }

    private void startDownload(ClientExchange origin, Message request, Message first, LayerContext context,
                               long nowNanos) {
        Message template = BlockMessages.with(request, bodyToRepeat(request), List.of(), BLOCK1, BLOCK2, SIZE1,
                REQUEST_TAG, OBSERVE);
        Download download = new Download(origin, template);
        long announced = first.uintOption(SIZE2).orElse(0);
        if (announced > config.maxBodySize()) {
            context.fail(origin, ExchangeFailure.TRANSFER_FAILED, nowNanos);
            return;
        }
        continueDownload(download, first, context, nowNanos);
    }

    private void continueDownload(Download download, Message response, LayerContext context, long nowNanos) {
        Optional<BlockOption> block2 = BlockMessages.blockOf(response, BLOCK2);
        if (!response.code().isSuccess() || block2.isEmpty()) {
            if (download.isNotification()) {
                lose(download); // the observation goes on; its next notification brings the state
            } else {
                context.deliverResponse(download.origin, response, nowNanos); // an error in the middle ends it
            }
            return;
        }
        BlockOption block = block2.get();
        Option etag = response.option(ETAG).orElse(null);
        if (block.offset() == 0) {
            download.length = 0;
            download.etag = etag;
        } else if (etag != null && download.etag != null && !etag.equals(download.etag)) {
            // Section 2.4: the representation changed between blocks; start over, but not forever.
            if (++download.restarts > 2) {
                failDownload(download, context, nowNanos);
            } else {
                download.length = 0;
                request(download, 0, block.szx(), context, nowNanos);
            }
            return;
        }
        boolean wrongSize = block.more() && response.payloadLength() != block.size();
        long end = block.offset() + response.payloadLength();
        if (block.offset() != download.length || wrongSize || end > config.maxBodySize()
                || block.szx() == BlockOption.BERT_SZX) {
            failDownload(download, context, nowNanos);
            return;
        }
        if (end > download.body.length) {
            download.body = Arrays.copyOf(download.body, (int) Math.max(end, Math.min(config.maxBodySize(),
                    2L * download.body.length)));
        }
        response.copyPayloadTo(download.body, download.length);
        download.length = (int) end;
        if (block.more()) {
            request(download, download.length / block.size(), block.szx(), context, nowNanos);
        } else if (download.isNotification()) {
            notifications.remove(download.origin, download);
            context.deliverResponse(download.origin, BlockMessages.with(response,
                    Arrays.copyOf(download.body, download.length), List.of(download.observe), BLOCK2, SIZE2,
                    OBSERVE), nowNanos);
        } else {
            context.deliverResponse(download.origin, BlockMessages.with(response,
                    Arrays.copyOf(download.body, download.length), List.of(), BLOCK2, SIZE2), nowNanos);
        }
    }

    private void failDownload(Download download, LayerContext context, long nowNanos) {
        if (download.isNotification()) {
            lose(download);
        } else {
            context.fail(download.origin, ExchangeFailure.TRANSFER_FAILED, nowNanos);
        }
    }

    private void lose(Download download) {
        download.abandoned = true;
        notifications.remove(download.origin, download);
    }

    private void request(Download download, int num, int szx, LayerContext context, long nowNanos) {
        send(download, BlockMessages.with(download.request, download.request.payload(),
                List.of(new BlockOption(num, false, szx).toOption(BLOCK2))), context, nowNanos);
    }

    private void send(Transfer transfer, Message block, LayerContext context, long nowNanos) {
        ClientExchange exchange = context.request(transfer.origin.peer(), block, blockTimeoutNanos,
                new BlockListener(transfer, context), nowNanos);
        if (!exchange.isDone()) {
            blocks.put(exchange, transfer);
        }
    }

    /** A block's exchange failed (its response is handled on the way up instead): so does the transfer. */
    private final class BlockListener implements ResponseListener {
        private final Transfer transfer;
        private final LayerContext context;

        BlockListener(Transfer transfer, LayerContext context) {
            this.transfer = transfer;
            this.context = context;
        }

        @Override
        public void onResponse(Message response) {
        }

        @Override
        public void onFailure(ExchangeFailure failure) {
            blocks.values().remove(transfer);
            if (transfer instanceof Download download && download.isNotification()) {
                lose(download);
            } else if (!transfer.origin.isDone()) {
                context.fail(transfer.origin, failure, lastNow);
            }
        }
    }

    /** The time of the latest call into the layer: a failure callback has no clock of its own. */
    long lastNow;

    /** Block exchanges in flight (one per unfinished transfer). */
    int transfersInFlight() {
        return blocks.size();
    }

    private byte[] tag() {
        int tag = nextTag++;
        return new byte[] {(byte) (tag >>> 24), (byte) (tag >>> 16), (byte) (tag >>> 8), (byte) tag};
    }
}
