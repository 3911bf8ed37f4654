package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.cookie.CookieSecrets;
import io.coaps4j.dtls.cookie.StatelessCookies;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.HelloVerifyRequest;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.ProtocolVersion;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.RecordCodec;
import io.coaps4j.dtls.record.SecurityAssociation;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The server side of DTLS for one socket, without I/O: it routes each datagram to the connection of
 * its source address and owns the admission of new clients.
 *
 * <p>Cookies before state (RFC 6347 section 4.2.1): a ClientHello from an unknown address is
 * answered with a HelloVerifyRequest computed from the hello and the address alone, never larger
 * than the hello, and nothing is stored. Only a hello with a valid cookie creates a connection, and
 * only while fewer than {@code maxConcurrentHandshakes} handshakes and {@code maxConnections}
 * connections exist. A valid hello with a new random from the address of an existing connection is
 * a new handshake of a client that lost its state (section 4.2.8): the cookie exchange proved the
 * client reachable, so the old connection is replaced.
 *
 * <p>Connections that fail or close are removed at once; nothing of them is kept. Not thread-safe:
 * one event loop owns a server and calls it with that loop's {@link CryptoContext}.
 */
public final class DtlsServer {
    private static final int HANDSHAKE_RECORD_HEADER = Record.HEADER_LENGTH;

    private final DtlsConfig config;
    private final CryptoContext crypto;
    private final DtlsMetrics metrics;
    private final StatelessCookies cookies;
    private final Map<InetSocketAddress, Slot> connections = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private int handshakes;

    /** A datagram for {@code to}. */
    public record Outbound(InetSocketAddress to, byte[] datagram) {
        public Outbound {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(datagram, "datagram");
        }
    }

    /** An event of the connection with {@code peer}. */
    public record PeerEvent(InetSocketAddress peer, DtlsEvent event) {
        public PeerEvent {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(event, "event");
        }
    }

    /** What one call produced: datagrams, events in order, and when {@link #onTimer} is next due. */
    public record Result(List<Outbound> datagrams, List<PeerEvent> events, long nextDeadline) {
        public Result {
            datagrams = List.copyOf(datagrams);
            events = List.copyOf(events);
        }
    }

    public DtlsServer(DtlsConfig config, CryptoContext crypto, DtlsMetrics metrics, long now) {
        this.config = Objects.requireNonNull(config, "config");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.cookies = new StatelessCookies(new CookieSecrets(crypto.random(), config.cookieRotationPeriodMillis(), now));
    }

    public DtlsMetrics metrics() {
        return metrics;
    }

    /** Connections held, handshaking or established. */
    public int connectionCount() {
        return connections.size();
    }

    /** Connections still in their handshake. */
    public int handshakeCount() {
        return handshakes;
    }

    /** The session established with {@code peer}, if any. */
    public Optional<DtlsSession> session(InetSocketAddress peer) {
        Slot slot = connections.get(peer);
        return slot == null || slot.connection.status() != DtlsConnection.Status.ESTABLISHED
                ? Optional.empty() : slot.connection.session();
    }

    /** The connection with {@code peer}, for tests in this package. */
    Optional<DtlsConnection> connection(InetSocketAddress peer) {
        Slot slot = connections.get(peer);
        return slot == null ? Optional.empty() : Optional.of(slot.connection);
    }

    /** Processes one datagram from {@code from}. */
    public Result receive(InetSocketAddress from, byte[] datagram, int offset, int length, long now) {
        Objects.requireNonNull(from, "from");
        Objects.checkFromIndexSize(offset, length, datagram.length);
        Collector out = new Collector();
        Slot slot = connections.get(from);
        Optional<Hello> hello = startsWithClientHello(datagram, offset, length)
                ? parseHello(datagram, offset, length) : Optional.empty();
        if (slot != null && (hello.isEmpty() || slot.connection.startedBy(hello.get().hello.random()))) {
            call(slot, out, slot.connection.receive(datagram, offset, length, now));
        } else if (hello.isPresent()) {
            admit(from, hello.get(), datagram, offset, length, now, out);
        } else {
            metrics.handshakeDropped(HandshakeDropReason.NO_CONNECTION);
        }
        return out.result(nextDeadline());
    }

