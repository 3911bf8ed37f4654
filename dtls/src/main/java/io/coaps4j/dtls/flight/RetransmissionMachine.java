package io.coaps4j.dtls.flight;

import java.util.Objects;
import java.util.Optional;

/**
 * The timeout and retransmission state machine of RFC 6347 section 4.2.4, whose unit is the flight.
 * It knows nothing of what flights contain: the handshake decides what to send and when a whole
 * flight from the peer has arrived; this machine decides when to send it again.
 *
 * <p>PREPARING and SENDING last only for the duration of a call in a sans-IO engine, so the state
 * kept between calls is WAITING (a flight is out, its timer runs) or FINISHED (the last flight is
 * out; it is kept for a while to answer retransmissions of the peer's last flight). Time is the
 * caller's monotonic nanoseconds. Not thread-safe.
 */
public final class RetransmissionMachine {
    /** A deadline that never comes. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    /** The states of RFC 6347 figure 3. */
    public enum State { PREPARING, SENDING, WAITING, FINISHED }

    /** What a timer expiry asks of the caller. */
    public enum Expiry {
        /** Nothing is due yet. */
        NOTHING,
        /** Send {@link #flight()} again. */
        RETRANSMIT,
        /** The retransmissions are used up: the handshake has failed. */
        GIVE_UP,
        /** The retained last flight was released; the handshake may forget the old epoch. */
        RELEASED
    }

    private final RetransmissionPolicy policy;
    /** The policy's durations in the engine's unit, nanoseconds. */
    private final long initialTimeout;
    private final long maxTimeout;
    private final long finishedRetention;
    private State state;
    private Flight flight;
    private long timeout;
    private long deadline = NO_DEADLINE;
    private int retransmissions;
    private long lastTransmission = Long.MIN_VALUE;

    private RetransmissionMachine(RetransmissionPolicy policy, State initial) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.state = initial;
        this.initialTimeout = policy.initialTimeout().toNanos();
        this.maxTimeout = policy.maxTimeout().toNanos();
        this.finishedRetention = policy.finishedRetention().toNanos();
        this.timeout = initialTimeout;
    }

    /** A client's machine: it prepares the first flight (RFC 6347 section 4.2.4). */
    public static RetransmissionMachine forClient(RetransmissionPolicy policy) {
        return new RetransmissionMachine(policy, State.PREPARING);
    }

    /** A server's machine: waiting, with empty buffers and no timer (RFC 6347 section 4.2.4). */
    public static RetransmissionMachine forServer(RetransmissionPolicy policy) {
        return new RetransmissionMachine(policy, State.WAITING);
    }

    public State state() {
        return state;
    }

    /** The flight sent last, while it may still have to be sent again. */
    public Optional<Flight> flight() {
        return Optional.ofNullable(flight);
    }

    /** When {@link #onTimer} has something to do, or {@link #NO_DEADLINE}. */
    public long deadline() {
        return deadline;
    }

    public int retransmissions() {
        return retransmissions;
    }

    /** The current timer value, in nanoseconds. */
    public long timeoutNanos() {
        return timeout;
    }

    /**
     * PREPARING → SENDING → WAITING or FINISHED: {@code next} is buffered (replacing the previous
     * flight) and sent by the caller now. The timer keeps its backed-off value when the previous
     * flight needed retransmissions and starts over when it did not (RFC 6347 section 4.2.4.1).
     */
    public void send(Flight next, long now) {
        Objects.requireNonNull(next, "next");
        if (state == State.FINISHED) {
            throw new IllegalStateException("the last flight has been sent; a new handshake needs a new machine");
        }
        if (retransmissions == 0) {
            timeout = initialTimeout;
        }
        retransmissions = 0;
        flight = next;
        lastTransmission = now;
        if (next.last()) {
            state = State.FINISHED;
            deadline = finishedRetention == 0 ? NO_DEADLINE : now + finishedRetention;
            if (finishedRetention == 0) {
                flight = null;
            }
        } else {
            state = State.WAITING;
            deadline = now + timeout;
        }
    }

    /** WAITING → PREPARING: the peer's whole next flight has arrived; the timer stops. */
    public void peerFlightReceived() {
        if (state == State.WAITING) {
            state = State.PREPARING;
            deadline = NO_DEADLINE;
            flight = null;
        }
    }

    /** The handshake ended on a flight received from the peer: nothing of ours needs keeping. */
    public void finishedByPeer() {
        state = State.FINISHED;
        flight = null;
        deadline = NO_DEADLINE;
    }

    /** Forget the retained last flight: the peer has shown that it received it. */
    public void release() {
        if (state == State.FINISHED) {
            flight = null;
            deadline = NO_DEADLINE;
        }
    }

    /** Handles the timer at {@code now}. */
    public Expiry onTimer(long now) {
        if (now < deadline) {
            return Expiry.NOTHING;
        }
        if (state == State.FINISHED) {
            release();
            return Expiry.RELEASED;
        }
        if (state != State.WAITING || flight == null) {
            deadline = NO_DEADLINE;
            return Expiry.NOTHING;
        }
        if (retransmissions >= policy.maxRetransmissions()) {
            deadline = NO_DEADLINE;
            return Expiry.GIVE_UP;
        }
        retransmissions++;
        timeout = Math.min(timeout * 2, maxTimeout);
        deadline = now + timeout;
        lastTransmission = now;
        return Expiry.RETRANSMIT;
    }

    /**
     * The peer sent a message of a flight already processed: its timer fired, so part of our last
     * flight was probably lost (RFC 6347 section 4.2.4, WAITING exit 2 and FINISHED). Returns
     * whether to send {@link #flight()} again now. A burst of such messages (one retransmitted
     * flight spans several records) triggers one retransmission per half initial timeout; in
     * WAITING these retransmissions count against the limit so that replayed records cannot keep
     * a handshake alive forever.
     */
    public boolean onPeerRetransmission(long now) {
        if (flight == null || (state != State.WAITING && state != State.FINISHED)) {
            return false;
        }
        if (now - lastTransmission < initialTimeout / 2) {
            return false;
        }
        if (state == State.WAITING) {
            if (retransmissions >= policy.maxRetransmissions()) {
                return false;
            }
            retransmissions++;
            deadline = now + timeout;
        }
        lastTransmission = now;
        return true;
    }
}
