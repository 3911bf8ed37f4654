package io.coaps4j.bench.loadgen;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One generator thread: a selector over its clients' channels. Each client keeps exactly one confirmable
 * GET outstanding; a response sends the next request at once, a silence longer than the resend timeout
 * retransmits the same message (same message ID, so the server's deduplication answers it, RFC 7252
 * section 4.2). Nothing is allocated per request.
 */
final class GeneratorLoop implements Runnable {
    private static final int TYPE_CON = 0;
    private static final int TYPE_NON = 1;
    private static final int TYPE_ACK = 2;
    private static final int TYPE_RST = 3;
    private static final int RESPONSE_CLASS_SUCCESS = 2;
    private static final long SELECT_TIMEOUT_MS = 5;
    /** A separate response that never comes is given up after this many resend timeouts. */
    private static final int SEPARATE_RESPONSE_PATIENCE = 20;

    private final List<ClientSlot> slots;
    private final Selector selector;
    private final RunPhase phase;
    private final ClientTransport.Factory transportFactory;
    private final InetSocketAddress server;
    private final long resendTimeoutNanos;
    private final long scanIntervalNanos;
    private final SplittableRandom random;
    private final ByteBuffer received = ByteBuffer.allocateDirect(2048);
    private final ByteBuffer emptyAck = ByteBuffer.allocateDirect(4);
    private final ArrayDeque<ClientSlot> toMoveEndpoint = new ArrayDeque<>();

    /** Counters of the measured window; read by the coordinator after the thread ended. */
    final LatencyHistogram latencies = new LatencyHistogram();
    long successes;
    long failures;
    long retransmissions;
    long staleDatagrams;
    long sendErrors;
    long abandoned;
    long endpointsMoved;
    volatile Throwable crash;