    public Result receive(InetSocketAddress from, byte[] datagram, long now) {
        return receive(from, datagram, 0, datagram.length, now);
    }

    /**
     * Sends application data to the established connection with {@code to}.
     *
     * @throws IllegalStateException when there is no established connection with {@code to}
     */
    public Result send(InetSocketAddress to, byte[] data, int offset, int length, long now) {
        Slot slot = connections.get(to);
        if (slot == null) {
            throw new IllegalStateException("no connection with " + to);
        }
        Collector out = new Collector();
        call(slot, out, slot.connection.send(data, offset, length, now));
        return out.result(nextDeadline());
    }

    public Result send(InetSocketAddress to, byte[] data, long now) {
        return send(to, data, 0, data.length, now);
    }

    /** Closes the connection with {@code peer} (close_notify), if there is one. */
    public Result close(InetSocketAddress peer, long now) {
        Collector out = new Collector();
        Slot slot = connections.get(peer);
        if (slot != null) {
            call(slot, out, slot.connection.close(now));
        }
        return out.result(nextDeadline());
    }

    /** Runs the timers due at {@code now}. */
    public Result onTimer(long now) {
        Collector out = new Collector();
        while (!timers.isEmpty() && timers.peek().deadline <= now) {
            Timer timer = timers.poll();
            if (timer.isCurrent()) {
                timer.slot.scheduled = DtlsResult.NO_DEADLINE;
                call(timer.slot, out, timer.slot.connection.onTimer(now));
            }
        }
        return out.result(nextDeadline());
    }

    /** When {@link #onTimer} is next due, or {@link DtlsResult#NO_DEADLINE}. */
    public long nextDeadline() {
        while (!timers.isEmpty() && !timers.peek().isCurrent()) {
            timers.poll();
        }
        return timers.isEmpty() ? DtlsResult.NO_DEADLINE : timers.peek().deadline;
    }

    /** A ClientHello to admit: either answered statelessly or turned into a connection. */
    private void admit(InetSocketAddress from, Hello hello, byte[] datagram, int offset, int length, long now,
                       Collector out) {
        if (!cookies.isValid(crypto.hmacSha256(), from, hello.hello, now)) {
            sendHelloVerifyRequest(from, hello, length, now, out);
            return;
        }
        Slot existing = connections.get(from);
        if (handshakes >= config.maxConcurrentHandshakes()
                || (existing == null && connections.size() >= config.maxConnections())) {
            metrics.handshakeDropped(HandshakeDropReason.CONNECTION_LIMIT);
            return;
        }
        if (existing != null) {
            call(existing, out, existing.connection.replaced(now));
        }
        DtlsConnection connection = DtlsConnection.server(config, crypto, metrics, from, hello.messageSeq,
                hello.recordSeq, hello.hello.random());
        Slot slot = new Slot(connection);
        connections.put(from, slot);
        handshakes++;
        call(slot, out, connection.receive(datagram, offset, length, now));
    }

    /**
     * Answers statelessly (RFC 6347 section 4.2.1): DTLS 1.0 in the body as the RFC recommends, the
     * hello's record sequence number and message_seq mirrored, and never more bytes than the hello
     * had, so a spoofed hello cannot make the server an amplifier.
     */
    private void sendHelloVerifyRequest(InetSocketAddress from, Hello hello, int receivedLength, long now,
                                        Collector out) {
        byte[] cookie = cookies.cookieFor(crypto.hmacSha256(), from, hello.hello, now);
        HelloVerifyRequest request = new HelloVerifyRequest(ProtocolVersion.DTLS_1_0, cookie);
        byte[] fragment = HandshakeFragment.whole(HandshakeType.HELLO_VERIFY_REQUEST.code(), hello.messageSeq,
                request.encodeBody()).encode();
        SecurityAssociation stateless = SecurityAssociation.plaintext(hello.recordSeq);
        if (stateless.protectedLength(fragment.length) > receivedLength) {
            metrics.handshakeDropped(HandshakeDropReason.TOO_SMALL_FOR_VERIFY_REQUEST);
            return;
        }
        out.datagrams.add(new Outbound(from, stateless.protect(crypto, ContentType.HANDSHAKE, fragment)));
        metrics.handshakeDropped(HandshakeDropReason.COOKIE_MISSING_OR_INVALID);
        metrics.helloVerifyRequestSent();
    }

