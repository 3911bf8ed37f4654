package io.coaps4j.bench.server;

import io.coaps4j.bench.HelloResource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * The raw UDP ceiling: one thread, one blocking datagram channel, and for each confirmable request a
 * fixed piggybacked 2.05 ACK with the request's message ID and token and the /hello payload. No CoAP
 * parsing beyond the 4-byte header, no deduplication, no resource lookup: what the JVM and the kernel
 * cost per request/response pair, measured by the same generator as the real servers.
 */
public final class EchoCeilingServer {
    private static final int CONTENT_FORMAT_TEXT_PLAIN = 0xC0; // option 12, length 0 (RFC 7252 section 12.3)
    private static final int PAYLOAD_MARKER = 0xFF;
    private static final int ACK_2_05_HEADER = 1 << 6 | 2 << 4;
    private static final int CODE_2_05 = 2 << 5 | 5;

    private final DatagramChannel channel;
    private final byte[] payload = HelloResource.payload();

    private EchoCeilingServer(DatagramChannel channel) {
        this.channel = channel;
    }

    public static void main(String[] args) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(ServerLauncher.bindAddress(args));
        EchoCeilingServer server = new EchoCeilingServer(channel);
        Thread loop = new Thread(server::serve, "echo-ceiling");
        loop.start();
        int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        ServerLauncher.announceAndServe(port, () -> {
            try {
                channel.close();
            } catch (IOException e) {
                // Exiting anyway.
            }
        });
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        while (true) {
            try {
                in.clear();
                SocketAddress sender = channel.receive(in);
                in.flip();
                if (answer(in, out)) {
                    channel.send(out, sender);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // One bad send (e.g. an unreachable client) must not end the loop.
            }
        }
    }

    /** Writes the fixed response to a CON request into {@code out}; false for anything else. */
    private boolean answer(ByteBuffer in, ByteBuffer out) {
        if (in.remaining() < 4) {
            return false;
        }
        int first = in.get(0) & 0xff;
        int tokenLength = first & 0x0f;
        int code = in.get(1) & 0xff;
        boolean confirmableRequest = first >>> 4 == (1 << 2) && code >= 1 && code < 32;
        if (!confirmableRequest || tokenLength > 8 || in.remaining() < 4 + tokenLength) {
            return false;
        }
        out.clear();
        out.put((byte) (ACK_2_05_HEADER | tokenLength)).put((byte) CODE_2_05).putShort(in.getShort(2));
        for (int i = 0; i < tokenLength; i++) {
            out.put(in.get(4 + i));
        }
        out.put((byte) CONTENT_FORMAT_TEXT_PLAIN).put((byte) PAYLOAD_MARKER).put(payload).flip();
        return true;
    }
}
