package io.coaps4j.bench.run;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.loadgen.DtlsClientTransport;
import io.coaps4j.bench.loadgen.IdleHandshake;
import io.coaps4j.bench.process.ServerProcess;
import io.coaps4j.bench.server.OurPskServer;
import io.coaps4j.dtls.config.DtlsConfig;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many idle PSK sessions on one coaps4j server process (issue 9: 1,000,000 in {@code -Xmx2g}): the server runs in
 * its own JVM with the given heap; N clients, each from its own loopback address (127.1.0.0 upwards in
 * 127.0.0.0/8, so no source port is ever shared), do a handshake and one GET, then drop their socket without
 * close_notify, as quiet devices would. Reports the server's heap after full GC and its RSS, before and after,
 * per session. Not part of the side-by-side run: {@code scripts/bench-idle-sessions.sh [N] [HEAP]}.
 *
 * <p>Arguments: {@code [sessions (default 100000)] [server heap (default 2g)] [opener threads (default 4)]}.
 */
public final class ManyIdleSessions {
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HEAP_TIMEOUT = Duration.ofMinutes(5);
    private static final int FIRST_ADDRESS = (127 << 24) | (1 << 16);

    private ManyIdleSessions() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        String heap = args.length > 1 ? args[1] : "2g";
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        if (sessions < 1 || sessions > (1 << 24) - (1 << 16) - 2) {
            throw new IllegalArgumentException("sessions must be 1 to about 16 million (127.0.0.0/8), was " + sessions);
        }
        InetAddress host = InetAddress.getLoopbackAddress();
        Path logDir = Path.of("bench", "target", "bench-logs");
        try (ServerProcess server = ServerProcess.startJava("coaps4j-idle", System.getProperty("java.class.path"),
                OurPskServer.class.getName(), List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+UseParallelGC"), host,
                List.of(OurPskServer.MAX_CONNECTIONS + (sessions + 1_000)), logDir, Duration.ofSeconds(30))) {
            DtlsConfig config = DtlsClientTransport.pskConfig(host, BenchPsk.IDENTITY, BenchPsk.key());
            long heapBefore = server.heapAfterFullGc(HEAP_TIMEOUT);
            long rssBefore = server.residentBytes();
            long start = System.nanoTime();
            AtomicLong next = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            List<Thread> openers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                DtlsClientTransport.DtlsFactory factory = DtlsClientTransport.factory(config).forOneThread();
                Thread thread = new Thread(() -> {
                    long i;
                    while ((i = next.getAndIncrement()) < sessions) {
                        if (!IdleHandshake.open(factory, server.address(), sourceAddress(i), HANDSHAKE_TIMEOUT)) {
                            failed.incrementAndGet();
                        }
                        if (i > 0 && i % 10_000 == 0) {
                            System.err.printf(Locale.ROOT, "%d sessions opened, %d failed, %.0f s%n", i, failed.get(),
                                    (System.nanoTime() - start) / 1e9);
                        }
                    }
                }, "idle-opener-" + t);
                thread.setDaemon(true);
                openers.add(thread);
                thread.start();
            }
            for (Thread thread : openers) {
                thread.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long heapAfter = server.heapAfterFullGc(HEAP_TIMEOUT);
            long rssAfter = server.residentBytes();
            long opened = sessions - failed.get();
            System.out.printf(Locale.ROOT, "%d idle PSK sessions (%d failed) opened in %.0f s on a -Xmx%s server%n",
                    opened, failed.get(), seconds, heap);
            System.out.printf(Locale.ROOT, "server heap after full GC: %.1f MB before, %.1f MB after: %.0f bytes per session%n",
                    heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / (double) Math.max(opened, 1));
            System.out.printf(Locale.ROOT, "server RSS: %.1f MB before, %.1f MB after: %.0f bytes per session%n",
                    rssBefore / 1e6, rssAfter / 1e6, (rssAfter - rssBefore) / (double) Math.max(opened, 1));
            if (!server.isAlive()) {
                System.out.println("the server died; see " + logDir.resolve("coaps4j-idle.log"));
            }
        }
    }

    /** The {@code i}-th client address: 127.1.0.0 + i, never the network or broadcast address of 127.0.0.0/8. */
    static InetAddress sourceAddress(long i) {
        int address = FIRST_ADDRESS + (int) i;
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16),
                (byte) (address >>> 8), (byte) address});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

}
