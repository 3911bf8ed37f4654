package io.coaps4j.coap.server;

import io.coaps4j.coap.blockwise.BlockOption;
import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.blockwise.BlockwiseLayer;
import io.coaps4j.coap.endpoint.ObservationSink;
import io.coaps4j.coap.endpoint.Responder;
import io.coaps4j.coap.exchange.CoapEngine;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.exchange.EngineOutput;
import io.coaps4j.coap.exchange.MessageLayer;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.OptionRegistry;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.coap.peer.PlainPeer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The server's costs of RFC 7641 notifications and RFC 7959 Block2 blocks over the sans-IO engine, with
 * the endpoint's stack (block-wise layer, resource dispatcher) and no transport: bytes allocated and CPU
 * time per notification and per block, as the bench's observe and block2 suites exercise them. Used by
 * {@link ServerCostTest} (allocation bounds) and runnable on its own for CPU figures.
 */
final class ServerCostProbe {
    static final int LARGE_SIZE = 1_000_000;

    private final CoapEngine engine;
    private final ResourceDispatcher dispatcher;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long now = 1_000_000_000L;
    /** Bytes allocated while the engine handled the requests of {@link #download} (the client's side excluded). */
    private long serverBytes;
    private int sent;
    private byte[] lastSent;

    ServerCostProbe(Resource... resources) {
        this.dispatcher = new ResourceDispatcher(new ResourceTree(List.of(resources)), null);
        ObservationSink.Notifier notifier = (o, next) -> engine().notifyObserver(o, next, now);
        Responder responder = new Responder() {
            @Override
            public void respond(ServerExchange exchange, CoapResponse response) {
                engine().respond(exchange, response, now);
            }

            @Override
            public void respondObserved(ServerExchange exchange, CoapResponse first, MessageType type,
                                        ObservationSink sink) {
                var observation = engine().observe(exchange, first, type, sink, now);
                if (observation != null) {
                    sink.registered(observation, notifier);
                }
            }
        };
        OptionRegistry.Builder registry = OptionRegistry.standard().toBuilder();
        EngineConfig config = EngineConfig.DEFAULT.toBuilder().recognizedOptions(registry.build()).build();
        List<MessageLayer> layers = List.of(new BlockwiseLayer(BlockwiseConfig.DEFAULT));
        this.engine = new CoapEngine(config, new EngineOutput() {
            @Override
            public void send(Peer peer, byte[] datagram) {
                sent++;
                lastSent = datagram;
            }

            @Override
            public void requestReceived(ServerExchange exchange) {
                dispatcher.onRequest(exchange, responder);
            }
        }, new Random(1), layers);
    }

    private CoapEngine engine() {
        return engine;
    }

    static Resource large(byte[] body) {
        CoapResponse response = CoapResponse.content(body, 42);
        return Resource.builder("large").get(request -> response).build();
    }

    static Resource observed(long[] count) {
        return Resource.builder("obs").observable(MessageType.NON)
                .get(request -> CoapResponse.content(("n=" + count[0]).getBytes(), 0)).build();
    }

    static byte[] largeBody() {
        byte[] body = new byte[LARGE_SIZE];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        return body;
    }

    /** Fetches the 1 MB body with one CON GET per 1,024-byte block, as the bench's Block2Download does; returns its length. */
    long download(Peer peer, int messageIdBase) {
        long length = 0;
        int num = 0;
        while (true) {
            Message get = Message.of(MessageType.CON, Code.GET, (messageIdBase + num) & 0xFFFF, Token.ofHex("0001"),
                    List.of(Option.ofString(OptionNumber.URI_PATH, "large"),
                            new BlockOption(num, false, 6).toOption(OptionNumber.BLOCK2)), new byte[0]);
            byte[] datagram = MessageCodec.encode(get);
            int before = sent;
            long allocatedBefore = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
            engine.receive(peer, datagram, 0, datagram.length, now);
            serverBytes += THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - allocatedBefore;
            if (sent != before + 1) {
                throw new IllegalStateException("block " + num + " answered by " + (sent - before) + " datagrams");
            }
            Message block = decode(lastSent);
            if (block.code() != Code.CONTENT) {
                throw new IllegalStateException("block " + num + " answered " + block.code());
            }
            BlockOption option = BlockOption.of(block, OptionNumber.BLOCK2).orElseThrow();
            length += block.payloadLength();
            if (!option.more()) {
                return length;
            }
            num++;
        }
    }

