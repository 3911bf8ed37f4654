package io.coaps4j.bench.loadgen;

import io.coaps4j.bench.ObserveResources;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.dtls.config.DtlsConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Many RFC 7641 observers of one resource, each over a DTLS session of its own (its own source port),
 * served by one thread with a selector: {@link #register} sends each session's GET with Observe 0,
 * {@link #round} has a trigger session POST the resource (the servers' /obs adds one to its count and
 * notifies) and waits until every observer has heard the new count. CON notifications (a server sends
 * one now and then, RFC 7641 section 4.5) are acknowledged, so that no observer is dropped for silence.
 */
public final class ObserverFleet implements AutoCloseable {
    private static final int OPENER_THREADS = 4;
    private static final Duration RESEND = Duration.ofMillis(500);

    private final IdleSessions sessions;
    private final DtlsClientTransport trigger;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 14);
    private final ByteBuffer ack = ByteBuffer.allocate(4);
    /** The count each observer heard last; -1 before its registration was answered. */
    private final long[] heard;
    private int registered;
    private int nextMessageId = 1;
    private long staleOrOther;
    /** The count the current round waits for, and how many observers heard it so far (kept as they arrive). */
    private long target = Long.MAX_VALUE;
    private int reached;

    private ObserverFleet(IdleSessions sessions, DtlsClientTransport trigger, Selector selector) {
        this.sessions = sessions;
        this.trigger = trigger;
        this.selector = selector;
        this.heard = new long[sessions.established()];
        java.util.Arrays.fill(heard, -1);
    }

    /**
     * Opens {@code count} sessions to {@code server} (handshake and one GET /hello each, see
     * {@link IdleSessions}) and one more for the trigger; none observes yet.
     */
    public static ObserverFleet open(InetSocketAddress server, DtlsConfig config, int count, Duration handshakeTimeout)
            throws IOException, InterruptedException {
        IdleSessions sessions = IdleSessions.open(server, config, count, OPENER_THREADS, handshakeTimeout);
        DtlsClientTransport trigger = null;
        Selector selector = null;
        try {
            trigger = DtlsClientTransport.factory(config).open(server);
            trigger.connect(handshakeTimeout);
            selector = Selector.open();
            List<DtlsClientTransport> all = sessions.sessions();
            for (int i = 0; i < all.size(); i++) {
                all.get(i).channel().register(selector, SelectionKey.OP_READ, i);
            }
            return new ObserverFleet(sessions, trigger, selector);
        } catch (IOException | RuntimeException e) {
            sessions.close();
            if (trigger != null) {
                trigger.abandon();
            }
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    /** Sessions opened (observers once registered). */
    public int sessions() {
        return heard.length;
    }

    /** Sessions whose handshake or first GET failed. */
    public long failedSessions() {
        return sessions.failed();
    }

    /** Observers whose registration was answered with Observe. */
    public int registered() {
        return registered;
    }

    /** Messages that were neither a registration's answer nor a fresh notification (e.g. an older count). */
    public long staleOrOther() {
        return staleOrOther;
    }

    /**
     * Sends every session's CON GET /obs with Observe 0 (token: the session's index) and waits up to
     * {@code timeout} for the answers; sessions are re-asked after each silent {@link #RESEND}. Returns
     * the observers registered.
     */
    public int register(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<DtlsClientTransport> all = sessions.sessions();
        while (registered < all.size() && System.nanoTime() < deadline) {
            for (int i = 0; i < all.size(); i++) {
                if (heard[i] < 0) {
                    ByteBuffer get = ByteBuffer.wrap(MessageCodec.encode(registration(), MessageType.CON,
                            nextMessageId(), token(i)));
                    all.get(i).send(get);
                }
            }
            receiveUntil(Math.min(deadline, System.nanoTime() + RESEND.toNanos()), () -> registered == all.size());
        }
        return registered;
    }

    /**
     * One change of the resource: the trigger POSTs it and this waits until every registered observer
     * heard count {@code count} or {@code timeout} passed. Returns the observers that heard it.
     */
    public int round(long count, Duration timeout) throws IOException {
        Message post = Message.builder().type(MessageType.CON).code(Code.POST)
                .option(Option.ofString(OptionNumber.URI_PATH, ObserveResources.OBSERVED)).build();
        trigger.send(ByteBuffer.wrap(MessageCodec.encode(post, MessageType.CON, nextMessageId(), Token.EMPTY)));
        long deadline = System.nanoTime() + timeout.toNanos();
        target = count;
        reached = countAt(count);
        receiveUntil(deadline, () -> reached >= registered);
        drainTrigger();
        target = Long.MAX_VALUE;
        return reached;
    }

    private int countAt(long count) {
        int n = 0;
        for (long value : heard) {
            if (value >= count) {
                n++;
            }
        }
        return n;
    }

    private void receiveUntil(long deadlineNanos, java.util.function.BooleanSupplier done) throws IOException {
        List<DtlsClientTransport> all = sessions.sessions();
        while (!done.getAsBoolean()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (selector.select(Math.max(1, left / 1_000_000)) == 0) {
                continue;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                int index = (Integer) key.attachment();
                DtlsClientTransport session = all.get(index);
                while (true) {
                    buffer.clear();
                    int status;
                    try {
                        status = session.receive(buffer);
                    } catch (IOException e) {
                        key.cancel(); // the session failed: it counts as not hearing
                        break;
                    }
                    if (status == ClientTransport.NOTHING_WAITING) {
                        break;
                    }
                    if (status == ClientTransport.MESSAGE) {
                        handle(index, session);
                    }
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void handle(int index, DtlsClientTransport session) throws IOException {
        Message message;
        try {
            message = MessageCodec.decode(buffer.array(), 0, buffer.limit());
        } catch (MessageFormatException e) {
            staleOrOther++;
            return;
        }
        if (message.type() == MessageType.CON) {
            ack.clear();
            ack.put((byte) 0x60).put((byte) 0).putShort((short) message.messageId()).flip();
            session.send(ack); // RFC 7641 section 4.5: a CON notification is acknowledged
        }
        if (!message.code().isSuccess() || message.observe().isEmpty()) {
            staleOrOther++;
            return;
        }
        String payload = new String(message.payload(), StandardCharsets.US_ASCII);
        long count = payload.startsWith(ObserveResources.COUNT_PREFIX)
                ? Long.parseLong(payload.substring(ObserveResources.COUNT_PREFIX.length())) : -1;
        if (heard[index] < 0) {
            registered++;
        }
        if (count > heard[index]) {
            if (heard[index] < target && count >= target) {
                reached++;
            }
            heard[index] = count;
        } else {
            staleOrOther++;
        }
    }

    /** The trigger's POST responses: read and dropped, so its socket does not fill up. */
    private void drainTrigger() throws IOException {
        buffer.clear();
        while (trigger.receive(buffer) != ClientTransport.NOTHING_WAITING) {
            buffer.clear();
        }
    }

    private static Message registration() {
        return Message.builder().type(MessageType.CON).code(Code.GET)
                .option(Option.ofString(OptionNumber.URI_PATH, ObserveResources.OBSERVED))
                .option(Option.ofUint(OptionNumber.OBSERVE, 0)).build();
    }

    private int nextMessageId() {
        int id = nextMessageId;
        nextMessageId = (nextMessageId + 1) & 0xFFFF;
        return id;
    }

    private static Token token(int index) {
        return Token.of(new byte[] {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index});
    }

    /** Closes every socket without close_notify or deregistration: the servers are stopped next. */
    @Override
    public void close() throws IOException {
        selector.close();
        sessions.close();
        trigger.abandon();
    }
}
