package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.messaging.DeduplicationCache;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The sans-IO CoAP message and exchange layers (RFC 7252 sections 4 and 5) for one event loop.
 *
 * <p>Inputs: datagrams or decoded messages from a {@link Peer} ({@link #receive}), responses from
 * the server side ({@link #respond}), client calls ({@link #request}, {@link #ping}, {@link #cancel})
 * and the passing of time ({@link #tick}). Outputs go to the {@link EngineOutput} (datagrams to send,
 * requests to serve) and to each request's {@link ResponseListener}; {@link #nextDeadline()} says
 * when to call {@link #tick} again. The engine owns no socket, thread or clock: every method takes
 * {@code nowNanos}, and it must be called from one thread only. Callbacks are invoked after the
 * engine's state is consistent, so they may call back into the engine.
 *
 * <p>This class checks the callers' arguments and wires the parts, each with one job:
 * {@code InboundDispatcher} (what an inbound message is and who takes it), {@code ServerExchanges},
 * {@code ClientExchanges}, {@code Retransmitter} (matching ACK/RST, back-off), {@code PeerTable}
 * (message IDs, NSTART state) and {@code Outbound}.
 */
public final class CoapEngine {
    private final Outbound outbound;
    private final TimerQueue timers = new TimerQueue();
    private final DeduplicationCache<ServerExchange> deduplication;
    private final PeerTable peers;
    private final Retransmitter retransmitter;
    private final ServerExchanges server;
    private final ClientExchanges client;
    private final InboundDispatcher inbound;

    public CoapEngine(EngineConfig config, EngineOutput output, RandomGenerator random) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(random, "random");
        this.outbound = new Outbound(Objects.requireNonNull(output, "output"));
        this.deduplication = new DeduplicationCache<>(config.transmission(), config.maxDeduplicationEntries(),
                config.peersCanBeLost());
        this.peers = new PeerTable(random, config.maxPeers(), config.transmission().exchangeLifetime().toNanos());
        this.retransmitter = new Retransmitter(config, timers, outbound, random);
        this.server = new ServerExchanges(config, outbound, timers, retransmitter, peers);
        this.client = new ClientExchanges(config, outbound, timers, retransmitter, peers, random);
        this.inbound = new InboundDispatcher(outbound, deduplication, retransmitter, server, client);
    }

    // ------------------------------------------------------------------------------------------ input

    /**
     * A datagram arrived from {@code from}. Malformed: an RST when the message layer requires one
     * (a malformed CON, section 4.2), silence otherwise (including a version other than 1).
     */
    public void receive(Peer from, byte[] data, int offset, int length, long nowNanos) {
        Objects.requireNonNull(from, "from");
        inbound.receive(from, data, offset, length, nowNanos);
    }

    /** A decoded message arrived from {@code from}. */
    public void receive(Peer from, Message message, long nowNanos) {
        Objects.requireNonNull(from, "from");
        inbound.receive(from, message, nowNanos);
    }

    // --------------------------------------------------------------------------------- server side

    /**
     * Answers {@code exchange}. Within {@link EngineOutput#requestReceived} (or before the
     * separate-response threshold) a CON request gets a piggybacked ACK; later, the empty ACK has
     * gone out and the response becomes a separate CON; a NON request gets a NON response
     * (section 5.2). A second response to the same exchange is ignored; returns whether it was sent.
     */
    public boolean respond(ServerExchange exchange, CoapResponse response, long nowNanos) {
        Objects.requireNonNull(response, "response");
        return server.respond(exchange, response, nowNanos);
    }

    // --------------------------------------------------------------------------------- client side

    /**
     * Sends a request to {@code peer}: {@code request} supplies type (CON or NON), method, options and
     * payload; the engine assigns the message ID and, when the request's token is empty, a fresh
     * random token. Waits behind NSTART when the peer already has that many outstanding
     * interactions (section 4.7). {@code listener} hears exactly once: the response, or a failure
     * after {@code timeoutNanos} at the latest.
     */
    public ClientExchange request(Peer peer, Message request, long timeoutNanos, ResponseListener listener,
                                  long nowNanos) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(listener, "listener");
        requireOpen();
        if (!request.isRequest()) {
            throw new IllegalArgumentException("not a request code: " + request.code());
        }
        if (request.type() != MessageType.CON && request.type() != MessageType.NON) {
            throw new IllegalArgumentException("a request is sent as CON or NON, not " + request.type());
        }
        requirePositive(timeoutNanos);
        return client.request(peer, request, timeoutNanos, listener, nowNanos);
    }

    /**
     * Sends a CoAP ping, an empty CON (section 4.3): the peer's RST (or empty ACK) is the
     * "response"; no answer within {@code timeoutNanos} or MAX_TRANSMIT_WAIT fails with TIMEOUT.
     */
    public ClientExchange ping(Peer peer, long timeoutNanos, ResponseListener listener, long nowNanos) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(listener, "listener");
        requireOpen();
        requirePositive(timeoutNanos);
        return client.ping(peer, timeoutNanos, listener, nowNanos);
    }

    /** Gives up on {@code exchange}; its listener hears CANCELLED. A late response then gets an RST. */
    public void cancel(ClientExchange exchange, long nowNanos) {
        client.fail(exchange, ExchangeFailure.CANCELLED, nowNanos);
    }

    // ------------------------------------------------------------------------------------ time

    /** When {@link #tick} is next due, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        return earliest(earliest(timers.nextDeadline(), deduplication.nextExpiry()), peers.nextExpiry());
    }

    /** Fires due retransmissions and timeouts and forgets expired state. */
    public void tick(long nowNanos) {
        deduplication.expire(nowNanos);
        timers.fireDue(nowNanos);
        peers.expire(nowNanos);
    }

    // ---------------------------------------------------------------------------- lifecycle

    /**
     * The transport lost {@code peer} (e.g. its session closed): its exchanges fail with PEER_LOST.
     * No message can match the peer again, so with {@link EngineConfig#peersCanBeLost} its
     * deduplication entries go now rather than after EXCHANGE_LIFETIME, and with them the last
     * references to the peer (for a DTLS peer: the closed session and its secrets).
     */
    public void peerLost(Peer peer, long nowNanos) {
        client.failAll(peer, peers.find(peer), ExchangeFailure.PEER_LOST, nowNanos);
        retransmitter.forget(peer);
        peers.remove(peer);
        deduplication.forget(peer);
    }

    /** Fails every client exchange with CLOSED and forgets all state; sends nothing more. */
    public void shutdown(long nowNanos) {
        outbound.close();
        client.failAll(null, null, ExchangeFailure.CLOSED, nowNanos);
        timers.clear();
        retransmitter.clear();
        client.clear();
        peers.clear();
        deduplication.clear();
    }

    // --------------------------------------------------------------------------- introspection

    /** Remembered received message IDs (duplicate detection). */
    public int deduplicationEntries() {
        return deduplication.size();
    }

    /** Deduplication entries dropped early because the cache was full. */
    public long deduplicationEvictions() {
        return deduplication.evictions();
    }

    /** Client requests not yet answered (sent or queued), pings excluded. */
    public int pendingRequests() {
        return client.pendingRequests();
    }

    /** Sent messages still matchable by an ACK or RST. */
    public int pendingTransmissions() {
        return retransmitter.size();
    }

    public int peerCount() {
        return peers.size();
    }

    public int scheduledTimers() {
        return timers.size();
    }

    // ============================================================================== internals

    /** The earlier of two deadlines on the wrapping nanosecond clock; {@link Long#MAX_VALUE} means none. */
    private static long earliest(long a, long b) {
        if (a == Long.MAX_VALUE) {
            return b;
        }
        return b == Long.MAX_VALUE || a - b <= 0 ? a : b;
    }

    private void requireOpen() {
        if (outbound.closed()) {
            throw new IllegalStateException("the CoAP engine is shut down");
        }
    }

    private static void requirePositive(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeoutNanos + " ns");
        }
    }
}