    /** Hands a connection's output on, and updates the tables for its new status and deadline. */
    private void call(Slot slot, Collector out, DtlsResult result) {
        DtlsConnection connection = slot.connection;
        for (byte[] datagram : result.datagrams()) {
            out.datagrams.add(new Outbound(connection.peer(), datagram));
        }
        for (DtlsEvent event : result.events()) {
            out.events.add(new PeerEvent(connection.peer(), event));
        }
        if (slot.countedAsHandshake && !connection.isHandshaking()) {
            slot.countedAsHandshake = false;
            handshakes--;
        }
        DtlsConnection.Status status = connection.status();
        if (status == DtlsConnection.Status.FAILED || status == DtlsConnection.Status.CLOSED) {
            connections.remove(connection.peer(), slot);
            slot.removed = true;
            return;
        }
        long deadline = connection.nextDeadline();
        if (deadline != slot.scheduled) {
            slot.scheduled = deadline;
            if (deadline != DtlsResult.NO_DEADLINE) {
                timers.add(new Timer(deadline, slot));
            }
        }
    }

    /** Cheap test on the raw bytes: does the datagram start with an epoch-0 handshake record holding a ClientHello? */
    private static boolean startsWithClientHello(byte[] datagram, int offset, int length) {
        return length > HANDSHAKE_RECORD_HEADER
                && datagram[offset] == (byte) ContentType.HANDSHAKE.code()
                && datagram[offset + 3] == 0 && datagram[offset + 4] == 0
                && datagram[offset + HANDSHAKE_RECORD_HEADER] == (byte) HandshakeType.CLIENT_HELLO.code();
    }

    /**
     * The ClientHello of the datagram's first record when it is whole in one fragment, as a
     * stateless server must require: it cannot keep fragments of unverified clients.
     */
    private static Optional<Hello> parseHello(byte[] datagram, int offset, int length) {
        List<Record> records = RecordCodec.decode(datagram, offset, length);
        if (records.isEmpty()) {
            return Optional.empty();
        }
        Record first = records.get(0);
        boolean helloVersion = first.version().equals(ProtocolVersion.DTLS_1_2)
                || first.version().equals(ProtocolVersion.DTLS_1_0);
        if (first.type() != ContentType.HANDSHAKE || first.epoch() != 0 || !helloVersion) {
            return Optional.empty();
        }
        try {
            byte[] plaintext = first.fragment();
            List<HandshakeFragment> fragments = HandshakeFragment.decodeAll(plaintext, 0, plaintext.length);
            HandshakeFragment fragment = fragments.get(0);
            if (fragment.type() != HandshakeType.CLIENT_HELLO.code() || !fragment.isComplete()) {
                return Optional.empty();
            }
            ClientHello hello = ClientHello.decode(fragment.fragmentBytes());
            return Optional.of(new Hello(hello, fragment.messageSeq(), first.sequenceNumber()));
        } catch (DecodeException malformed) {
            return Optional.empty();
        }
    }

    private record Hello(ClientHello hello, int messageSeq, long recordSeq) {
    }

    /** A connection in the table, with the deadline its timer entry was made for. */
    private static final class Slot {
        final DtlsConnection connection;
        long scheduled = DtlsResult.NO_DEADLINE;
        boolean countedAsHandshake = true;
        boolean removed;

        Slot(DtlsConnection connection) {
            this.connection = connection;
        }
    }

    /** A timer entry; stale when the connection was removed or rescheduled since. */
    private record Timer(long deadline, Slot slot) implements Comparable<Timer> {
        boolean isCurrent() {
            return !slot.removed && slot.scheduled == deadline;
        }

        @Override
        public int compareTo(Timer other) {
            return Long.compare(deadline, other.deadline);
        }
    }

    private static final class Collector {
        final List<Outbound> datagrams = new ArrayList<>(2);
        final List<PeerEvent> events = new ArrayList<>(1);

        Result result(long nextDeadline) {
            return new Result(datagrams, events, nextDeadline);
        }
    }
}