    GeneratorLoop(List<ClientSlot> slots, Selector selector, RunPhase phase, ClientTransport.Factory transportFactory,
                  InetSocketAddress server, Duration resendTimeout, long seed) {
        this.slots = slots;
        this.selector = selector;
        this.phase = phase;
        this.transportFactory = transportFactory;
        this.server = server;
        this.resendTimeoutNanos = resendTimeout.toNanos();
        this.scanIntervalNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), resendTimeoutNanos / 10);
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            for (ClientSlot slot : slots) {
                sendNext(slot, now);
            }
            long nextScan = now + scanIntervalNanos;
            while (!phase.done()) {
                selector.select(this::onReadable, SELECT_TIMEOUT_MS);
                moveExhaustedEndpoints();
                now = System.nanoTime();
                if (now - nextScan >= 0) {
                    resendOverdue(now);
                    nextScan = now + scanIntervalNanos;
                }
            }
        } catch (Throwable t) {
            crash = t;
        }
    }

    private void onReadable(SelectionKey key) {
        ClientSlot slot = (ClientSlot) key.attachment();
        if (slot.transport.channel() != key.channel()) {
            return; // a datagram for an endpoint the client already left
        }
        try {
            while (true) {
                received.clear();
                int outcome = slot.transport.receive(received);
                if (outcome == ClientTransport.NOTHING_WAITING) {
                    return;
                }
                if (outcome == ClientTransport.MESSAGE) {
                    onMessage(slot, received, System.nanoTime());
                }
            }
        } catch (IOException e) {
            // ICMP port unreachable and the like: the resend timer retries.
            if (phase.measuring()) {
                sendErrors++;
            }
        }
    }

    private void onMessage(ClientSlot slot, ByteBuffer message, long now) throws IOException {
        if (message.limit() < 4 || (message.get(0) & 0xff) >>> 6 != 1) {
            countStale();
            return;
        }
        int first = message.get(0) & 0xff;
        int type = first >>> 4 & 3;
        int tokenLength = first & 0x0f;
        int code = message.get(1) & 0xff;
        int messageId = message.getShort(2) & 0xffff;
        switch (type) {
            case TYPE_ACK:
                if (!slot.outstanding || messageId != slot.messageId) {
                    countStale();
                } else if (code == 0) {
                    slot.awaitingSeparate = true;
                } else if (RequestTemplate.tokenMatches(message, tokenLength, slot.token)) {
                    complete(slot, code, now);
                } else {
                    countStale();
                }
                break;
            case TYPE_RST:
                if (slot.outstanding && messageId == slot.messageId) {
                    complete(slot, 0, now);
                } else {
                    countStale();
                }
                break;
            case TYPE_CON:
            case TYPE_NON:
                if (type == TYPE_CON) {
                    acknowledge(slot, messageId); // stop the server retransmitting, section 4.2
                }
                if (code >= 64 && slot.outstanding && RequestTemplate.tokenMatches(message, tokenLength, slot.token)) {
                    complete(slot, code, now);
                } else {
                    countStale();
                }
                break;
            default:
                throw new IllegalStateException("2-bit type " + type);
        }
    }

    private void complete(ClientSlot slot, int code, long now) throws IOException {
        slot.outstanding = false;
        if (phase.measuring()) {
            latencies.record(now - slot.firstSentNanos);
            if (code >>> 5 == RESPONSE_CLASS_SUCCESS) {
                successes++;
            } else {
                failures++;
            }
        }
        continueWithNext(slot, now);
    }

    private void continueWithNext(ClientSlot slot, long now) throws IOException {
        if (slot.endpointExhausted()) {
            toMoveEndpoint.add(slot); // moved after the select pass, not while its keys are being iterated
        } else {
            sendNext(slot, now);
        }
    }

    private void sendNext(ClientSlot slot, long now) throws IOException {
        slot.messageId = (slot.messageId + 1) & 0xffff;
        slot.token++;
        slot.sentOnEndpoint++;
        RequestTemplate.patch(slot.request, slot.messageId, slot.token);
        slot.firstSentNanos = now;
        slot.lastSentNanos = now;
        slot.outstanding = true;
        slot.awaitingSeparate = false;
        transmit(slot);
    }

    private void transmit(ClientSlot slot) {
        slot.request.rewind();
        try {
            slot.transport.send(slot.request);
        } catch (IOException e) {
            if (phase.measuring()) {
                sendErrors++;
            }
        }
    }

    private void acknowledge(ClientSlot slot, int messageId) {
        emptyAck.clear();
        emptyAck.put((byte) (1 << 6 | TYPE_ACK << 4)).put((byte) 0).putShort((short) messageId).flip();
        try {
            slot.transport.send(emptyAck);
        } catch (IOException e) {
            if (phase.measuring()) {
                sendErrors++;
            }
        }
    }

    private void resendOverdue(long now) throws IOException {
        for (ClientSlot slot : slots) {
            if (!slot.outstanding) {
                continue;
            }
            long silent = now - slot.lastSentNanos;
            if (slot.awaitingSeparate) {
                if (silent >= SEPARATE_RESPONSE_PATIENCE * resendTimeoutNanos) {
                    if (phase.measuring()) {
                        abandoned++;
                    }
                    slot.outstanding = false;
                    continueWithNext(slot, now);
                }
            } else if (silent >= resendTimeoutNanos) {
                if (phase.measuring()) {
                    retransmissions++;
                }
                slot.lastSentNanos = now;
                transmit(slot);
            }
        }
    }

    /** A client that used all message IDs of its endpoint continues from a new source port. */
    private void moveExhaustedEndpoints() throws IOException {
        ClientSlot slot;
        while ((slot = toMoveEndpoint.poll()) != null) {
            ClientTransport old = slot.transport;
            ClientTransport fresh = transportFactory.open(server);
            fresh.connect(Duration.ofSeconds(5));
            fresh.channel().register(selector, SelectionKey.OP_READ, slot);
            old.close();
            slot.useEndpoint(fresh, random.nextInt(1 << 16));
            endpointsMoved++;
            sendNext(slot, System.nanoTime());
        }
    }

    private void countStale() {
        if (phase.measuring()) {
            staleDatagrams++;
        }
    }
}
