package io.coaps4j.bench.loadgen;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoded bytes of one confirmable GET with a 4-byte token, built once by the codec; each request
 * only patches the message ID (header bytes 2-3) and the token (bytes 4-7), RFC 7252 section 3.
 */
public final class RequestTemplate {
    /** Token length of every generated request: enough to tell 2^32 requests of one endpoint apart. */
    public static final int TOKEN_LENGTH = 4;
    private static final int MID_OFFSET = 2;
    private static final int TOKEN_OFFSET = 4;

    private final byte[] bytes;

    private RequestTemplate(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A CON GET of the resource whose Uri-Path segments are {@code path} (e.g. "hello"). */
    public static RequestTemplate get(String... path) {
        List<Option> options = new ArrayList<>();
        for (String segment : path) {
            options.add(Option.ofString(OptionNumber.URI_PATH, segment));
        }
        Message get = Message.of(MessageType.CON, Code.GET, 0, Token.of(new byte[TOKEN_LENGTH]), options, new byte[0]);
        return new RequestTemplate(MessageCodec.encode(get));
    }

    /** A CON GET for a forward-proxy: no Uri-Path, the target in one Proxy-Uri option (RFC 7252 section 5.7.2). */
    public static RequestTemplate getVia(String proxyUri) {
        Message get = Message.of(MessageType.CON, Code.GET, 0, Token.of(new byte[TOKEN_LENGTH]),
                List.of(Option.ofString(OptionNumber.PROXY_URI, proxyUri)), new byte[0]);
        return new RequestTemplate(MessageCodec.encode(get));
    }

    public int length() {
        return bytes.length;
    }

    /** A buffer of {@link #length()} bytes holding the template, to be patched in place per request. */
    public ByteBuffer newBuffer() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        return buffer;
    }

    /** Writes {@code messageId} and {@code token} into a buffer from {@link #newBuffer()} and rewinds it. */
    public static void patch(ByteBuffer request, int messageId, int token) {
        request.putShort(MID_OFFSET, (short) messageId);
        request.putInt(TOKEN_OFFSET, token);
        request.rewind();
    }

    /** Whether the token of a response (4 bytes at offset 4, {@code tokenLength} from its header) is {@code token}. */
    public static boolean tokenMatches(ByteBuffer response, int tokenLength, int token) {
        return tokenLength == TOKEN_LENGTH && response.limit() >= TOKEN_OFFSET + TOKEN_LENGTH
                && response.getInt(TOKEN_OFFSET) == token;
    }
}
