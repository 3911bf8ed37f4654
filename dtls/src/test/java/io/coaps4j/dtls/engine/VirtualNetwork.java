package io.coaps4j.dtls.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A simulated UDP network in virtual time between one {@link DtlsServer} and any number of client
 * {@link DtlsConnection}s: datagrams take {@code latencyMillis}, time is nanoseconds, may be lost with a seeded
 * probability, and may be filtered or observed by a test. Time only advances when nothing is in flight.
 */
final class VirtualNetwork {
    static final InetSocketAddress SERVER = address("10.0.0.1", 5684);
    /** Longer than any handshake timer, shorter than a session's idle timeout. */
    static final long QUIET_HORIZON = Fixture.ms(3_600_000);

    record Packet(InetSocketAddress from, InetSocketAddress to, byte[] bytes, long deliverAt, long order)
            implements Comparable<Packet> {
        @Override
        public int compareTo(Packet other) {
            int byTime = Long.compare(deliverAt, other.deliverAt);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    final DtlsServer server;
    final Map<InetSocketAddress, DtlsConnection> clients = new LinkedHashMap<>();
    final Map<InetSocketAddress, List<DtlsEvent>> clientEvents = new HashMap<>();
    final List<DtlsServer.PeerEvent> serverEvents = new ArrayList<>();
    final List<Packet> delivered = new ArrayList<>();
    private final PriorityQueue<Packet> inFlight = new PriorityQueue<>();
    private final Random random;
    private final double loss;
    private final long latency;
    private long order;
    long now;
    Predicate<Packet> filter = packet -> true;
    /** Each datagram that survives loss arrives this many times. */
    int copies = 1;
    /** Up to this much extra delay per datagram, seeded: datagrams sent close together arrive reordered. */
    long jitter;
    /** The share of datagrams held back by {@link #reorderDelay}, so that later ones overtake them. */
    double reordering;
    long reorderDelay;
    /** The share of datagrams that arrive twice (the copy a little later). */
    double duplication;

    VirtualNetwork(DtlsServer server, long seed, double loss, long latencyMillis) {
        this.server = server;
        this.random = new Random(seed);
        this.loss = loss;
        this.latency = Fixture.ms(latencyMillis);
    }

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Registers {@code client} as sending from {@code from} and starts it. */
    void start(InetSocketAddress from, DtlsConnection client) {
        clients.put(from, client);
        clientOutput(from, client.start(now));
    }

    void clientOutput(InetSocketAddress client, DtlsResult result) {
        for (byte[] datagram : result.datagrams()) {
            send(client, SERVER, datagram);
        }
        clientEvents.computeIfAbsent(client, k -> new ArrayList<>()).addAll(result.events());
    }

    void serverOutput(DtlsServer.Result result) {
        for (DtlsServer.Outbound out : result.datagrams()) {
            send(SERVER, out.to(), out.datagram());
        }
        serverEvents.addAll(result.events());
    }

    /** Puts a datagram on the wire (subject to loss and the filter). */
    void send(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
        long delay = latency + (jitter > 0 ? (long) (random.nextDouble() * jitter) : 0);
        if (reordering > 0 && random.nextDouble() < reordering) {
            delay += reorderDelay;
        }
        Packet packet = new Packet(from, to, bytes, now + delay, order++);
        if (random.nextDouble() < loss || !filter.test(packet)) {
            return;
        }
        inFlight.add(packet);
        if (duplication > 0 && random.nextDouble() < duplication) {
            inFlight.add(new Packet(from, to, bytes, now + delay + latency / 2 + 1, order++));
        }
        for (int copy = 1; copy < copies; copy++) {
            inFlight.add(new Packet(from, to, bytes, now + latency + copy, order++));
        }
    }

    /** Injects a datagram as if {@code from} had sent it, bypassing loss and filter. */
    void inject(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
        inFlight.add(new Packet(from, to, bytes, now, order++));
    }

    /** Runs until nothing is in flight and no timer is due before {@code until}. */
    void runUntil(long until) {
        while (true) {
            long nextPacket = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().deliverAt;
            long nextTimer = nextTimer();
            long next = Math.min(nextPacket, nextTimer);
            if (next == Long.MAX_VALUE || next > until) {
                return;
            }
            now = Math.max(now, next);
            if (nextPacket <= nextTimer) {
                deliver(inFlight.poll());
            } else {
                fireTimers();
            }
        }
    }

    /**
     * Runs until the network is quiet: nothing in flight and no timer due within the next hour, which
     * covers every handshake timer (retransmissions, retained last flights) but not the idle timeout of
     * established sessions, which {@link #runUntil} reaches when a test means it to.
     */
    void run() {
        runUntil(now + QUIET_HORIZON);
    }

    private long nextTimer() {
        long next = server.nextDeadline();
        for (DtlsConnection client : clients.values()) {
            next = Math.min(next, client.nextDeadline());
        }
        return next;
    }

    private void fireTimers() {
        if (server.nextDeadline() <= now) {
            serverOutput(server.onTimer(now));
        }
        for (Map.Entry<InetSocketAddress, DtlsConnection> entry : clients.entrySet()) {
            if (entry.getValue().nextDeadline() <= now) {
                clientOutput(entry.getKey(), entry.getValue().onTimer(now));
            }
        }
    }

    private void deliver(Packet packet) {
        delivered.add(packet);
        if (packet.to().equals(SERVER)) {
            serverOutput(server.receive(packet.from(), packet.bytes(), now));
        } else {
            DtlsConnection client = clients.get(packet.to());
            if (client != null) {
                clientOutput(packet.to(), client.receive(packet.bytes(), now));
            }
        }
    }

    List<DtlsEvent> eventsOf(InetSocketAddress client) {
        return clientEvents.getOrDefault(client, List.of());
    }

    List<DtlsEvent> serverEventsOf(InetSocketAddress client) {
        List<DtlsEvent> events = new ArrayList<>();
        for (DtlsServer.PeerEvent event : serverEvents) {
            if (event.peer().equals(client)) {
                events.add(event.event());
            }
        }
        return events;
    }
}
