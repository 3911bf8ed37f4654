package io.coaps4j.coap.exchange;

import io.coaps4j.coap.messaging.MidKey;
import io.coaps4j.coap.messaging.TimerQueue;

/**
 * A message this node sent that an ACK or RST may still match by message ID: a CON being
 * retransmitted (section 4.2) or a NON request (an RST may reject it, section 4.3). Its
 * {@link TransmissionOwner} decides what a match or a timeout means.
 */
final class Transmission extends TimerQueue.Timer {
    final MidKey key;
    final byte[] datagram;
    final boolean confirmable;
    /** The request or ping it carries; null when it carries a separate response of ours. */
    final ClientExchange client;
    /** The exchange whose separate response it carries; null for a request or ping. */
    final ServerExchange server;
    final TransmissionOwner owner;
    /** The observation whose notification it carries (RFC 7641), or null. */
    Observation observation;
    /** MAX_RETRANSMIT for this message (a keep-alive ping may have its own). */
    final int maxRetransmit;
    int retransmissions;
    long timeoutNanos;

    Transmission(MidKey key, byte[] datagram, boolean confirmable, ClientExchange client, ServerExchange server,
                 TransmissionOwner owner, int maxRetransmit) {
        this.key = key;
        this.datagram = datagram;
        this.confirmable = confirmable;
        this.client = client;
        this.server = server;
        this.owner = owner;
        this.maxRetransmit = maxRetransmit;
    }

    @Override
    protected void fire(long nowNanos) {
        owner.timedOut(this, nowNanos);
    }
}
