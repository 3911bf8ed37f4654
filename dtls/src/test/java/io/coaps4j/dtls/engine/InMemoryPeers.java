package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Clients handshaking with one {@link DtlsServer} in memory, without loss or latency: each datagram
 * is handed to the other side at once. For measurements (heap per session, CPU per handshake) and
 * for tests that need many established sessions quickly. Time stands still during a handshake.
 */
public final class InMemoryPeers {
    /** The PSK identity and key every client of {@link #config} uses. */
    public static final String IDENTITY = "device";
    public static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    public static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5684);

    private final DtlsServer server;
    private final DtlsConfig clientConfig;
    private final CryptoContext clientCrypto;
    private final DtlsMetrics clientMetrics = new DtlsMetrics();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** CPU nanoseconds spent inside the server's methods: on a shared machine, time preempted is not counted. */
    private long serverNanos;

    public InMemoryPeers(DtlsServer server, DtlsConfig clientConfig, CryptoContext clientCrypto) {
        this.server = server;
        this.clientConfig = clientConfig;
        this.clientCrypto = clientCrypto;
    }

    /** A configuration with one identity ({@link #IDENTITY}, {@link #KEY}), for clients and server alike. */
    public static DtlsConfig.Builder config() {
        return DtlsConfig.builder().pskStore(InMemoryPskStore.builder().add(IDENTITY, KEY).build());
    }

    /** The {@code index}-th distinct client address: 10.a.b.c, one port per address. */
    public static InetSocketAddress clientAddress(int index) {
        byte[] ip = {10, (byte) (index >>> 16), (byte) (index >>> 8), (byte) index};
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), 20000 + (index & 0x7FFF));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Runs a full handshake (cookie exchange included) of a new client from {@code from} at {@code now}
     * and returns the client, established unless the server refused it.
     */
    public DtlsConnection handshake(InetSocketAddress from, long now) {
        DtlsConnection client = DtlsConnection.client(clientConfig, clientCrypto, clientMetrics, SERVER,
                Optional.empty());
        exchange(client, from, client.start(now), now);
        return client;
    }

    /** Hands {@code first} to the server, and everything that follows back and forth until both sides are quiet. */
    public void exchange(DtlsConnection client, InetSocketAddress from, DtlsResult first, long now) {
        ArrayDeque<byte[]> toServer = new ArrayDeque<>(first.datagrams());
        ArrayDeque<byte[]> toClient = new ArrayDeque<>();
        while (!toServer.isEmpty() || !toClient.isEmpty()) {
            while (!toServer.isEmpty()) {
                long start = THREADS.getCurrentThreadCpuTime();
                DtlsServer.Result result = server.receive(from, toServer.poll(), now);
                serverNanos += THREADS.getCurrentThreadCpuTime() - start;
                for (DtlsServer.Outbound out : result.datagrams()) {
                    toClient.add(out.datagram());
                }
            }
            while (!toClient.isEmpty()) {
                toServer.addAll(client.receive(toClient.poll(), now).datagrams());
            }
        }
    }

    /** CPU nanoseconds spent in the server's {@code receive} so far. */
    public long serverNanos() {
        return serverNanos;
    }
}
