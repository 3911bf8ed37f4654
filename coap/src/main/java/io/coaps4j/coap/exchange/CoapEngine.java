package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.messaging.DeduplicationCache;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;
import java.util.List;
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

    /** An engine with the identity layer stack. */
    public CoapEngine(EngineConfig config, EngineOutput output, RandomGenerator random) {
        this(config, output, random, List.of());
    }

    /**
     * An engine whose messages pass {@code layers} between the exchange and message layers (see
     * {@link MessageLayer}); the first is nearest the application.
     */
    public CoapEngine(EngineConfig config, EngineOutput output, RandomGenerator random, List<MessageLayer> layers) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(random, "random");
        LayerStack stack = new LayerStack(List.copyOf(Objects.requireNonNull(layers, "layers")), this::contextOf);
        this.outbound = new Outbound(Objects.requireNonNull(output, "output"));
        this.deduplication = new DeduplicationCache<>(config.transmission(), config.maxDeduplicationEntries(),
                config.peersCanBeLost());
        this.peers = new PeerTable(random, config.maxPeers(), config.transmission().exchangeLifetime().toNanos());
        this.retransmitter = new Retransmitter(config, timers, outbound, random);
        this.server = new ServerExchanges(config, outbound, timers, retransmitter, peers, stack);
        this.client = new ClientExchanges(config, outbound, timers, retransmitter, peers, random, stack);
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
        return server.respond(exchange, response.template(), false, 0, nowNanos);
    }

    /**
     * Answers {@code exchange} and keeps it open for more responses with the request's token (the
     * shape of RFC 7641 notifications): the first goes as {@link #respond} would send it, each later
     * one as a separate response, CON for a CON request and NON for a NON. The exchange closes with
     * a final {@link #respond}, or when the client rejects a CON response with an RST or never
     * acknowledges it (RFC 7641 sections 3.6, 4.5; see {@link ServerExchange#closed()}). Returns
     * whether the response was sent (false once closed).
     */
    public boolean respondAndKeepOpen(ServerExchange exchange, CoapResponse response, long nowNanos) {
        Objects.requireNonNull(response, "response");
        return server.respond(exchange, response.template(), true, 0, nowNanos);
    }

    // --------------------------------------------------------------------------------- client side

    /**
     * Sends a request to {@code peer}: {@code request} supplies type (CON or NON), method, options and
     * payload; the engine assigns the message ID and, when the request's token is empty, a fresh
     * random token. Waits behind NSTART when the peer already has that many outstanding
     * interactions (section 4.7). {@code listener} hears exactly once: the response, or a failure
     * after {@code timeoutNanos} at the latest.
     *
     * @throws MessageTooLargeException when the request would exceed {@link EngineConfig#maxMessageSize}
     */
    public ClientExchange request(Peer peer, Message request, long timeoutNanos, ResponseListener listener,
                                  long nowNanos) {
        requireRequest(peer, request, timeoutNanos, listener);
        return client.request(peer, request, timeoutNanos, listener, false, 0, nowNanos);
    }

    /**
     * Sends a request whose exchange receives several responses (the shape RFC 7641 Observe needs):
     * {@code listener} hears every response with the request's token from this same peer (by
     * {@code Peer.equals}) until the exchange is {@link #cancel cancelled}, and then CANCELLED; a
     * CON response is acknowledged, and after cancelling one gets an RST (RFC 7252 section 5.3.2,
     * RFC 7641 section 3.6). {@code firstResponseTimeoutNanos} bounds the wait for the first
     * response only; the exchange also ends on an RST, the peer's loss and shutdown. It counts toward
     * NSTART until its first response (section 4.7).
     *
     * @throws MessageTooLargeException when the request would exceed {@link EngineConfig#maxMessageSize}
     */
    public ClientExchange requestMultiResponse(Peer peer, Message request, long firstResponseTimeoutNanos,
                                               ResponseListener listener, long nowNanos) {
        requireRequest(peer, request, firstResponseTimeoutNanos, listener);
        return client.request(peer, request, firstResponseTimeoutNanos, listener, true, 0, nowNanos);
    }

    private void requireRequest(Peer peer, Message request, long timeoutNanos, ResponseListener listener) {
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
        return client.ping(peer, timeoutNanos, 0, 0, listener, nowNanos);
    }

    /**
     * A keep-alive ping for dead-peer detection by a binding: an empty CON with a message ID from
     * this engine's own counter for the peer (so it can never collide with an exchange's), sent
     * after any requests NSTART holds back, first retransmitted after exactly {@code ackTimeoutNanos}
     * and then with the timeout doubled, at most {@code maxRetransmit} times. {@code listener}
     * hears the peer's RST (or empty ACK) as the response, or TIMEOUT when the last wait passed in
     * silence (PEER_LOST, CLOSED, CANCELLED as for any exchange).
     */
    public ClientExchange keepAlivePing(Peer peer, long ackTimeoutNanos, int maxRetransmit, ResponseListener listener,
                                        long nowNanos) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(listener, "listener");
        requireOpen();
        requirePositive(ackTimeoutNanos);
        if (maxRetransmit < 0 || maxRetransmit > 20) {
            throw new IllegalArgumentException("maxRetransmit must be 0..20, was " + maxRetransmit);
        }
        return client.ping(peer, Long.MAX_VALUE, ackTimeoutNanos, maxRetransmit, listener, nowNanos);
    }

    /**
     * Gives up on {@code exchange} (single or multi-response); its listener hears CANCELLED and its
     * token is free. A late CON response then gets an RST.
     */
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

    /** Client requests not yet answered (sent or queued) and open multi-response exchanges, pings excluded. */
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

    /** The context of the layer at {@code index}: what it emits enters the stack next to it. */
    private LayerContext contextOf(int index) {
        return new LayerContext() {
            @Override
            public void respond(ServerExchange exchange, Message response, long nowNanos) {
                Objects.requireNonNull(exchange, "exchange");
                server.respond(exchange, Objects.requireNonNull(response, "response"), false, index + 1, nowNanos);
            }

            @Override
            public void deliverResponse(ClientExchange exchange, Message response, long nowNanos) {
                Objects.requireNonNull(exchange, "exchange");
                client.deliver(exchange, Objects.requireNonNull(response, "response"), index - 1, nowNanos);
            }

            @Override
            public ClientExchange request(Peer peer, Message request, long timeoutNanos, ResponseListener listener,
                                          long nowNanos) {
                requireRequest(peer, request, timeoutNanos, listener);
                return client.request(peer, request, timeoutNanos, listener, false, index + 1, nowNanos);
            }

            @Override
            public void fail(ClientExchange exchange, ExchangeFailure failure, long nowNanos) {
                client.fail(Objects.requireNonNull(exchange, "exchange"), Objects.requireNonNull(failure, "failure"),
                        nowNanos);
            }
        };
    }

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
