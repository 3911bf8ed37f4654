package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.P256KeyPairs;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.flight.RetransmissionPolicy;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.util.Set;

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
        System.out.printf("heap per idle PSK session with its cache entry (server, %d sessions): %.0f bytes%n",
                sessions, idleSessionBytes(sessions, sessions));
        System.out.printf("heap per idle PSK session without cache entry (server, %d sessions): %.0f bytes%n",
                sessions, idleSessionBytes(sessions, 1));
        System.out.printf("heap per idle RPK session (server, %d sessions): %.0f bytes, %.0f with its resumption"
                + " cache entry, %.0f with the clients' key on the trust list%n", sessions / 4,
                idleRpkSessionBytes(sessions / 4, false), idleRpkSessionBytes(sessions / 4, true),
                idleRpkSessionBytes(sessions / 4, false, true));
        System.out.printf("heap per idle PSK session with a CID and session tickets (server, %d sessions): %.0f bytes%n",
                sessions, idleTicketSessionBytes(sessions));
        System.out.printf("server CPU per full PSK handshake (%d handshakes): %.1f µs%n", handshakes,
                handshakeMicros(handshakes));
        double[] record = recordNanos(200_000);
        System.out.printf("server CPU per 20-byte request record received and 20-byte reply sent: %.0f ns with"
                + " result objects, %.0f ns to a DtlsOutput%n", record[0], record[1]);
    }

    /**
     * Server CPU (thread CPU clock) per 20-byte application record received and 20-byte reply sent on an
     * established session, in nanoseconds: {@code [with result objects, to a DtlsOutput]}. The client's
     * protection of the requests is measured alone and subtracted. Medians of five rounds.
     */
    public static double[] recordNanos(int iterations) {
        DtlsConfig config = InMemoryPeers.config().build();
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), 0);
        InMemoryPeers peers = new InMemoryPeers(server, config, CryptoContext.create());
        InetSocketAddress address = InMemoryPeers.clientAddress(1);
        DtlsConnection client = peers.handshake(address, 0);
        byte[] request = new byte[20];
        byte[] reply = new byte[20];
        LastDatagram toServer = new LastDatagram();
        LastDatagram sink = new LastDatagram();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double[][] rounds = new double[3][5];
        for (int round = -1; round < 5; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < iterations; i++) {
                client.send(request, 0, request.length, 1, toServer);
            }
            long clientOnly = threads.getCurrentThreadCpuTime() - start;
            start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < iterations; i++) {
                server.receive(address, client.send(request, 1).datagrams().get(0), 1);
                server.send(address, reply, 1);
            }
            long results = threads.getCurrentThreadCpuTime() - start;
            start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < iterations; i++) {
                client.send(request, 0, request.length, 1, toServer);
                server.receive(address, toServer.datagram, 0, toServer.datagram.length, 1, sink);
                server.send(address, reply, 0, reply.length, 1, sink);
            }
            long output = threads.getCurrentThreadCpuTime() - start;
            if (round >= 0) {
                rounds[0][round] = clientOnly / (double) iterations;
                rounds[1][round] = results / (double) iterations;
                rounds[2][round] = output / (double) iterations;
            }
        }
        for (double[] values : rounds) {
            java.util.Arrays.sort(values);
        }
        // The Result form's client send also builds a result: close enough to subtract the output form's.
        return new double[] {rounds[1][2] - rounds[0][2], rounds[2][2] - rounds[0][2]};
    }

    /** Keeps the last datagram, as a transport writing to its socket would. */
    private static final class LastDatagram implements DtlsOutput {
        byte[] datagram;

        @Override
        public void datagram(InetSocketAddress to, byte[] bytes) {
            datagram = bytes;
        }

        @Override
        public void event(DtlsConnection connection, DtlsEvent event) {
            if (!(event instanceof DtlsEvent.ApplicationData)) {
                throw new IllegalStateException("unexpected " + event);
            }
        }
    }

    /**
     * Heap bytes per established, idle server session with its resumption cache entry: {@code sessions} clients
     * from distinct addresses complete a handshake, the server's retained last flights expire, and the heap
     * growth after a full GC is divided by {@code sessions}. Everything the server holds per peer is counted,
     * its address and its entry in the session cache included (the cache has the default size,
     * {@link DtlsConfig#DEFAULT_SESSION_CACHE_SIZE}, and starts empty: with as many sessions as that it ends
     * full); the clients are discarded.
     */
    public static double idleSessionBytes(int sessions) {
        return idleSessionBytes(sessions, DtlsConfig.DEFAULT_SESSION_CACHE_SIZE,
                io.coaps4j.dtls.config.ConnectionIdPolicy.DISABLED);
    }

    /**
     * As {@link #idleSessionBytes(int)} with a session cache of {@code cacheSize} entries; with a size of 1 the
     * cache is a fixed cost and the figure is the connection alone.
     */
    public static double idleSessionBytes(int sessions, int cacheSize) {
        return idleSessionBytes(sessions, cacheSize, io.coaps4j.dtls.config.ConnectionIdPolicy.DISABLED);
    }

    /**
     * {@link #idleSessionBytes(int)} with connection IDs used as {@code connectionIds} says (RFC 9146; by default
     * the server's 6-byte CID in the client's records, found by it in the server's CID table).
     */
    public static double idleSessionBytes(int sessions, io.coaps4j.dtls.config.ConnectionIdPolicy connectionIds) {
        return idleSessionBytes(sessions, DtlsConfig.DEFAULT_SESSION_CACHE_SIZE, connectionIds);
    }

    /** With a session cache of {@code cacheSize} entries and connection IDs as {@code connectionIds} says. */
    public static double idleSessionBytes(int sessions, int cacheSize,
                                          io.coaps4j.dtls.config.ConnectionIdPolicy connectionIds) {
        DtlsConfig clientConfig = InMemoryPeers.config().connectionIds(connectionIds).build();
        return idleSessionBytes(InMemoryPeers.config().connectionIds(connectionIds), clientConfig, sessions, 1_000,
                cacheSize);
    }

    /**
     * As {@link #idleSessionBytes(int)} for RawPublicKey sessions (TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, client
     * authentication needed): each client presents its key, which the server trusts (any key, so that the trust
     * list does not grow with the sessions). With {@code cached}, the resumption cache (default size) holds every
     * session, so the figure includes one cache entry per session; without, the cache holds one entry, a fixed cost.
     */
    public static double idleRpkSessionBytes(int sessions, boolean cached) {
        return idleRpkSessionBytes(sessions, cached, false);
    }

    /**
     * As {@link #idleRpkSessionBytes(int, boolean)}; with {@code listed}, the server trusts the clients' key by its
     * trust list (as a server provisioned with its devices' keys), whose entry's principal the sessions then share.
     */
    public static double idleRpkSessionBytes(int sessions, boolean cached, boolean listed) {
        RandomSource random = RandomSource.secure();
        KeyPair server = P256KeyPairs.generate(random);
        KeyPair client = P256KeyPairs.generate(random);
        DtlsConfig.Builder serverConfig = DtlsConfig.builder().credentials(listed
                ? new RawPublicKeyCredentials(server.getPrivate(), server.getPublic(), Set.of(client.getPublic()))
                : RawPublicKeyCredentials.insecureTrustingAnyKey(server.getPrivate(), server.getPublic()));
        DtlsConfig clientConfig = DtlsConfig.builder().credentials(new RawPublicKeyCredentials(
                client.getPrivate(), client.getPublic(), Set.of(server.getPublic()))).build();
        return idleSessionBytes(serverConfig, clientConfig, sessions, 1_000,
                cached ? DtlsConfig.DEFAULT_SESSION_CACHE_SIZE : 1);
    }

    /**
     * As {@link #idleSessionBytes(int)} with the server's 6-byte connection ID (RFC 9146) and session tickets
     * (RFC 5077) offered by the clients and issued by the server: the ticket carries the resumable session, so the
     * server's cache stays empty and the figure is the connection, its CID entry and nothing else.
     */
    public static double idleTicketSessionBytes(int sessions) {
        io.coaps4j.dtls.config.SessionTickets tickets = new io.coaps4j.dtls.config.SessionTickets(
                new io.coaps4j.dtls.config.RotatingTicketKeys(java.time.Duration.ofHours(1), 1,
                        new java.security.SecureRandom()), java.time.Duration.ofHours(2), () -> 1_700_000_000_000L);
        DtlsConfig clientConfig = InMemoryPeers.config().offerSessionTickets(true).build();
        return idleSessionBytes(InMemoryPeers.config().sessionTickets(tickets), clientConfig, sessions, 1_000,
                DtlsConfig.DEFAULT_SESSION_CACHE_SIZE, 0);
    }

    private static double idleSessionBytes(DtlsConfig.Builder serverConfig, DtlsConfig clientConfig, int sessions,
                                           int warmUp, int cacheSize) {
        return idleSessionBytes(serverConfig, clientConfig, sessions, warmUp, cacheSize, Math.min(sessions, cacheSize));
    }

    private static double idleSessionBytes(DtlsConfig.Builder serverConfig, DtlsConfig clientConfig, int sessions,
                                           int warmUp, int cacheSize, int cachedSessions) {
        DtlsConfig config = serverConfig.maxConnections(Math.max(sessions, warmUp) + 2_000)
                .sessionCacheSize(cacheSize).build();
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), 0);
        InMemoryPeers peers = new InMemoryPeers(server, clientConfig, CryptoContext.create());
        long now = 0;
        // Warm up: code paths, the server's tables at their final size class, per-loop caches.
        for (int i = 0; i < warmUp; i++) {
            InetSocketAddress address = InMemoryPeers.clientAddress(1_000_000 + i);
            peers.handshake(address, now);
        }
        for (int i = 0; i < warmUp; i++) {
            server.close(InMemoryPeers.clientAddress(1_000_000 + i), now);
        }
        server.engine().serverSessions.clear();
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
        if (server.engine().serverSessions.size() != cachedSessions) {
            throw new IllegalStateException("expected a cache of " + cachedSessions + ", it holds "
                    + server.engine().serverSessions.size());
        }
        return (after - before) / (double) sessions;
    }

    /**
     * Server CPU time (inside {@link DtlsServer#receive}, by the thread's CPU clock) per full PSK handshake
     * with cookie exchange, in microseconds: the median of five rounds of {@code handshakes / 5} after as
     * many handshakes to warm up.
     */
    public static double handshakeMicros(int handshakes) {
        int rounds = 5;
        int perRound = Math.max(handshakes / rounds, 1);
        DtlsConfig config = InMemoryPeers.config().maxConnections(perRound + 2_000).build();
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), 0);
        InMemoryPeers peers = new InMemoryPeers(server, config, CryptoContext.create());
        // Warm up with as many handshakes as are measured: the JIT needs thousands to settle.
        for (int round = 0; round < rounds; round++) {
            runHandshakes(server, peers, perRound, 0);
        }
        double[] micros = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = peers.serverNanos();
            runHandshakes(server, peers, perRound, (round + 1) * 10_000_000L);
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
        long later = now + policy.finishedRetention().toNanos() + policy.maxTimeout().toNanos() + 1;
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
