package io.coaps4j.bench.server;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.loadgen.DtlsClientTransport;
import io.coaps4j.bench.loadgen.RequestTemplate;
import io.coaps4j.coap.server.CoapServer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heap bytes the PSK server ({@link OurPskServer}) allocates per request on its own threads, counted by the
 * JVM's per-thread allocation counters around N round trips of one established DTLS connection over
 * loopback, one datagram per wake-up: deterministic (bytes, not time). The bound is generous; it catches a
 * regression to per-record copies or collections, not a few objects.
 */
class PskAllocationPerRequestTest {
    private static final int WARMUP = 3_000;
    private static final int MEASURED = 10_000;
    private static final long BOUND_BYTES_PER_REQUEST = 8_192;

    @Test
    void serverAllocatesBoundedBytesPerRequestOnOneDtlsConnection() throws Exception {
        try (CoapServer server = OurPskServer.create(new InetSocketAddress("127.0.0.1", 0), null).start()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
            DtlsClientTransport client = (DtlsClientTransport) DtlsClientTransport.factory(
                    DtlsClientTransport.pskConfig(address.getAddress(), BenchPsk.IDENTITY, BenchPsk.key())).open(address);
            try {
                client.connect(Duration.ofSeconds(20));
                ByteBuffer request = RequestTemplate.get(io.coaps4j.bench.HelloResource.PATH).newBuffer();
                ByteBuffer response = ByteBuffer.allocate(2048);
                roundTrips(client, request, response, 0, WARMUP);
                long before = serverThreadsAllocated();
                roundTrips(client, request, response, WARMUP, MEASURED);
                long perRequest = (serverThreadsAllocated() - before) / MEASURED;
                System.out.println("PSK server: " + perRequest + " bytes allocated per request");
                assertThat(perRequest).isLessThan(BOUND_BYTES_PER_REQUEST);
            } finally {
                client.close();
            }
        }
    }

    private static void roundTrips(DtlsClientTransport client, ByteBuffer request, ByteBuffer response, int first,
                                   int count) throws Exception {
        for (int i = first; i < first + count; i++) {
            RequestTemplate.patch(request, i & 0xffff, i);
            client.send(request);
            response.clear();
            assertThat(client.awaitMessage(response, Duration.ofSeconds(10))).as("response %d", i).isTrue();
            assertThat(RequestTemplate.tokenMatches(response, response.get(0) & 0x0f, i)).isTrue();
        }
    }

    /** Bytes allocated so far by every live thread but this one (the client's). */
    private static long serverThreadsAllocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long[] ids = Arrays.stream(threads.getAllThreadIds()).filter(id -> id != self).toArray();
        return Arrays.stream(threads.getThreadAllocatedBytes(ids)).filter(b -> b > 0).sum();
    }
}
