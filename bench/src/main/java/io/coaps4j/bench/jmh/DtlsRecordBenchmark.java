package io.coaps4j.bench.jmh;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsOutput;
import io.coaps4j.dtls.engine.DtlsResult;
import io.coaps4j.dtls.engine.DtlsServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * The DTLS server's established-session hot path, sans-IO: a client protects a 20-byte application
 * record, the server receives it (record decode, unprotect, ApplicationData event) and sends a 20-byte
 * reply (protect). {@code clientProtect} measures the client's part alone, to be subtracted from
 * {@code receiveAndReply} (calls returning result objects) and {@code receiveAndReplyToOutput} (calls
 * writing to a {@link DtlsOutput}); {@code serverReply} is the server's send alone.
 *
 * <p>Run: {@code java -cp <bench classpath> org.openjdk.jmh.Main DtlsRecordBenchmark -f 1 -wi 2 -i 3 -r 1s -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DtlsRecordBenchmark {
    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5684);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

    private final byte[] request = "GET /hello CoAP-ish.".getBytes(StandardCharsets.US_ASCII);
    private final byte[] reply = "2.05 Hello, world!!!".getBytes(StandardCharsets.US_ASCII);
    private final LastDatagram toServer = new LastDatagram();
    private final LastDatagram sink = new LastDatagram();
    private DtlsServer server;
    private DtlsConnection client;
    private long now;

    @Setup
    public void setUp() {
        DtlsConfig config = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add("device", "0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
                        .build())
                .build();
        server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), 0);
        client = DtlsConnection.client(config, CryptoContext.create(), new DtlsMetrics(), SERVER, Optional.empty());
        ArrayDeque<byte[]> toServer = new ArrayDeque<>(client.start(0).datagrams());
        ArrayDeque<byte[]> toClient = new ArrayDeque<>();
        while (!toServer.isEmpty() || !toClient.isEmpty()) {
            while (!toServer.isEmpty()) {
                for (DtlsServer.Outbound out : server.receive(CLIENT, toServer.poll(), 0).datagrams()) {
                    toClient.add(out.datagram());
                }
            }
            while (!toClient.isEmpty()) {
                toServer.addAll(client.receive(toClient.poll(), 0).datagrams());
            }
        }
        if (client.status() != DtlsConnection.Status.ESTABLISHED || server.session(CLIENT).isEmpty()) {
            throw new IllegalStateException("the handshake did not complete");
        }
        now = 1;
    }

    /** The client's part: protecting one 20-byte request. */
    @Benchmark
    public Object clientProtect() {
        return client.send(request, now);
    }

    /** The server's send alone: protecting one 20-byte reply. */
    @Benchmark
    public Object serverReply() {
        return server.send(CLIENT, reply, now);
    }

    /** Client protect + server receive (decode, unprotect, event) + server reply, with the calls that return results. */
    @Benchmark
    public Object receiveAndReply() {
        DtlsResult sent = client.send(request, now);
        DtlsServer.Result received = server.receive(CLIENT, sent.datagrams().get(0), now);
        if (received.events().size() != 1) {
            throw new IllegalStateException("expected one event, got " + received.events());
        }
        return server.send(CLIENT, reply, now);
    }

    /** The same through the calls that write to a {@link DtlsOutput}, as a transport would use them. */
    @Benchmark
    public Object receiveAndReplyToOutput() {
        client.send(request, 0, request.length, now, toServer);
        toServer.events = 0;
        server.receive(CLIENT, toServer.datagram, 0, toServer.datagram.length, now, sink);
        if (sink.events != 1) {
            throw new IllegalStateException("expected one event, got " + sink.events);
        }
        sink.events = 0;
        server.send(CLIENT, reply, 0, reply.length, now, sink);
        return sink.datagram;
    }

    /** Keeps the last datagram and counts events, as a transport writing to its socket would. */
    static final class LastDatagram implements DtlsOutput {
        byte[] datagram;
        int events;

        @Override
        public void datagram(InetSocketAddress to, byte[] bytes) {
            datagram = bytes;
        }

        @Override
        public void event(DtlsConnection connection, DtlsEvent event) {
            events++;
        }
    }
}
