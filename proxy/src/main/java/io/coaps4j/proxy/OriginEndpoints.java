package io.coaps4j.proxy;

import io.coaps4j.coap.endpoint.CoapEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The endpoints of one origin leg (one scheme). An endpoint may send one message ID to an origin only once per
 * EXCHANGE_LIFETIME (RFC 7252 section 4.4): 65,536 messages per 247 s with the default parameters, about 265 a
 * second. All clients' requests to an origin go through the proxy's endpoint, so a busy origin would wait for
 * IDs; each origin therefore takes its requests from one endpoint until that endpoint has spent a lap of IDs on
 * it within the lifetime, and then moves on to the next (its own source port and, on coaps, its own session),
 * started on first use. A light origin stays on the first endpoint.
 */
final class OriginEndpoints implements AutoCloseable {
    /**
     * Requests per lap on one endpoint: fifteen of the engine's sixteen blocks of 4,096 IDs, the last left for
     * what else the endpoint sends the origin (pings, cancellations) so that the lap never waits.
     */
    static final int LAP = 15 * 4096;
    /** Origins whose lap is remembered; the oldest is forgotten first (it then starts again on the first). */
    private static final int REMEMBERED_ORIGINS = 4096;

    /** Starts the {@code index}-th endpoint (from 0). */
    @FunctionalInterface
    interface Starter {
        CoapEndpoint start(int index) throws IOException;
    }

    private final Starter starter;
    private final int max;
    private final int lap;
    private final long lifetimeNanos;
    private final LongSupplier nanoClock;
    private final List<CoapEndpoint> started = new ArrayList<>();
    private final Map<InetSocketAddress, Lap> laps = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Lap> eldest) {
            return size() > REMEMBERED_ORIGINS;
        }
    };
    private boolean closed;

    /** Where an origin's requests go now, and since when. */
    private static final class Lap {
        int endpoint;
        int sent;
        long startedNanos;
    }

    /**
     * Starts the first endpoint now; up to {@code max} in all as origins need them.
     *
     * @param lifetimeNanos EXCHANGE_LIFETIME of the endpoints' transmission parameters
     */
    OriginEndpoints(Starter starter, int max, long lifetimeNanos, LongSupplier nanoClock) throws IOException {
        this(starter, max, LAP, lifetimeNanos, nanoClock);
    }

    /** As above with {@code lap} requests per lap instead of {@link #LAP} (tests). */
    OriginEndpoints(Starter starter, int max, int lap, long lifetimeNanos, LongSupplier nanoClock)
            throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("max endpoints must be at least 1, was " + max);
        }
        this.starter = starter;
        this.max = max;
        this.lap = lap;
        this.lifetimeNanos = lifetimeNanos;
        this.nanoClock = nanoClock;
        started.add(starter.start(0));
    }

    /** The endpoint for the next message exchange with {@code origin}, counted in that origin's lap. */
    synchronized CoapEndpoint forOrigin(InetSocketAddress origin) {
        if (max == 1) {
            return started.get(0);
        }
        long now = nanoClock.getAsLong();
        Lap current = laps.computeIfAbsent(origin, o -> {
            Lap fresh = new Lap();
            fresh.startedNanos = now;
            return fresh;
        });
        if (current.sent == lap) {
            if (now - current.startedNanos < lifetimeNanos) {
                current.endpoint = (current.endpoint + 1) % max; // this lap's IDs are still in use at the origin
            }
            current.sent = 0;
            current.startedNanos = now;
        }
        current.sent++;
        return endpoint(current.endpoint);
    }

    /** How many endpoints are running. */
    synchronized int size() {
        return started.size();
    }

    private CoapEndpoint endpoint(int index) {
        while (started.size() <= index) {
            if (closed) {
                throw new IllegalStateException("proxy closed");
            }
            try {
                started.add(starter.start(started.size()));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start origin endpoint " + started.size() + ": "
                        + e.getMessage(), e);
            }
        }
        return started.get(index);
    }

    @Override
    public synchronized void close() {
        closed = true;
        RuntimeException failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
