package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.messaging.DeduplicationCache;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
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
    private final ServerObservations observations;
    /** The time of the engine call in progress, for the client's reordering rule (RFC 7641 section 3.4). */
    private long nowNanos;
    private final long deregistrationTimeoutNanos;

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
        this.deregistrationTimeoutNanos = config.transmission().exchangeLifetime().toNanos();
        this.peers = new PeerTable(random, config.maxPeers(), config.transmission().exchangeLifetime().toNanos());
        this.retransmitter = new Retransmitter(config, timers, outbound, random);
        this.server = new ServerExchanges(config, outbound, timers, retransmitter, peers, stack);
        this.client = new ClientExchanges(config, outbound, timers, retransmitter, peers, random, stack);
        this.observations = new ServerObservations(config, outbound, retransmitter, peers, server, stack);
        server.observations = observations;
        this.inbound = new InboundDispatcher(outbound, deduplication, retransmitter, server, client, observations);
    }

    // ------------------------------------------------------------------------------------------ input

    /**
     * A datagram arrived from {@code from}. Malformed: an RST when the message layer requires one
     * (a malformed CON, section 4.2), silence otherwise (including a version other than 1).
     */
    public void receive(Peer from, byte[] data, int offset, int length, long nowNanos) {
        Objects.requireNonNull(from, "from");
        this.nowNanos = nowNanos;
        inbound.receive(from, data, offset, length, nowNanos);
    }

    /** A decoded message arrived from {@code from}. */
    public void receive(Peer from, Message message, long nowNanos) {
        Objects.requireNonNull(from, "from");
        this.nowNanos = nowNanos;
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

    /**
     * Answers {@code exchange}, a GET, and makes its client an observer (RFC 7641 section 4.1) when
     * the request carries Observe 0, {@code first} is a 2.xx and the bounds of
     * {@link EngineConfig#maxObserversPerPeer} and {@link EngineConfig#maxObservers} leave room;
     * {@code first} then goes out with Observe and the observation is returned. Otherwise
     * {@code first} goes as the answer to a plain GET, without Observe, and null is returned: a full
     * list, a 4.xx/5.xx, or Observe 1 (deregistration). A registration with the same peer and token
     * replaces the earlier one (section 4.1). {@code notificationType} CON or NON (section 4.5);
     * {@code onEnd} hears, once, on the engine's thread, that the observation is over: deregistered,
     * rejected with an RST, a CON notification never acknowledged, its peer lost, replaced, or ended
     * by a non-2.xx notification.
     */
    public Observation observe(ServerExchange exchange, CoapResponse first, MessageType notificationType,
                               Consumer<Observation> onEnd, long nowNanos) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(first, "first");
        if (notificationType != MessageType.CON && notificationType != MessageType.NON) {
            throw new IllegalArgumentException("notifications are sent as CON or NON, not " + notificationType);
        }
        if (exchange.request().code() != Code.GET && exchange.request().code() != Code.FETCH) {
            throw new IllegalArgumentException("only a GET or FETCH registers an observer (RFC 7641 section 2,"
                    + " RFC 8132 section 2.4), not "
                    + exchange.request().code());
        }
        return observations.register(exchange, first.template(), notificationType, onEnd, nowNanos);
    }

    /**
     * Sends the resource's new {@code state} to {@code observation}'s client with the next Observe
     * number; while a CON notification awaits its ACK the newest state waits and supersedes any
     * older one (RFC 7641 section 4.5.2). A non-2.xx state is the last notification (section 4.2).
     * Returns false when the observation has ended.
     */
    public boolean notifyObserver(Observation observation, CoapResponse state, long nowNanos) {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(state, "state");
        return observations.notify(observation, state.template(), nowNanos);
    }

    /** Takes {@code observation} off the list without telling its client (its next notification would get an RST). */
    public void endObservation(Observation observation, long nowNanos) {
        observations.cancel(Objects.requireNonNull(observation, "observation"), nowNanos);
    }

    /** Observers registered with this engine (RFC 7641 server side). */
    public int observers() {
        return observations.size();
    }

    // --------------------------------------------------------------------------------- client side

    /**
     * Observes a resource (RFC 7641 section 3): sends {@code request}, a GET, with Observe 0 and
     * delivers the response and every fresher notification (section 3.4) to {@code listener}; when
     * Max-Age passes without one, the same request goes again with the same token (section
     * 3.3.1). Only notifications from this exact {@code peer} object match, so over coaps one from
     * another session or epoch is never delivered; when the transport loses the peer the listener
     * hears PEER_LOST and the caller registers again, in the new session.
     * {@code firstResponseTimeoutNanos} bounds the wait for the registration's response.
     *
     * @throws MessageTooLargeException when the request would exceed {@link EngineConfig#maxMessageSize}
     */
    public ClientObservation observe(Peer peer, Message request, long firstResponseTimeoutNanos,
                                     NotificationListener listener, long nowNanos) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(request, "request");
        if (request.code() != Code.GET && request.code() != Code.FETCH) {
            throw new IllegalArgumentException("only a GET or FETCH observes (RFC 7641 section 2, RFC 8132 section 2.4),"
                    + " not " + request.code());
        }
        this.nowNanos = nowNanos;
        ClientObservation observation = new ClientObservation(listener, timers, client, () -> this.nowNanos);
        Message registration = ServerObservations.withObserve(request, 0);
        requireRequest(peer, registration, firstResponseTimeoutNanos, observation);
        observation.exchange = client.request(peer, registration, firstResponseTimeoutNanos, observation, true, 0,
                nowNanos);
        return observation;
    }

    /**
     * Ends {@code observation}: its listener hears CANCELLED. {@code proactive}: a GET with Observe 1
     * and the same token tells the server now (RFC 7641 section 3.6); otherwise the next
     * notification is rejected with an RST.
     */
    public void cancelObservation(ClientObservation observation, boolean proactive, long nowNanos) {
        Objects.requireNonNull(observation, "observation");
        if (observation.ended()) {
            return;
        }
        ClientExchange exchange = observation.exchange;
        Message registration = observation.registration();
        client.fail(exchange, ExchangeFailure.CANCELLED, nowNanos);
        if (proactive && !outbound.closed()) {
            Message deregistration = ServerObservations.rebuildObserve(registration, 1).withToken(exchange.token());
            client.request(exchange.peer(), deregistration, deregistrationTimeoutNanos, IGNORED, false, 0, nowNanos);
        }
    }

    private static final ResponseListener IGNORED = new ResponseListener() {
        @Override
        public void onResponse(Message response) {
        }

        @Override
        public void onFailure(ExchangeFailure failure) {
        }
    };

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
        this.nowNanos = nowNanos;
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
        this.nowNanos = nowNanos;
        client.failAll(peer, peers.find(peer), ExchangeFailure.PEER_LOST, nowNanos);
        observations.peerLost(peer, nowNanos);
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
        observations.clear();
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
