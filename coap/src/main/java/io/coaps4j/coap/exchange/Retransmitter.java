package io.coaps4j.coap.exchange;

import io.coaps4j.coap.messaging.MidKey;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;
import java.util.HashMap;
import java.util.random.RandomGenerator;

/**
 * The transmissions an ACK or RST may still match by (peer, message ID), and the retransmission
 * of CONs with exponential back-off (RFC 7252 section 4.2).
 */
final class Retransmitter {
    private final HashMap<MidKey, Transmission> pending = new HashMap<>();
    private final TimerQueue timers;
    private final Outbound outbound;
    private final RandomGenerator random;
    private final int maxRetransmit;
    private final long ackTimeoutNanos;
    private final double ackRandomFactor;

    Retransmitter(EngineConfig config, TimerQueue timers, Outbound outbound, RandomGenerator random) {
        this.timers = timers;
        this.outbound = outbound;
        this.random = random;
        this.maxRetransmit = config.transmission().maxRetransmit();
        this.ackTimeoutNanos = config.transmission().ackTimeout().toNanos();
        this.ackRandomFactor = config.transmission().ackRandomFactor();
    }

    /**
     * Sends {@code transmission} and keeps it matchable: a CON until it ends, retransmitted on
     * timeout; a NON with a timeout of ACK_TIMEOUT, after which it stops counting toward NSTART.
     */
    void start(Transmission transmission, long nowNanos) {
        if (transmission.confirmable) {
            // The initial timeout is random in [ACK_TIMEOUT, ACK_TIMEOUT * ACK_RANDOM_FACTOR] (section 4.2).
            start(transmission, ackTimeoutNanos + (long) (ackTimeoutNanos * (ackRandomFactor - 1.0) * random.nextDouble()),
                    nowNanos);
        } else {
            pending.put(transmission.key, transmission);
            timers.schedule(transmission, nowNanos + ackTimeoutNanos);
            outbound.send(transmission.key.peer(), transmission.datagram);
        }
    }

    /** Sends the CON {@code transmission} with a first timeout of exactly {@code initialTimeoutNanos}. */
    void start(Transmission transmission, long initialTimeoutNanos, long nowNanos) {
        pending.put(transmission.key, transmission);
        transmission.timeoutNanos = initialTimeoutNanos;
        timers.schedule(transmission, nowNanos + initialTimeoutNanos);
        outbound.send(transmission.key.peer(), transmission.datagram);
    }

    /** MAX_RETRANSMIT of the configured transmission parameters. */
    int maxRetransmit() {
        return maxRetransmit;
    }

    /** The transmission to {@code peer} with {@code messageId}, or null. */
    Transmission match(Peer peer, int messageId) {
        return pending.get(new MidKey(peer, messageId));
    }

    /**
     * After a timeout: sends the CON again with the timeout doubled and returns true, or, after
     * its MAX_RETRANSMIT retransmissions, ends it and returns false.
     */
    boolean retransmit(Transmission transmission, long nowNanos) {
        if (transmission.retransmissions < transmission.maxRetransmit) {
            transmission.retransmissions++;
            transmission.timeoutNanos *= 2;
            timers.schedule(transmission, nowNanos + transmission.timeoutNanos);
            outbound.send(transmission.key.peer(), transmission.datagram);
            return true;
        }
        end(transmission);
        return false;
    }

    /** Stops retransmitting and forgets the message ID. */
    void end(Transmission transmission) {
        pending.remove(transmission.key, transmission);
        timers.cancel(transmission);
    }

    /** Ends every transmission to {@code peer}. */
    void forget(Peer peer) {
        pending.values().removeIf(transmission -> {
            if (transmission.key.peer().equals(peer)) {
                timers.cancel(transmission);
                return true;
            }
            return false;
        });
    }

    int size() {
        return pending.size();
    }

    void clear() {
        pending.clear();
    }
}
