package io.coaps4j.bench.server;

import io.coaps4j.bench.HelloResource;
import io.coaps4j.bench.loadgen.RequestTemplate;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heap bytes the NoSec server allocates per request on its own threads (event loop, timers), counted by the
 * JVM's per-thread allocation counters around N request/response round trips over loopback: a deterministic
 * measure (bytes, not time) of the hot path that the device-like generator exercises, one datagram per wake-up.
 * The bound is generous; it catches a regression to per-request copies or collections, not a few objects.
 */
class NoSecAllocationPerRequestTest {
    private static final int WARMUP = 5_000;
    private static final int MEASURED = 20_000;
    /** Generous: the measured figure is printed by the test and written down in docs/PERFORMANCE.md. */
    private static final long BOUND_BYTES_PER_REQUEST = 4_096;

    @Test
    void serverAllocatesBoundedBytesPerRequestWithOneDatagramPerWakeUp() throws Exception {
        CoapResponse hello = CoapResponse.content(HelloResource.TEXT);
        try (CoapServer server = CoapServer.builder().name("alloc-test")
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .resource(Resource.builder(HelloResource.PATH).get(request -> hello).build())
                .build().start();
             DatagramChannel client = DatagramChannel.open()) {
            client.connect(new InetSocketAddress("127.0.0.1", server.localAddress().getPort()));
            ByteBuffer request = RequestTemplate.get(HelloResource.PATH).newBuffer();
            ByteBuffer response = ByteBuffer.allocate(2048);
            roundTrips(client, request, response, 0, WARMUP);
            long before = serverThreadsAllocated();
            roundTrips(client, request, response, WARMUP, MEASURED);
            long perRequest = (serverThreadsAllocated() - before) / MEASURED;
            System.out.println("NoSec server: " + perRequest + " bytes allocated per request");
            assertThat(perRequest).isLessThan(BOUND_BYTES_PER_REQUEST);
        }
    }

    private static void roundTrips(DatagramChannel client, ByteBuffer request, ByteBuffer response, int first, int count)
            throws Exception {
        for (int i = first; i < first + count; i++) {
            RequestTemplate.patch(request, i & 0xffff, i);
            request.rewind();
            client.write(request);
            response.clear();
            client.read(response);
            response.flip();
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
