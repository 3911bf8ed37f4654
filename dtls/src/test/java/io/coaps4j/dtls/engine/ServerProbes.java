package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.flight.RetransmissionPolicy;

import java.net.InetSocketAddress;

/**
 * Measurements of the server engine, sans-IO and in memory: heap bytes per established idle PSK
 * session and server time per full PSK handshake. Used by {@code ServerCostTest}; runnable on its own
 * from the test classpath:
 * {@code java -cp dtls/target/classes:dtls/target/test-classes:<slf4j-api> io.coaps4j.dtls.engine.ServerProbes [sessions] [handshakes]}.
 */
public final class ServerProbes {
    private ServerProbes() {
    }

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int handshakes = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        System.out.printf("heap per idle PSK session (server, %d sessions): %.0f bytes%n", sessions,
                idleSessionBytes(sessions));
        System.out.printf("server CPU per full PSK handshake (%d handshakes): %.1f µs%n", handshakes,
                handshakeMicros(handshakes));
    }

    /**
     * Heap bytes per established, idle server session: {@code sessions} clients from distinct addresses
     * complete a handshake, the server's retained last flights expire, and the heap growth after a full
     * GC is divided by {@code sessions}. Everything the server holds per peer is counted, its address
     * included; the clients are discarded.
     */
    public static double idleSessionBytes(int sessions) {
        DtlsConfig config = InMemoryPeers.config().maxConnections(Math.max(sessions, 1_000) + 2_000).build();
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), 0);
        InMemoryPeers peers = new InMemoryPeers(server, config, CryptoContext.create());
        long now = 0;
        // Warm up: code paths, the server's tables at their final size class, per-loop caches.
        for (int i = 0; i < 2_000; i++) {
            InetSocketAddress address = InMemoryPeers.clientAddress(1_000_000 + i);
            peers.handshake(address, now);
        }
        for (int i = 0; i < 2_000; i++) {
            server.close(InMemoryPeers.clientAddress(1_000_000 + i), now);
        }
        now = settle(server, config, now);
        long before = usedHeapAfterGc();
        for (int i = 0; i < sessions; i++) {
            if (peers.handshake(InMemoryPeers.clientAddress(i), now).status() != DtlsConnection.Status.ESTABLISHED) {
                throw new IllegalStateException("handshake " + i + " did not complete");
            }
        }
        now = settle(server, config, now);
        long after = usedHeapAfterGc();
        if (server.connectionCount() != sessions) {
            throw new IllegalStateException("expected " + sessions + " sessions, the server holds "
                    + server.connectionCount());
        }
        return (after - before) / (double) sessions;
    }

    /**
     * Server CPU time (inside {@link DtlsServer#receive}, by the thread's CPU clock) per full PSK handshake
     * with cookie exchange, in microseconds: the median of five rounds of {@code handshakes / 5} after a
     * warm-up.
     */
    public static double handshakeMicros(int handshakes) {
        int rounds = 5;
        int perRound = Math.max(handshakes / rounds, 1);
        DtlsConfig config = InMemoryPeers.config().maxConnections(perRound + 2_000).build();
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), 0);
        InMemoryPeers peers = new InMemoryPeers(server, config, CryptoContext.create());
        runHandshakes(server, peers, Math.min(perRound, 2_000), 0);
        double[] micros = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = peers.serverNanos();
            runHandshakes(server, peers, perRound, (round + 1) * 1_000_000L);
            micros[round] = (peers.serverNanos() - start) / 1_000.0 / perRound;
        }
        java.util.Arrays.sort(micros);
        return micros[rounds / 2];
    }

    private static void runHandshakes(DtlsServer server, InMemoryPeers peers, int count, long now) {
        for (int i = 0; i < count; i++) {
            InetSocketAddress address = InMemoryPeers.clientAddress(i);
            if (peers.handshake(address, now).status() != DtlsConnection.Status.ESTABLISHED) {
                throw new IllegalStateException("handshake " + i + " did not complete");
            }
            server.close(address, now);
        }
    }

    /** Lets the retained last flights expire (RFC 6347 section 4.2.4); returns the new time. */
    private static long settle(DtlsServer server, DtlsConfig config, long now) {
        RetransmissionPolicy policy = config.retransmission();
        long later = now + policy.finishedRetentionMillis() + policy.maxTimeoutMillis() + 1;
        server.onTimer(later);
        return later;
    }

    static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
