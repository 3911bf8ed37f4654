package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.ConnectorSink;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsServer;
import io.coaps4j.transport.EventLoop;
import io.coaps4j.transport.UdpChannel;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the parts of one {@link DtlsConnector} share: the DTLS server role, the sessions of both
 * roles by address, the resolves waiting for a peer's handshake, the counters and the clock.
 *
 * <p>Threading: the fields set by {@link #start} are published to the loop thread by opening the
 * socket there; from then on everything but the volatile fields is touched on the event loop only.
 */
final class ConnectorState {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    final CoapsConfig config;
    final DtlsMetrics dtlsMetrics = new DtlsMetrics();
    final ConnectorCounters counters = new ConnectorCounters();
    /** The sessions the DTLS server role carries, by peer address: one entry per idle session, so no HashMap node each. */
    final AddressTable<SessionState> serverSessions = new AddressTable<>(session -> session.peer.address());
    final ClientTable clients = new ClientTable();
    /** Resolves waiting for a handshake the peer started with us from the address we wanted to reach. */
    final Map<InetSocketAddress, List<CompletableFuture<Peer>>> serverWaiters = new HashMap<>();
    final KeepAliveMonitor keepAlive;

    volatile EventLoop loop;
    volatile UdpChannel channel;
    volatile boolean closed;
    ConnectorSink sink;
    CryptoContext crypto;
    DtlsServer server;
    private long originNanos;

    ConnectorState(CoapsConfig config) {
        this.config = config;
        this.keepAlive = new KeepAliveMonitor(config.keepAlive(), this::randomMessageId);
    }

    /** Creates the DTLS server role and starts the clock; the socket is opened by the caller. */
    void start(EventLoop eventLoop, ConnectorSink connectorSink) {
        this.sink = connectorSink;
        this.crypto = new CryptoContext(config.random());
        this.originNanos = eventLoop.nanoTime();
        this.server = new DtlsServer(config.dtls(), crypto, dtlsMetrics, 0);
        this.loop = eventLoop;
    }

    /** The engines' time: milliseconds since {@link #start}. */
    long nowMillis() {
        return toMillis(loop.nanoTime());
    }

    long toMillis(long nanos) {
        return (nanos - originNanos) / NANOS_PER_MILLI;
    }

    long toNanos(long millis) {
        return originNanos + millis * NANOS_PER_MILLI;
    }

    /** The peer of the established session with {@code address}, ours as client first; null when none. */
    SecurePeer establishedPeer(InetSocketAddress address) {
        ClientConnection client = clients.get(address);
        if (client != null && client.session != null) {
            return client.session.peer;
        }
        SessionState served = serverSessions.get(address);
        return served != null ? served.peer : null;
    }

    void transmit(InetSocketAddress to, byte[] datagram) {
        UdpChannel udp = channel;
        if (udp != null) {
            udp.send(to, datagram, 0, datagram.length);
        }
    }

    private int randomMessageId() {
        byte[] bytes = crypto.random().nextBytes(2);
        return (bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF);
    }
}