    /** Registers {@code peers.length} observers of /obs, one per peer. */
    void register(Peer[] peers) {
        for (int i = 0; i < peers.length; i++) {
            Message get = Message.of(MessageType.CON, Code.GET, i & 0xFFFF, Token.ofHex("a1b2c3d4"),
                    List.of(Option.ofString(OptionNumber.URI_PATH, "obs"), Option.ofUint(OptionNumber.OBSERVE, 0)),
                    new byte[0]);
            byte[] datagram = MessageCodec.encode(get);
            engine.receive(peers[i], datagram, 0, datagram.length, now);
        }
    }

    private static Message decode(byte[] datagram) {
        try {
            return MessageCodec.decode(datagram);
        } catch (io.coaps4j.coap.message.MessageFormatException e) {
            throw new IllegalStateException("the server sent a malformed message", e);
        }
    }

    byte[] lastSent() {
        return lastSent;
    }

    long serverBytes() {
        return serverBytes;
    }

    int sent() {
        return sent;
    }

    /** Moves time past ACK_TIMEOUT so that the NONs of a round stop being matchable, as between rounds in the bench. */
    void advance(long nanos) {
        now += nanos;
        engine.tick(now);
    }

    static Peer[] peers(int count) {
        Peer[] peers = new Peer[count];
        for (int i = 0; i < count; i++) {
            peers[i] = new PlainPeer(new InetSocketAddress("10.2." + (i >>> 8 & 0xFF) + "." + (i & 0xFF),
                    40000 + i % 1000));
        }
        return peers;
    }

    /** Bytes this thread allocated while {@code work} ran. */
    static long allocated(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /** CPU nanoseconds this thread spent while {@code work} ran. */
    static long cpu(Runnable work) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        work.run();
        return threads.getCurrentThreadCpuTime() - before;
    }

    /** CPU figures, run on its own: {@code java ... ServerCostProbe [rounds]}. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        // Rounds 100 ms apart, as in the bench: the previous round's NONs are still matchable (ACK_TIMEOUT 2 s).
        long roundGap = args.length > 1 ? Long.parseLong(args[1]) * 1_000_000L : 100_000_000L;
        long[] count = {0};
        Resource observed = observed(count);
        ServerCostProbe probe = new ServerCostProbe(large(largeBody()), observed);
        Peer[] observers = peers(10_000);
        probe.register(observers);
        Peer downloader = new PlainPeer(new InetSocketAddress("10.3.0.1", 5000));
        Consumer<Integer> notifyRound = r -> {
            count[0]++;
            observed.changed();
            probe.advance(roundGap);
        };
        for (int r = 0; r < rounds; r++) { // warm-up
            notifyRound.accept(r);
            probe.download(downloader, r * 1000);
        }
        long notifyCpu = 0;
        long notifyBytes = 0;
        long blockCpu = 0;
        long blockBytes = 0;
        for (int r = 0; r < rounds; r++) {
            int round = r;
            notifyBytes += allocated(() -> notifyCpuHolder[0] = cpu(() -> notifyRound.accept(round)));
            notifyCpu += notifyCpuHolder[0];
            int base = (rounds + r) * 1000;
            long serverBefore = probe.serverBytes();
            notifyCpuHolder[0] = cpu(() -> probe.download(downloader, base));
            blockBytes += probe.serverBytes() - serverBefore;
            blockCpu += notifyCpuHolder[0];
        }
        double notifications = (double) rounds * observers.length;
        double blocks = (double) rounds * ((LARGE_SIZE + 1023) / 1024);
        System.out.printf("notification: %.0f bytes, %.2f us CPU (10,000 observers, %d rounds)%n",
                notifyBytes / notifications, notifyCpu / notifications / 1000, rounds);
        System.out.printf("block2 block: %.0f bytes (server side), %.2f us CPU (client's side included); transfer %.2f ms CPU%n",
                blockBytes / blocks, blockCpu / blocks / 1000, blockCpu / (double) rounds / 1e6);
    }

    private static final long[] notifyCpuHolder = new long[1];
}
