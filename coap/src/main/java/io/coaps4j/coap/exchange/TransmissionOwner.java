package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;

/** The side of the engine that sent a {@link Transmission} and acts on what becomes of it. */
interface TransmissionOwner {

    /** An ACK (empty or with a piggybacked response) matched a CON {@code transmission}. */
    void acknowledged(Transmission transmission, Message ack, long nowNanos);

    /** An empty RST matched {@code transmission}. */
    void reset(Transmission transmission, Message rst, long nowNanos);

    /** A retransmission timeout of a CON, or ACK_TIMEOUT of a NON, has passed. */
    void timedOut(Transmission transmission, long nowNanos);
}
