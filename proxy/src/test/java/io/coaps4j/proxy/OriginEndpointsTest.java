package io.coaps4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.transport.EventLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An origin's requests stay on one endpoint until a lap of message IDs is spent on it within EXCHANGE_LIFETIME,
 * then move to the next endpoint (RFC 7252 section 4.4); virtual time, real loopback endpoints.
 */
class OriginEndpointsTest {
    private static final long LIFETIME = Duration.ofSeconds(247).toNanos();
    private static final InetSocketAddress BUSY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5683);
    private static final InetSocketAddress QUIET = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5684);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<Integer> startedIndexes = new ArrayList<>();
    private EventLoop loop;
    private OriginEndpoints pool;

    private OriginEndpoints pool(int max) throws IOException {
        loop = EventLoop.start("origin-endpoints-test");
        pool = new OriginEndpoints(index -> {
            startedIndexes.add(index);
            return CoapEndpoint.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .name("origin-" + index).eventLoop(loop).start();
        }, max, LIFETIME, clock::get);
        return pool;
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
        if (loop != null) {
            loop.close();
        }
    }

    /** Asks for {@code count} exchanges with {@code origin}; returns the endpoint of the last. */
    private CoapEndpoint send(InetSocketAddress origin, int count) {
        CoapEndpoint last = null;
        for (int i = 0; i < count; i++) {
            last = pool.forOrigin(origin);
        }
        return last;
    }

    private CoapEndpoint sendLap(InetSocketAddress origin) {
        return send(origin, OriginEndpoints.LAP);
    }

    @Test
    void anOriginBusierThanALapPerLifetimeMovesToTheNextEndpointAndComesRoundAgain() throws IOException {
        pool(3);
        CoapEndpoint first = sendLap(BUSY);
        assertThat(pool.size()).as("a lap fits one endpoint").isEqualTo(1);

        CoapEndpoint second = pool.forOrigin(BUSY);
        assertThat(second).isNotSameAs(first);
        assertThat(second.localAddress().getPort()).isNotEqualTo(first.localAddress().getPort());
        assertThat(send(BUSY, OriginEndpoints.LAP - 1)).as("the rest of the second lap").isSameAs(second);
        CoapEndpoint third = pool.forOrigin(BUSY);
        assertThat(third).isNotIn(first, second);
        assertThat(send(BUSY, OriginEndpoints.LAP - 1)).isSameAs(third);
        assertThat(pool.forOrigin(BUSY)).as("round to the first").isSameAs(first);
        assertThat(startedIndexes).as("each started once, when first needed").containsExactly(0, 1, 2);
    }

    @Test
    void anOriginSlowerThanALapPerLifetimeStaysOnTheFirstEndpoint() throws IOException {
        pool(4);
        CoapEndpoint first = pool.forOrigin(QUIET);
        for (int i = 1; i < OriginEndpoints.LAP; i++) {
            clock.addAndGet(LIFETIME / OriginEndpoints.LAP + 1);
            assertThat(pool.forOrigin(QUIET)).isSameAs(first);
        }
        clock.addAndGet(LIFETIME / OriginEndpoints.LAP + 1);
        assertThat(pool.forOrigin(QUIET)).as("the lap took longer than the lifetime").isSameAs(first);
        assertThat(pool.size()).isEqualTo(1);
    }

    @Test
    void originsKeepTheirOwnLaps() throws IOException {
        pool(2);
        CoapEndpoint first = sendLap(BUSY);
        assertThat(pool.forOrigin(BUSY)).isNotSameAs(first);
        assertThat(pool.forOrigin(QUIET)).as("another origin starts on the first").isSameAs(first);
    }

    @Test
    void oneEndpointIsAllThereIsWhenTheMaximumIsOne() throws IOException {
        pool(1);
        CoapEndpoint only = sendLap(BUSY);
        assertThat(pool.forOrigin(BUSY)).isSameAs(only);
        assertThat(pool.size()).isEqualTo(1);
    }

    @Test
    void aClosedPoolStartsNoMoreEndpoints() throws IOException {
        pool(2);
        sendLap(BUSY);
        pool.close();
        assertThatThrownBy(() -> pool.forOrigin(BUSY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        pool = null;
    }

    @Test
    void aMaximumBelowOneIsRefused() {
        assertThatThrownBy(() -> new OriginEndpoints(index -> null, 0, LIFETIME, clock::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
