package io.coaps4j.coap.exchange;

import io.coaps4j.coap.messaging.MidKey;
import io.coaps4j.coap.messaging.TimerQueue;

/**
 * A message this node sent that an ACK or RST may still match by message ID: a CON being
 * retransmitted (section 4.2) or a NON request (an RST may reject it, section 4.3). Its owner is
 * either a {@link ClientExchange} or a {@link ServerExchange} whose separate response it carries.
 */
final class Transmission extends TimerQueue.Timer {
    final MidKey key;
    final byte[] datagram;
    final boolean confirmable;
    final ClientExchange client;
    final ServerExchange server;
    final CoapEngine engine;
    int retransmissions;
    long timeoutNanos;

    Transmission(CoapEngine engine, MidKey key, byte[] datagram, boolean confirmable, ClientExchange client,
                 ServerExchange server) {
        this.engine = engine;
        this.key = key;
        this.datagram = datagram;
        this.confirmable = confirmable;
        this.client = client;
        this.server = server;
    }

    @Override
    protected void fire(long nowNanos) {
        engine.retransmissionTimeout(this, nowNanos);
    }
}
