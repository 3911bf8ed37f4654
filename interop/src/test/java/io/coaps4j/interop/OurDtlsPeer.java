package io.coaps4j.interop;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.CryptoJob;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEndpoint;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsOutput;
import io.coaps4j.dtls.engine.DtlsResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Our sans-IO DTLS engine ({@link DtlsEndpoint}, both roles) on a real UDP socket on loopback (port 0), driven by
 * the test's thread: {@link #runUntil} reads datagrams and fires timers until a condition holds or a deadline
 * passes. For DTLS-level interop (heartbeats) where CoAP would be in the way.
 */
final class OurDtlsPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final DtlsEndpoint endpoint;
    private final DtlsMetrics metrics = new DtlsMetrics();
    private final long origin = System.nanoTime();
    private final List<Event> events = new ArrayList<>();
    private final DtlsOutput output = new DtlsOutput() {
        @Override
        public void datagram(InetSocketAddress to, byte[] datagram) {
            try {
                socket.send(new DatagramPacket(datagram, datagram.length, to));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void event(DtlsConnection connection, DtlsEvent event) {
            events.add(new Event(connection, event));
        }

        @Override
        public void offload(CryptoJob job) {
            job.run();
        }
    };

    /** An event with the connection it happened on. */
    record Event(DtlsConnection connection, DtlsEvent event) {
    }

    OurDtlsPeer(DtlsConfig config) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endpoint = new DtlsEndpoint(config, CryptoContext.create(), metrics, true, 4, now());
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    DtlsMetrics metrics() {
        return metrics;
    }

    List<Event> events() {
        return events;
    }

    long now() {
        return System.nanoTime() - origin;
    }

    DtlsConnection connect(InetSocketAddress peer) {
        return endpoint.connect(peer, Optional.empty(), now(), output);
    }

    void send(DtlsConnection connection, byte[] data) {
        endpoint.send(connection, data, 0, data.length, now(), output);
    }

    void sendHeartbeat(DtlsConnection connection) {
        endpoint.sendHeartbeat(connection, now(), output);
    }

    /** The established connection with {@code peer} in either role, or null. */
    DtlsConnection established(InetSocketAddress peer) {
        return endpoint.established(peer);
    }

    /** The first established connection of either role, or null. */
    DtlsConnection anyEstablished() {
        DtlsConnection[] found = {null};
        endpoint.forEachEstablished(connection -> {
            if (found[0] == null) {
                found[0] = connection;
            }
        });
        return found[0];
    }

    <T extends DtlsEvent> List<T> eventsOfType(Class<T> type) {
        return events.stream().map(Event::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** Receives and fires timers until {@code done} holds; fails after {@code timeout}. */
    void runUntil(BooleanSupplier done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[65_536];
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; events " + events
                        + ", " + metrics);
            }
            long next = endpoint.nextDeadline();
            long waitMillis = next == DtlsResult.NO_DEADLINE ? 20 : Math.max(1, Math.min(20, (next - now()) / 1_000_000));
            try {
                socket.setSoTimeout((int) waitMillis);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                endpoint.receive((InetSocketAddress) packet.getSocketAddress(), packet.getData(), packet.getOffset(),
                        packet.getLength(), now(), output);
            } catch (SocketTimeoutException idle) {
                // fall through to the timers
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (endpoint.nextDeadline() <= now()) {
                endpoint.onTimer(now(), output);
            }
        }
    }

    @Override
    public void close() {
        try {
            endpoint.closeAll(now(), output);
        } catch (RuntimeException ignored) {
            // the socket may be gone already
        }
        socket.close();
    }
}
