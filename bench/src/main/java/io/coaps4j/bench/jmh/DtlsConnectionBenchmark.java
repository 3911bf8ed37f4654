package io.coaps4j.bench.jmh;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsOutput;
import io.coaps4j.dtls.engine.DtlsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole new PSK connection, sans-IO, as the side-by-side {@code handshakes} suite makes them over UDP:
 * ClientHello, HelloVerifyRequest, ClientHello with the cookie, the full TLS_PSK_WITH_AES_128_CCM_8
 * handshake with the extended master secret, one 20-byte record each way, close_notify and its answer.
 * Client and server both run here, each with its own crypto context, and every connection comes from a new
 * address, so the server admits, keys and forgets a new session each time. Without the kernel's share (about
 * half of a server's CPU per connection over loopback, see docs/BENCHMARKS.md) this is the figure to watch
 * when making new sessions cheaper; a profiler (e.g. {@code -prof gc}, or perf with a perf map) splits it
 * between the two sides.
 *
 * <p>Run: {@code java -cp <bench classpath> org.openjdk.jmh.Main DtlsConnectionBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class DtlsConnectionBenchmark {
    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5684);

    private final byte[] request = "GET /hello CoAP-ish.".getBytes(StandardCharsets.US_ASCII);
    private final byte[] reply = "2.05 Hello, world!!!".getBytes(StandardCharsets.US_ASCII);
    private final Wire toServer = new Wire();
    private final Wire toClient = new Wire();
    private DtlsConfig config;
    private CryptoContext clientCrypto;
    private DtlsMetrics clientMetrics;
    private DtlsServer server;
    private long now;
    private int nextClient;

    @Setup
    public void setUp() {
        config = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add("device", "0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
                        .build())
                .build();
        clientCrypto = CryptoContext.create();
        clientMetrics = new DtlsMetrics();
        server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), 0);
    }

    /** A new connection from a new address: handshake, one record each way, close_notify both ways. */
    @Benchmark
    public int newConnection() {
        now++;
        InetSocketAddress address = nextClientAddress();
        DtlsConnection client = DtlsConnection.client(config, clientCrypto, clientMetrics, SERVER, Optional.empty());
        client.start(now, toServer);
        exchange(client, address);
        if (client.status() != DtlsConnection.Status.ESTABLISHED) {
            throw new IllegalStateException("the handshake did not complete: " + client.status());
        }
        toClient.events = 0; // the server's events land on the wire it writes to
        client.send(request, 0, request.length, now, toServer);
        exchange(client, address);
        if (toClient.events != 1) {
            throw new IllegalStateException("the server raised " + toClient.events + " events for one record");
        }
        server.send(address, reply, 0, reply.length, now, toClient);
        exchange(client, address);
        client.close(now, toServer);
        exchange(client, address);
        if (server.connectionCount() != 0) {
            throw new IllegalStateException("the server still holds " + server.connectionCount() + " connections");
        }
        return toClient.datagrams;
    }

    /** Delivers datagrams both ways until both sides are quiet. */
    private void exchange(DtlsConnection client, InetSocketAddress address) {
        while (!toServer.queue.isEmpty() || !toClient.queue.isEmpty()) {
            byte[] datagram;
            while ((datagram = toServer.queue.poll()) != null) {
                server.receive(address, datagram, 0, datagram.length, now, toClient);
            }
            while ((datagram = toClient.queue.poll()) != null) {
                client.receive(datagram, 0, datagram.length, now, toServer);
            }
        }
    }

    /** 127.x.y.z with every port from 1024 on: far more distinct peers than a run makes. */
    private InetSocketAddress nextClientAddress() {
        int n = nextClient++;
        int port = 1024 + n % 64_000;
        int host = n / 64_000;
        try {
            InetAddress address = InetAddress.getByAddress(new byte[] {127, (byte) (host >>> 16), (byte) (host >>> 8), (byte) host});
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4-byte address is always valid", e);
        }
    }

    /** One direction of the simulated network: the datagrams in flight and the events its receiver raised. */
    static final class Wire implements DtlsOutput {
        final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        int datagrams;
        int events;

        @Override
        public void datagram(InetSocketAddress to, byte[] bytes) {
            queue.add(bytes);
            datagrams++;
        }

        @Override
        public void event(DtlsConnection connection, DtlsEvent event) {
            events++;
        }
    }
}
