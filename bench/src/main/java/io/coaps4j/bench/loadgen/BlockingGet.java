package io.coaps4j.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One confirmable GET over an established DTLS transport, waited for: the request is retransmitted
 * with the same message ID after each silent {@code resendTimeout} (RFC 7252 section 4.2), a
 * piggybacked response is matched by message ID and token, an empty ACK means a separate response
 * follows (section 5.2.2), which is matched by token and acknowledged. Used where a single request
 * per connection is the point (handshake and idle-session runs), not on the closed-loop path.
 */
final class BlockingGet {
    private static final int TYPE_CON = 0;
    private static final int TYPE_ACK = 2;
    private static final int TYPE_RST = 3;

    private final ByteBuffer request;
    private final ByteBuffer response = ByteBuffer.allocate(2048);
    private final ByteBuffer emptyAck = ByteBuffer.allocate(4);
    private final Duration resendTimeout;
    private final int attempts;

    BlockingGet(RequestTemplate template, Duration resendTimeout, int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        this.request = template.newBuffer();
        this.resendTimeout = resendTimeout;
        this.attempts = attempts;
    }

    /** Sends the GET with {@code messageId} and {@code token}; true when a 2.xx response came back. */
    boolean run(DtlsClientTransport transport, int messageId, int token) throws IOException {
        RequestTemplate.patch(request, messageId, token);
        boolean acknowledged = false;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (!acknowledged) {
                request.rewind();
                transport.send(request);
            }
            long deadline = System.nanoTime() + resendTimeout.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                response.clear();
                if (!transport.awaitMessage(response, Duration.ofNanos(left))) {
                    break;
                }
                if (response.limit() < 4) {
                    continue;
                }
                int first = response.get(0) & 0xff;
                int type = first >>> 4 & 3;
                int code = response.get(1) & 0xff;
                int id = response.getShort(2) & 0xffff;
                boolean tokenMatches = RequestTemplate.tokenMatches(response, first & 0x0f, token);
                if (type == TYPE_ACK && id == messageId) {
                    if (code == 0) {
                        acknowledged = true;
                    } else if (tokenMatches) {
                        return code >>> 5 == 2;
                    }
                } else if (type == TYPE_RST && id == messageId) {
                    return false;
                } else if (type == TYPE_CON && tokenMatches && code >= 64) {
                    emptyAck.clear();
                    emptyAck.put((byte) (1 << 6 | TYPE_ACK << 4)).put((byte) 0).putShort((short) id).flip();
                    transport.send(emptyAck);
                    return code >>> 5 == 2;
                }
            }
        }
        return false;
    }
}
