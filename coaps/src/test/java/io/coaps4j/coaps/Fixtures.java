package io.coaps4j.coaps;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsResult;
import io.coaps4j.dtls.engine.DtlsServer;
import io.coaps4j.dtls.engine.DtlsSession;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Keys, addresses and real DTLS sessions for the binding's tests. */
final class Fixtures {
    static final byte[] KEY = "coaps4j-test-key-0123456789".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_KEY = "another-key-for-the-same-id".getBytes(StandardCharsets.US_ASCII);
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Gives up on a silent server within about a second. */
    static final RetransmissionPolicy QUICK_GIVE_UP = RetransmissionPolicy.ofMillis(100, 400, 2, 10_000);

    private Fixtures() {
    }

    static InetSocketAddress anyLoopbackPort() {
        return new InetSocketAddress(LOOPBACK, 0);
    }

    static InMemoryPskStore store(String identity, byte[] key) {
        return InMemoryPskStore.builder().add(identity, key).build();
    }

    static DtlsConnector.Builder connector(String identity, byte[] key) {
        return DtlsConnector.builder().bind(anyLoopbackPort()).psk(store(identity, key));
    }

    static String uri(InetSocketAddress server, String path) {
        return "coaps://127.0.0.1:" + server.getPort() + path;
    }

    /**
     * A real session, as a DTLS client of a server at {@code serverAddress} sees it, made by a
     * handshake between two sans-IO engines in memory. Two calls give two distinct sessions with
     * the same peer address.
     */
    static DtlsSession session(InetSocketAddress serverAddress) {
        DtlsConfig config = DtlsConfig.builder().pskStore(store("device-1", KEY)).build();
        DtlsServer server = new DtlsServer(config, new CryptoContext(RandomSource.secure()), new DtlsMetrics(), 0);
        DtlsConnection client = DtlsConnection.client(config, new CryptoContext(RandomSource.secure()),
                new DtlsMetrics(), serverAddress, Optional.empty());
        InetSocketAddress clientAddress = new InetSocketAddress(LOOPBACK, 40_000);
        Deque<byte[]> toServer = new ArrayDeque<>(client.start(0).datagrams());
        Deque<byte[]> toClient = new ArrayDeque<>();
        for (int round = 0; round < 20; round++) {
            while (!toServer.isEmpty()) {
                server.receive(clientAddress, toServer.poll(), 0).datagrams().forEach(out -> toClient.add(out.datagram()));
            }
            while (!toClient.isEmpty()) {
                DtlsResult result = client.receive(toClient.poll(), 0);
                toServer.addAll(result.datagrams());
                for (DtlsEvent event : result.events()) {
                    if (event instanceof DtlsEvent.HandshakeCompleted completed) {
                        return completed.session();
                    }
                }
            }
        }
        throw new AssertionError("the in-memory handshake did not complete");
    }

    /** Waits up to {@code timeout} for {@code condition}; true when it held. */
    static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - end < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
