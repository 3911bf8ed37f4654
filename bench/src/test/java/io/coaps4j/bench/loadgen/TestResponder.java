package io.coaps4j.bench.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A small CoAP responder for generator tests, with ways to misbehave that the generator must survive. */
final class TestResponder implements AutoCloseable {
    enum Mode { PIGGYBACKED, DROP_FIRST_TRANSMISSION_OF_EVERY_FIFTH, SEPARATE, NOT_FOUND }

    private final DatagramChannel channel;
    private final Mode mode;
    private final Thread thread;
    private final Set<String> seen = new HashSet<>();
    final Set<Integer> sourcePorts = ConcurrentHashMap.newKeySet();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong acksForSeparateResponses = new AtomicLong();

    TestResponder(Mode mode) throws IOException {
        this.mode = mode;
        this.channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        this.thread = new Thread(this::serve, "test-responder");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(2048);
        ByteBuffer out = ByteBuffer.allocate(2048);
        int separateMid = 0;
        try {
            while (true) {
                in.clear();
                SocketAddress sender = channel.receive(in);
                in.flip();
                int first = in.get(0) & 0xff;
                int type = first >>> 4 & 3;
                int code = in.get(1) & 0xff;
                int mid = in.getShort(2) & 0xffff;
                if (type == 2 && code == 0) {
                    acksForSeparateResponses.incrementAndGet();
                    continue;
                }
                requests.incrementAndGet();
                sourcePorts.add(((InetSocketAddress) sender).getPort());
                byte[] token = new byte[first & 0x0f];
                in.position(4);
                in.get(token);
                switch (mode) {
                    case PIGGYBACKED:
                        reply(out, sender, 2, 0x45, mid, token);
                        break;
                    case NOT_FOUND:
                        reply(out, sender, 2, 0x84, mid, token);
                        break;
                    case DROP_FIRST_TRANSMISSION_OF_EVERY_FIFTH:
                        if (mid % 5 == 0 && seen.add(sender + "/" + mid)) {
                            break;
                        }
                        reply(out, sender, 2, 0x45, mid, token);
                        break;
                    case SEPARATE:
                        reply(out, sender, 2, 0, mid, new byte[0]);
                        reply(out, sender, 0, 0x45, separateMid++ & 0xffff, token);
                        break;
                    default:
                        throw new IllegalStateException(mode.toString());
                }
            }
        } catch (ClosedChannelException e) {
            // closed by the test
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void reply(ByteBuffer out, SocketAddress to, int type, int code, int mid, byte[] token) throws IOException {
        out.clear();
        out.put((byte) (1 << 6 | type << 4 | token.length)).put((byte) code).putShort((short) mid).put(token);
        if (code != 0) {
            out.put((byte) 0xFF).put("Hello, world".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        out.flip();
        channel.send(out, to);
    }

    @Override
    public void close() throws Exception {
        channel.close();
        thread.join(2000);
    }
}
