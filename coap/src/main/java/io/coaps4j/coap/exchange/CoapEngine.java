package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.OptionRegistry;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.messaging.DeduplicationCache;
import io.coaps4j.coap.messaging.MidKey;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class CoapEngine {
    private final EngineOutput output;
    private final RandomGenerator random;
    private final OptionRegistry recognizedOptions;
    private final TimerQueue timers = new TimerQueue();
    private final DeduplicationCache<ServerExchange> deduplication;
    private final HashMap<MidKey, Transmission> transmissions = new HashMap<>();
    private final HashMap<TokenKey, ClientExchange> exchanges = new HashMap<>();
    /** Access-ordered: the eldest peer is the least recently used, so idle expiry never scans. */
    private final LinkedHashMap<Peer, PeerState> peers = new LinkedHashMap<>(64, 0.75f, true);
    private final int tokenLength;
    private final int nstart;
    private final int maxRetransmit;
    private final int maxPeers;
    private final long ackTimeoutNanos;
    private final double ackRandomFactor;
    private final long exchangeLifetimeNanos;
    private final long separateResponseAfterNanos;
    private boolean closed;

    public CoapEngine(EngineConfig config, EngineOutput output, RandomGenerator random) {
        Objects.requireNonNull(config, "config");
        this.output = Objects.requireNonNull(output, "output");
        this.random = Objects.requireNonNull(random, "random");
        this.recognizedOptions = config.recognizedOptions();
        this.deduplication = new DeduplicationCache<>(config.transmission(), config.maxDeduplicationEntries());
        this.tokenLength = config.tokenLength();
        this.nstart = config.transmission().nstart();
        this.maxRetransmit = config.transmission().maxRetransmit();
        this.maxPeers = config.maxPeers();
        this.ackTimeoutNanos = config.transmission().ackTimeout().toNanos();
        this.ackRandomFactor = config.transmission().ackRandomFactor();
        this.exchangeLifetimeNanos = config.transmission().exchangeLifetime().toNanos();
        this.separateResponseAfterNanos = config.separateResponseAfter().toNanos();
    }

    // ------------------------------------------------------------------------------------------ input

    /**
     * A datagram arrived from {@code from}. Malformed: an RST when the message layer requires one
     * (a malformed CON, section 4.2), silence otherwise (including a version other than 1).
     */
    public void receive(Peer from, byte[] data, int offset, int length, long nowNanos) {
        Message message;
        try {
            message = MessageCodec.decode(data, offset, length);
        } catch (MessageFormatException e) {
            if (e.requiresReset()) {
                send(from, reset(e.messageId()));
            }
            return;
        }
        receive(from, message, nowNanos);
    }

    /** A decoded message arrived from {@code from}. */
    public void receive(Peer from, Message message, long nowNanos) {
        Objects.requireNonNull(from, "from");
        switch (message.type()) {
            case ACK -> receiveAcknowledgement(from, message, nowNanos);
            case RST -> receiveReset(from, message, nowNanos);
            default -> receiveConOrNon(from, message, nowNanos);
        }
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
        if (exchange.state == ServerExchange.State.RESPONDED) {
            return false;
        }
        ServerExchange.State previous = exchange.state;
        exchange.state = ServerExchange.State.RESPONDED;
        if (exchange.separateTimer != null) {
            timers.cancel(exchange.separateTimer);
        }
        Message request = exchange.request();
        DeduplicationCache.Entry<ServerExchange> entry = exchange.entry;
        if (entry.value() == exchange) {
            entry.value(null); // the entry keeps only its reply; the exchange can go
        }
        Peer peer = exchange.peer();
        if (exchange.confirmable() && previous == ServerExchange.State.PENDING) {
            byte[] ack = MessageCodec.encode(response.toMessage(MessageType.ACK, request.messageId(), request.token()));
            entry.reply(ack);
            send(peer, ack);
            return true;
        }
        PeerState state = peerState(peer, nowNanos);
        int messageId = state.nextMessageId();
        boolean confirmable = exchange.confirmable();
        byte[] datagram = MessageCodec.encode(response.toMessage(confirmable ? MessageType.CON : MessageType.NON,
                messageId, request.token()));
        if (confirmable) {
            Transmission transmission = new Transmission(this, new MidKey(peer, messageId), datagram, true, null, exchange);
            transmissions.put(transmission.key, transmission);
            startRetransmissionTimer(transmission, nowNanos);
        }
        send(peer, datagram);
        return true;
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
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeoutNanos + " ns");
        }
        PeerState state = peerState(peer, nowNanos);
        ClientExchange exchange = new ClientExchange(peer, request, listener, false, state);
        Token token = request.token();
        TokenKey key;
        if (token.length() > 0) {
            key = new TokenKey(peer, token);
            if (exchanges.containsKey(key)) {
                throw new IllegalStateException("token " + token + " is already in use with " + peer);
            }
        } else {
            do {
                token = randomToken();
                key = new TokenKey(peer, token);
            } while (exchanges.containsKey(key));
        }
        exchange.token = token;
        exchange.key = key;
        exchanges.put(key, exchange);
        admit(exchange, timeoutNanos, nowNanos);
        return exchange;
    }

    /**
     * Sends a CoAP ping, an empty CON (section 4.3): the peer's RST (or empty ACK) is the
     * "response"; no answer within {@code timeoutNanos} or MAX_TRANSMIT_WAIT fails with TIMEOUT.
     */
    public ClientExchange ping(Peer peer, long timeoutNanos, ResponseListener listener, long nowNanos) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(listener, "listener");
        requireOpen();
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeoutNanos + " ns");
        }
        ClientExchange exchange = new ClientExchange(peer, Message.empty(MessageType.CON, 0), listener, true,
                peerState(peer, nowNanos));
        exchange.token = Token.EMPTY;
        admit(exchange, timeoutNanos, nowNanos);
        return exchange;
    }

    /** Gives up on {@code exchange}; its listener hears CANCELLED. A late response then gets an RST. */
    public void cancel(ClientExchange exchange, long nowNanos) {
        fail(exchange, ExchangeFailure.CANCELLED, nowNanos);
    }

    // ------------------------------------------------------------------------------------ time

    /** When {@link #tick} is next due, or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        long next = timers.nextDeadline();
        long expiry = deduplication.nextExpiry();
        if (expiry != Long.MAX_VALUE && (next == Long.MAX_VALUE || expiry - next < 0)) {
            next = expiry;
        }
        if (!peers.isEmpty()) {
            long peerExpiry = peers.values().iterator().next().lastUsed + exchangeLifetimeNanos;
            if (next == Long.MAX_VALUE || peerExpiry - next < 0) {
                next = peerExpiry;
            }
        }
        return next;
    }

    /** Fires due retransmissions and timeouts and forgets expired state. */
    public void tick(long nowNanos) {
        deduplication.expire(nowNanos);
        timers.fireDue(nowNanos);
        expirePeers(nowNanos);
    }

    // ---------------------------------------------------------------------------- lifecycle

    /** The transport lost {@code peer} (e.g. its session closed): its exchanges fail with PEER_LOST. */
    public void peerLost(Peer peer, long nowNanos) {
        PeerState state = peers.get(peer);
        List<ClientExchange> affected = allClientExchanges(peer);
        if (state != null) {
            state.queue = null; // nothing queued may go out to a lost peer
        }
        for (ClientExchange exchange : affected) {
            fail(exchange, ExchangeFailure.PEER_LOST, nowNanos);
        }
        transmissions.values().removeIf(t -> {
            if (t.key.peer().equals(peer)) {
                timers.cancel(t);
                return true;
            }
            return false;
        });
        peers.remove(peer);
    }

    /** Fails every client exchange with CLOSED and forgets all state; sends nothing more. */
    public void shutdown(long nowNanos) {
        closed = true;
        for (ClientExchange exchange : allClientExchanges(null)) {
            fail(exchange, ExchangeFailure.CLOSED, nowNanos);
        }
        timers.clear();
        transmissions.clear();
        exchanges.clear();
        peers.clear();
        deduplication.clear();
    }

    /** Requests and pings, queued or sent, to {@code peer} (all peers when null). */
    private List<ClientExchange> allClientExchanges(Peer peer) {
        List<ClientExchange> all = new ArrayList<>();
        for (ClientExchange exchange : exchanges.values()) {
            if (peer == null || exchange.peer.equals(peer)) {
                all.add(exchange);
            }
        }
        for (Transmission transmission : transmissions.values()) {
            ClientExchange client = transmission.client;
            if (client != null && client.ping && (peer == null || client.peer.equals(peer))) {
                all.add(client);
            }
        }
        for (PeerState state : peers.values()) {
            if (state.queue != null && (peer == null || state.peer.equals(peer))) {
                for (ClientExchange queued : state.queue) {
                    if (queued.ping) {
                        all.add(queued);
                    }
                }
            }
        }
        return all;
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
        return exchanges.size();
    }

    /** Sent messages still matchable by an ACK or RST. */
    public int pendingTransmissions() {
        return transmissions.size();
    }

    public int peerCount() {
        return peers.size();
    }

    public int scheduledTimers() {
        return timers.size();
    }

    // ============================================================================== internals

    private void receiveConOrNon(Peer from, Message message, long nowNanos) {
        boolean confirmable = message.type() == MessageType.CON;
        Code code = message.code();
        if (code.isEmpty()) {
            if (confirmable) {
                send(from, reset(message.messageId())); // CoAP ping (section 4.3)
            }
            return; // an empty NON is meaningless: ignored
        }
        if (!code.isRequest() && !code.isResponse()) {
            // Classes 1, 6 and 7 are reserved (section 12.1): a message format error (section 4.2, 4.3).
            if (confirmable) {
                send(from, reset(message.messageId()));
            }
            return;
        }
        MidKey key = new MidKey(from, message.messageId());
        DeduplicationCache.Entry<ServerExchange> entry = deduplication.get(key);
        if (entry != null) {
            duplicate(from, message, entry, nowNanos);
            return;
        }
        entry = deduplication.add(key, confirmable, nowNanos, null);
        if (code.isRequest()) {
            receiveRequest(from, message, entry, nowNanos);
        } else {
            receiveResponse(from, message, entry, nowNanos);
        }
    }

    /** Section 4.5: the same ACK or RST again for a CON, nothing for a NON, never processed twice. */
    private void duplicate(Peer from, Message message, DeduplicationCache.Entry<ServerExchange> entry, long nowNanos) {
        if (message.type() != MessageType.CON) {
            return;
        }
        byte[] reply = entry.reply();
        if (reply != null) {
            send(from, reply);
            return;
        }
        ServerExchange pending = entry.value();
        if (pending != null && pending.state == ServerExchange.State.PENDING) {
            // The client is retransmitting while the handler works: acknowledge now, answer separately.
            acknowledgeEmpty(pending);
        }
    }

    private void receiveRequest(Peer from, Message request, DeduplicationCache.Entry<ServerExchange> entry,
                                long nowNanos) {
        java.util.OptionalInt unrecognized = recognizedOptions.firstUnrecognizedCritical(request);
        if (unrecognized.isPresent()) {
            if (request.type() == MessageType.CON) {
                // Section 5.4.1: 4.02 with a diagnostic payload (section 5.5.2).
                byte[] ack = MessageCodec.encode(CoapResponse.builder(Code.BAD_OPTION)
                        .payload("Unrecognized critical option " + unrecognized.getAsInt()).build()
                        .toMessage(MessageType.ACK, request.messageId(), request.token()));
                entry.reply(ack);
                send(from, ack);
            } else {
                send(from, reset(request.messageId())); // a NON is rejected (section 4.3)
            }
            return;
        }
        ServerExchange exchange = new ServerExchange(from, recognizedOptions.recognizedOnly(request), entry);
        entry.value(exchange);
        output.requestReceived(exchange);
        if (exchange.state == ServerExchange.State.PENDING && exchange.confirmable()) {
            if (separateResponseAfterNanos == 0) {
                acknowledgeEmpty(exchange);
            } else {
                exchange.separateTimer = new SeparateResponseTimer(exchange);
                timers.schedule(exchange.separateTimer, nowNanos + separateResponseAfterNanos);
            }
        }
    }

    private final class SeparateResponseTimer extends TimerQueue.Timer {
        private final ServerExchange exchange;

        SeparateResponseTimer(ServerExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        protected void fire(long nowNanos) {
            if (exchange.state == ServerExchange.State.PENDING) {
                acknowledgeEmpty(exchange);
            }
        }
    }

    private void acknowledgeEmpty(ServerExchange exchange) {
        exchange.state = ServerExchange.State.ACKNOWLEDGED;
        if (exchange.separateTimer != null) {
            timers.cancel(exchange.separateTimer);
        }
        byte[] ack = MessageCodec.encode(Message.empty(MessageType.ACK, exchange.request().messageId()));
        exchange.entry.reply(ack);
        send(exchange.peer(), ack);
    }

    private void receiveResponse(Peer from, Message response, DeduplicationCache.Entry<ServerExchange> entry,
                                 long nowNanos) {
        boolean confirmable = response.type() == MessageType.CON;
        ClientExchange exchange = exchanges.get(new TokenKey(from, response.token()));
        if (exchange == null || exchange.state == ClientExchange.State.QUEUED
                || recognizedOptions.firstUnrecognizedCritical(response).isPresent()) {
            // Unexpected (section 5.3.2) or carrying an unrecognised critical option (section 5.4.1):
            // a CON is rejected with an RST, and so is a NON (section 4.3).
            byte[] rst = reset(response.messageId());
            if (confirmable) {
                entry.reply(rst);
                send(from, rst);
            } else if (exchange != null) {
                send(from, rst);
            }
            return;
        }
        if (confirmable) {
            byte[] ack = MessageCodec.encode(Message.empty(MessageType.ACK, response.messageId()));
            entry.reply(ack);
            send(from, ack);
        }
        complete(exchange, recognizedOptions.recognizedOnly(response), nowNanos);
    }

    private void receiveAcknowledgement(Peer from, Message ack, long nowNanos) {
        Transmission transmission = transmissions.get(new MidKey(from, ack.messageId()));
        if (transmission == null || !transmission.confirmable) {
            return; // nothing of ours to acknowledge: silently ignored (section 4.2)
        }
        ClientExchange client = transmission.client;
        if (ack.isEmpty()) {
            endTransmission(transmission);
            if (client == null) {
                return; // our separate response arrived
            }
            if (client.ping) {
                complete(client, ack, nowNanos);
            } else {
                client.state = ClientExchange.State.ACKNOWLEDGED;
                release(client, nowNanos); // no longer outstanding (section 4.7); the response comes separately
            }
            return;
        }
        if (!ack.isResponse() || client == null || client.ping || !ack.token().equals(client.token)
                || recognizedOptions.firstUnrecognizedCritical(ack).isPresent()) {
            return; // a piggybacked response that does not fit is rejected by ignoring it (section 4.2, 5.4.1)
        }
        complete(client, recognizedOptions.recognizedOnly(ack), nowNanos);
    }

    private void receiveReset(Peer from, Message rst, long nowNanos) {
        if (!rst.isEmpty()) {
            return; // an RST must be empty (section 4.2): a format error, ignored
        }
        Transmission transmission = transmissions.get(new MidKey(from, rst.messageId()));
        if (transmission == null) {
            return;
        }
        endTransmission(transmission);
        ClientExchange client = transmission.client;
        if (client == null) {
            return; // the client has lost interest in our separate response: the exchange is over
        }
        if (client.ping) {
            complete(client, rst, nowNanos);
        } else {
            fail(client, ExchangeFailure.RESET, nowNanos);
        }
    }

    /** Stops retransmitting and forgets the message ID. */
    private void endTransmission(Transmission transmission) {
        transmissions.remove(transmission.key, transmission);
        timers.cancel(transmission);
        ClientExchange client = transmission.client;
        if (client != null && client.transmission == transmission) {
            client.transmission = null;
        }
    }

    void retransmissionTimeout(Transmission transmission, long nowNanos) {
        if (!transmission.confirmable) {
            // A NON request stops counting toward NSTART after ACK_TIMEOUT; an RST may still match it.
            release(transmission.client, nowNanos);
            return;
        }
        if (transmission.retransmissions < maxRetransmit) {
            transmission.retransmissions++;
            transmission.timeoutNanos *= 2; // exponential back-off (section 4.2)
            timers.schedule(transmission, nowNanos + transmission.timeoutNanos);
            send(transmission.key.peer(), transmission.datagram);
            return;
        }
        endTransmission(transmission);
        if (transmission.client != null) {
            fail(transmission.client, ExchangeFailure.TIMEOUT, nowNanos);
        }
    }

    private void startRetransmissionTimer(Transmission transmission, long nowNanos) {
        // The initial timeout is random in [ACK_TIMEOUT, ACK_TIMEOUT * ACK_RANDOM_FACTOR] (section 4.2).
        long initial = ackTimeoutNanos + (long) (ackTimeoutNanos * (ackRandomFactor - 1.0) * random.nextDouble());
        transmission.timeoutNanos = initial;
        timers.schedule(transmission, nowNanos + initial);
    }

    private void admit(ClientExchange exchange, long timeoutNanos, long nowNanos) {
        exchange.timeout = new ExchangeTimeout(exchange);
        timers.schedule(exchange.timeout, nowNanos + timeoutNanos);
        PeerState state = exchange.peerState;
        if (state.outstanding < nstart) {
            transmit(exchange, nowNanos);
        } else {
            if (state.queue == null) {
                state.queue = new ArrayDeque<>();
            }
            state.queue.addLast(exchange);
        }
    }

    private final class ExchangeTimeout extends TimerQueue.Timer {
        private final ClientExchange exchange;

        ExchangeTimeout(ClientExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        protected void fire(long nowNanos) {
            fail(exchange, ExchangeFailure.TIMEOUT, nowNanos);
        }
    }

    private void transmit(ClientExchange exchange, long nowNanos) {
        PeerState state = exchange.peerState;
        state.outstanding++;
        state.lastUsed = nowNanos;
        exchange.outstanding = true;
        exchange.state = ClientExchange.State.SENT;
        int messageId = state.nextMessageId();
        Message message = exchange.ping ? Message.empty(MessageType.CON, messageId)
                : exchange.template.withMessageId(messageId).withToken(exchange.token);
        byte[] datagram = MessageCodec.encode(message);
        boolean confirmable = message.type() == MessageType.CON;
        Transmission transmission = new Transmission(this, new MidKey(exchange.peer, messageId), datagram,
                confirmable, exchange, null);
        exchange.transmission = transmission;
        transmissions.put(transmission.key, transmission);
        if (confirmable) {
            startRetransmissionTimer(transmission, nowNanos);
        } else {
            timers.schedule(transmission, nowNanos + ackTimeoutNanos);
        }
        send(exchange.peer, datagram);
    }

    /** The exchange no longer counts toward NSTART; the next queued one may go. */
    private void release(ClientExchange exchange, long nowNanos) {
        if (!exchange.outstanding) {
            return;
        }
        exchange.outstanding = false;
        PeerState state = exchange.peerState;
        state.outstanding--;
        state.lastUsed = nowNanos;
        ArrayDeque<ClientExchange> queue = state.queue;
        while (!closed && queue != null && state.outstanding < nstart && !queue.isEmpty()) {
            transmit(queue.pollFirst(), nowNanos);
        }
    }

    private void complete(ClientExchange exchange, Message response, long nowNanos) {
        if (!finish(exchange, nowNanos)) {
            return;
        }
        exchange.listener.onResponse(response);
    }

    private void fail(ClientExchange exchange, ExchangeFailure failure, long nowNanos) {
        if (!finish(exchange, nowNanos)) {
            return;
        }
        exchange.listener.onFailure(failure);
    }

    /** Removes every trace of the exchange; false when it had already finished. */
    private boolean finish(ClientExchange exchange, long nowNanos) {
        if (exchange.state == ClientExchange.State.DONE) {
            return false;
        }
        boolean queued = exchange.state == ClientExchange.State.QUEUED;
        exchange.state = ClientExchange.State.DONE;
        if (exchange.timeout != null) {
            timers.cancel(exchange.timeout);
        }
        if (exchange.key != null) {
            exchanges.remove(exchange.key, exchange);
        }
        if (queued && exchange.peerState.queue != null) {
            exchange.peerState.queue.remove(exchange);
        }
        if (exchange.transmission != null) {
            endTransmission(exchange.transmission);
        }
        release(exchange, nowNanos);
        return true;
    }

    private PeerState peerState(Peer peer, long nowNanos) {
        PeerState state = peers.get(peer);
        if (state == null) {
            if (peers.size() >= maxPeers) {
                evictIdlePeer();
            }
            state = new PeerState(peer, random.nextInt(0x10000), nowNanos);
            peers.put(peer, state);
        }
        state.lastUsed = nowNanos;
        return state;
    }

    private void evictIdlePeer() {
        Iterator<PeerState> it = peers.values().iterator();
        while (it.hasNext()) {
            if (it.next().idle()) {
                it.remove();
                return;
            }
        }
    }

    /** A peer idle for EXCHANGE_LIFETIME is forgotten; its message IDs can no longer collide. */
    private void expirePeers(long nowNanos) {
        Iterator<Map.Entry<Peer, PeerState>> it = peers.entrySet().iterator();
        int busySeen = 0;
        while (it.hasNext()) {
            PeerState state = it.next().getValue();
            if (state.lastUsed + exchangeLifetimeNanos - nowNanos > 0) {
                break;
            }
            if (state.idle()) {
                it.remove();
            } else {
                state.lastUsed = nowNanos; // still busy: check again a lifetime later
                busySeen++;
            }
        }
        if (busySeen > 0) {
            reorderBusyPeers();
        }
    }

    /** Busy peers whose time was refreshed move to the young end so that the eldest stays the oldest. */
    private void reorderBusyPeers() {
        List<PeerState> all = new ArrayList<>(peers.values());
        all.sort((a, b) -> Long.compare(a.lastUsed - b.lastUsed, 0));
        peers.clear();
        for (PeerState state : all) {
            peers.put(state.peer, state);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the CoAP engine is shut down");
        }
    }

    private Token randomToken() {
        byte[] bytes = new byte[tokenLength];
        random.nextBytes(bytes);
        return Token.of(bytes);
    }

    private static byte[] reset(int messageId) {
        return MessageCodec.encode(Message.empty(MessageType.RST, messageId));
    }

    private void send(Peer peer, byte[] datagram) {
        if (!closed) {
            output.send(peer, datagram);
        }
    }
}
