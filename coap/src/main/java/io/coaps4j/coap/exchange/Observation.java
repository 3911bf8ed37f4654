package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.Peer;
import java.util.function.Consumer;

/**
 * One entry in a resource's list of observers (RFC 7641 section 4.1): the registration's peer
 * (its session and epoch included), token and request (shared by registrations alike), and the state of
 * its notifications. A handle
 * for {@link CoapEngine#notifyObserver}; belongs to the engine's thread, except {@link #peer()} and
 * {@link #request()}, which may be read anywhere.
 */
public final class Observation {
    final ServerExchange exchange;
    /**
     * The registration's token (RFC 7252: at most 8 bytes), packed big-endian into a long with its length:
     * the observation's identity within its peer (RFC 7641 section 3.1), without a Token and array per observer.
     */
    private final long tokenBits;
    private final byte tokenLength;
    /** CON (true) or NON for ordinary notifications; a CON goes at least every 24 hours anyway (section 4.5). */
    final boolean confirmableNotifications;
    boolean ended;
    /** NON notifications since the last CON (below 100: every 100th goes as CON). */
    byte nonSinceConfirmable;
    /** The next Observe value: 24 bits, incremented per notification (section 4.4). */
    int sequence;
    /**
     * When the last CON went, in units of 2^30 ns (about a second) of the engine's clock, wrapping: the
     * 24-hour rule (section 4.5) needs no finer grain, and an int instead of a long keeps the observer small.
     */
    int lastConfirmableUnits;
    final Consumer<Observation> onEnd;
    /** {@link #lastNonMessageId} when the latest notification was a CON, or there was none. */
    static final int NO_MESSAGE_ID = -1;

    /** The CON notification awaiting its ACK (section 4.5.2: one at a time), or null. */
    Transmission lastSent;
    /**
     * The message ID of the latest notification when it was a NON, which an RST may still reject (section 3.6),
     * else {@link #NO_MESSAGE_ID}. A NON needs no transmission: nothing is retransmitted or acknowledged, and a
     * newer notification ends the older one's matchability. Its ID is not reused within EXCHANGE_LIFETIME
     * (RFC 7252 section 4.4), so a match is this notification's RST.
     */
    int lastNonMessageId = NO_MESSAGE_ID;
    /** The latest state, waiting for a CON {@link #lastSent} to complete; intermediate states are skipped. */
    Message superseding;
    /** Its peer's message-ID state, kept so that a notification needs no lookup ({@code PeerTable.touch}); or null. */
    PeerState peerState;
    /** The next observation of the same peer (see {@code ServerObservations}), or null: no map entry per observer. */
    Observation nextOfPeer;

    Observation(ServerExchange exchange, Token token, MessageType notificationType, Consumer<Observation> onEnd,
                long nowNanos) {
        this.exchange = exchange;
        this.tokenBits = pack(token.bytes());
        this.tokenLength = (byte) token.length();
        this.confirmableNotifications = notificationType == MessageType.CON;
        this.onEnd = onEnd;
        this.lastConfirmableUnits = units(nowNanos);
    }

    /** {@code nanos} of the engine's clock in the units of {@link #lastConfirmableUnits}. */
    static int units(long nanos) {
        return (int) (nanos >> 30);
    }

    /** True while a CON notification awaits its ACK. */
    boolean confirmableInFlight() {
        return lastSent != null && lastSent.confirmable;
    }

    /** The registration's token, which every notification carries. */
    Token token() {
        byte[] bytes = new byte[tokenLength];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (tokenBits >>> (8 * (bytes.length - 1 - i)));
        }
        return Token.of(bytes);
    }

    boolean hasToken(Token token) {
        return token.length() == tokenLength && pack(token.bytes()) == tokenBits;
    }

    private static long pack(byte[] token) {
        long bits = 0;
        for (byte b : token) {
            bits = bits << 8 | (b & 0xFF);
        }
        return bits;
    }

    /** The observer: notifications go to exactly this peer object (for coaps: its session and epoch). */
    public Peer peer() {
        return exchange.peer();
    }

    /**
     * The registering GET, whose options (Accept, Uri-Query, ...) and payload each notification answers
     * again: once registered, its reduced form shared by registrations alike, without token or message
     * ID (the observation keeps the token; see {@code SharedRequests}).
     */
    public Message request() {
        return exchange.request();
    }

    /** True once the observer is off the list: deregistered, rejected a notification, gone, or replaced. */
    public boolean ended() {
        return ended;
    }

    @Override
    public String toString() {
        return "Observation[" + exchange.peer() + " " + token() + (ended ? " ended" : "") + "]";
    }
}
