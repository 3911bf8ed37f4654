package io.coaps4j.bench.loadgen;

import io.coaps4j.coap.blockwise.BlockOption;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * One large body fetched block by block (RFC 7959 section 2.4) over an established DTLS transport: a
 * CON GET per block with Block2 NUM/0/SZX 6 (1,024 bytes, or the server's smaller size), each waited for and retransmitted with the
 * same message ID after a silent {@code resendTimeout}, the next asked once the previous arrived. What a
 * constrained client does; the server's cost is the subject.
 */
public final class Block2Download {
    private static final int SZX = 6;

    private final DtlsClientTransport transport;
    private final String path;
    private final Duration resendTimeout;
    private final int attempts;
    private final ByteBuffer response = ByteBuffer.allocate(1 << 14);
    private int messageId = 1;
    private int token;

    public Block2Download(DtlsClientTransport transport, String path, Duration resendTimeout, int attempts) {
        this.transport = transport;
        this.path = path;
        this.resendTimeout = resendTimeout;
        this.attempts = attempts;
    }

    /** Fetches the whole body; returns its length. @throws IOException when a block goes unanswered or is not 2.05 */
    public long fetch() throws IOException {
        long length = 0;
        int num = 0;
        int szx = SZX;
        token++;
        while (true) {
            Message block = block(num, szx);
            Optional<BlockOption> option = BlockOption.of(block, OptionNumber.BLOCK2);
            if (!block.code().equals(Code.CONTENT)) {
                throw new IOException("block " + num + " of /" + path + " answered " + block.code());
            }
            length += block.payloadLength();
            if (option.isEmpty() || !option.get().more()) {
                return length;
            }
            // Section 2.4: the server may answer in smaller blocks; the next number counts in its size.
            szx = Math.min(szx, option.get().szx());
            num = (int) (length / BlockOption.sizeOf(szx));
        }
    }

    private Message block(int num, int szx) throws IOException {
        Message get = Message.builder().type(MessageType.CON).code(Code.GET)
                .option(Option.ofString(OptionNumber.URI_PATH, path))
                .option(new BlockOption(num, false, szx).toOption(OptionNumber.BLOCK2)).build();
        int id = messageId;
        messageId = (messageId + 1) & 0xFFFF;
        Token tag = Token.of(new byte[] {(byte) (token >>> 8), (byte) token});
        ByteBuffer request = ByteBuffer.wrap(MessageCodec.encode(get, MessageType.CON, id, tag));
        for (int attempt = 0; attempt < attempts; attempt++) {
            request.rewind();
            transport.send(request);
            long deadline = System.nanoTime() + resendTimeout.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                response.clear();
                if (!transport.awaitMessage(response, Duration.ofNanos(left))) {
                    break;
                }
                Message answer;
                try {
                    answer = MessageCodec.decode(response.array(), 0, response.limit());
                } catch (MessageFormatException e) {
                    continue;
                }
                if (answer.type() == MessageType.ACK && answer.messageId() == id && answer.token().equals(tag)
                        && !answer.isEmpty()) {
                    return answer;
                }
            }
        }
        throw new IOException("block " + num + " of /" + path + " unanswered after " + attempts + " attempts");
    }
}
