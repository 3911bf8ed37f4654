package io.coaps4j.bench.loadgen;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskPeer;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.ClientSessionCache;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsResult;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * CoAP over DTLS 1.2 (RFC 7252 section 9) for the load generator, on the project's sans-IO DTLS client
 * ({@link DtlsConnection}): one connected datagram channel (its own source port) and one DTLS connection
 * per client. {@link #connect} runs the full handshake, cookie exchange included, blocking; afterwards
 * every CoAP message travels in one application-data record.
 *
 * <p>The crypto context and the metrics of a connection are those of the thread that uses it
 * ({@link CryptoContext} is not thread-safe): a factory serves one thread, and
 * {@link Factory#forOneThread()} gives each generator thread its own.
 */
public final class DtlsClientTransport implements ClientTransport {
    /** A DTLS record carries at most 2^14 bytes of plaintext plus its header and expansion (RFC 6347 4.1). */
    private static final int MAX_DATAGRAM = (1 << 14) + 2048;

    private final DatagramChannel channel;
    private final DtlsConnection connection;
    private final ThreadState thread;
    /** CoAP messages that arrived in the same datagram as an earlier one, delivered by later receive calls. */
    private ArrayDeque<byte[]> pending;
    private String failure;
    /** How the connection failed or closed, without the detail text: for counting failures by kind. */
    private String failureKind;

    private DtlsClientTransport(DatagramChannel channel, DtlsConnection connection, ThreadState thread) {
        this.channel = channel;
        this.connection = connection;
        this.thread = thread;
    }

    /**
     * A client configuration with one PSK for every port of {@code server}, offering only
     * TLS_PSK_WITH_AES_128_CCM_8 (the default suite list of {@link DtlsConfig}).
     */
    public static DtlsConfig pskConfig(InetAddress server, String identity, byte[] key) {
        return DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add(identity, key, PskPeer.address(server)).build())
                .build();
    }

    /**
     * A client configuration in the RawPublicKey mode with {@code credentials} (our key, the trusted server
     * keys), offering TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 as the mode's credentials pick.
     */
    public static DtlsConfig rpkConfig(RawPublicKeyCredentials credentials) {
        return DtlsConfig.builder().credentials(credentials).build();
    }

    /** A factory of transports using {@code config}; it and its transports serve one thread at a time. */
    public static DtlsFactory factory(DtlsConfig config) {
        return new DtlsFactory(config);
    }

    /** The DTLS clock: monotonic nanoseconds, as the engine's deadlines are. */
    static long nowNanos() {
        return System.nanoTime();
    }

    /** The connection, for callers that look at its state (e.g. whether it is still established). */
    public DtlsConnection connection() {
        return connection;
    }

    /** How the connection failed or was closed (origin and alert, or close reason), or empty while it is fine. */
    public Optional<String> failureKind() {
        return Optional.ofNullable(failureKind);
    }

    @Override
    public void connect(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        channel.configureBlocking(true);
        try {
            handle(connection.start(nowNanos()));
            DatagramPacket packet = new DatagramPacket(thread.inbound, thread.inbound.length);
            while (connection.isHandshaking()) {
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    throw new IOException("DTLS handshake with " + connection.peer() + " did not complete within " + timeout);
                }
                long waitMillis = TimeUnit.NANOSECONDS.toMillis(Math.min(deadline - now,
                        connection.nextDeadline() - nowNanos()));
                channel.socket().setSoTimeout((int) Math.max(1, Math.min(waitMillis, Integer.MAX_VALUE)));
                try {
                    packet.setLength(thread.inbound.length);
                    channel.socket().receive(packet);
                    handle(connection.receive(thread.inbound, 0, packet.getLength(), nowNanos()));
                } catch (SocketTimeoutException e) {
                    handle(connection.onTimer(nowNanos()));
                }
            }
            if (connection.status() != DtlsConnection.Status.ESTABLISHED) {
                throw new IOException("DTLS handshake with " + connection.peer() + " failed: "
                        + (failure != null ? failure : connection.status()));
            }
        } finally {
            if (channel.isOpen()) {
                channel.socket().setSoTimeout(0);
                channel.configureBlocking(false);
            }
        }
    }

    /**
     * Blocks up to {@code timeout} for the next CoAP message and leaves it between position 0 and the limit
     * of {@code coapOut} (cleared by the caller); false when none came in time.
     *
     * @throws IOException when the connection failed or closed, or the socket did
     */
    public boolean awaitMessage(ByteBuffer coapOut, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (pending != null && !pending.isEmpty()) {
            coapOut.put(pending.poll()).flip();
            return true;
        }
        channel.configureBlocking(true);
        try {
            DatagramPacket packet = new DatagramPacket(thread.inbound, thread.inbound.length);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                channel.socket().setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                try {
                    packet.setLength(thread.inbound.length);
                    channel.socket().receive(packet);
                } catch (SocketTimeoutException e) {
                    return false;
                }
                handle(connection.receive(thread.inbound, 0, packet.getLength(), nowNanos()));
                if (pending != null && !pending.isEmpty()) {
                    coapOut.put(pending.poll()).flip();
                    return true;
                }
                if (connection.status() != DtlsConnection.Status.ESTABLISHED) {
                    throw new IOException("DTLS connection to " + connection.peer() + " ended: " + failure);
                }
            }
        } finally {
            if (channel.isOpen()) {
                channel.socket().setSoTimeout(0);
                channel.configureBlocking(false);
            }
        }
    }

    @Override
    public SelectableChannel channel() {
        return channel;
    }

    @Override
    public void send(ByteBuffer coapMessage) throws IOException {
        if (connection.status() != DtlsConnection.Status.ESTABLISHED) {
            throw new IOException("DTLS connection to " + connection.peer() + " is " + connection.status()
                    + (failure != null ? ": " + failure : ""));
        }
        int length = coapMessage.remaining();
        coapMessage.get(thread.outbound, 0, length);
        long now = nowNanos();
        if (now >= connection.nextDeadline()) {
            handle(connection.onTimer(now)); // releases the retained last flight once it is due
        }
        handle(connection.send(thread.outbound, 0, length, now));
    }

    @Override
    public int receive(ByteBuffer coapOut) throws IOException {
        if (pending != null && !pending.isEmpty()) {
            coapOut.put(pending.poll()).flip();
            return MESSAGE;
        }
        ByteBuffer in = thread.inboundBuffer;
        in.clear();
        int read = channel.read(in);
        if (read <= 0) {
            return NOTHING_WAITING;
        }
        handle(connection.receive(thread.inbound, 0, read, nowNanos()));
        if (pending == null || pending.isEmpty()) {
            return NO_MESSAGE;
        }
        coapOut.put(pending.poll()).flip();
        return MESSAGE;
    }

    /** Sends close_notify (RFC 5246 section 7.2.1) if the connection is open, then closes the channel. */
    @Override
    public void close() throws IOException {
        try {
            closeNotify();
        } finally {
            channel.close();
        }
    }

    /**
     * Sends close_notify if the connection is open but keeps the socket bound, so that the port is not
     * handed to a new client while the server's answer to it may still be on its way; {@link #abandon()}
     * releases it later.
     */
    public void closeNotify() throws IOException {
        if (channel.isOpen() && !channel.isBlocking()
                && (connection.status() == DtlsConnection.Status.ESTABLISHED || connection.isHandshaking())) {
            handle(connection.close(nowNanos()));
        }
    }

    /** Closes the channel without close_notify: the server keeps the session as if the client went quiet. */
    public void abandon() throws IOException {
        channel.close();
    }

    private void handle(DtlsResult result) throws IOException {
        List<byte[]> datagrams = result.datagrams();
        for (int i = 0; i < datagrams.size(); i++) {
            channel.write(ByteBuffer.wrap(datagrams.get(i)));
        }
        List<DtlsEvent> events = result.events();
        for (int i = 0; i < events.size(); i++) {
            DtlsEvent event = events.get(i);
            if (event instanceof DtlsEvent.ApplicationData data) {
                if (pending == null) {
                    pending = new ArrayDeque<>(2);
                }
                pending.add(data.data());
            } else if (event instanceof DtlsEvent.Failed failed) {
                failureKind = failed.origin() + failed.alert().map(a -> " " + a).orElse("");
                failure = failureKind + ": " + failed.detail();
            } else if (event instanceof DtlsEvent.Closed closed) {
                failureKind = "closed: " + closed.reason();
                failure = failureKind;
            }
        }
    }

    /** What the transports of one thread share: its crypto context, metrics and datagram buffers. */
    private static final class ThreadState {
        final CryptoContext crypto = CryptoContext.create();
        final DtlsMetrics metrics = new DtlsMetrics();
        final byte[] inbound = new byte[MAX_DATAGRAM];
        final ByteBuffer inboundBuffer = ByteBuffer.wrap(inbound);
        final byte[] outbound = new byte[1 << 14];
    }

    /** Opens DTLS transports for one thread: they share its crypto context, metrics and buffers. */
    public static final class DtlsFactory implements Factory {
        private final DtlsConfig config;
        private final boolean resuming;
        private final ThreadState thread = new ThreadState();
        /** With {@link #resuming()}: this thread's sessions per server, offered by each new connection. */
        private final ClientSessionCache sessions;

        private DtlsFactory(DtlsConfig config) {
            this(config, false);
        }

        private DtlsFactory(DtlsConfig config, boolean resuming) {
            this.config = config;
            this.resuming = resuming;
            this.sessions = resuming ? new ClientSessionCache(config) : null;
        }

        /**
         * A factory whose connections offer the session of the thread's last full handshake with the same server
         * (RFC 5246 section 7.3): after the first, each new connection is an abbreviated handshake if the server
         * resumes it.
         */
        public DtlsFactory resuming() {
            return new DtlsFactory(config, true);
        }

        @Override
        public DtlsClientTransport open(InetSocketAddress server) throws IOException {
            return open(server, server.getAddress().isLoopbackAddress() ? server.getAddress() : null);
        }

        /** A transport to {@code server} from {@code source} (any local address when null) and an ephemeral port. */
        public DtlsClientTransport open(InetSocketAddress server, java.net.InetAddress source) throws IOException {
            DtlsConnection connection = DtlsConnection.client(config, thread.crypto, thread.metrics, server,
                    Optional.empty(), sessions, nowNanos());
            DatagramChannel channel = DatagramChannel.open();
            try {
                channel.bind(new InetSocketAddress(source, 0));
                channel.connect(server);
                channel.configureBlocking(false);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new DtlsClientTransport(channel, connection, thread);
        }

        @Override
        public DtlsFactory forOneThread() {
            return new DtlsFactory(config, resuming);
        }
    }
}
