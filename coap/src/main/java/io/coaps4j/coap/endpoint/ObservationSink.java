package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.exchange.Observation;

/** Hears, on the endpoint's event loop, that a GET made its client an observer, and that the observation ended. */
public interface ObservationSink {

    /** The client is on the list; {@code notifier} sends it notifications from any thread. */
    void registered(Observation observation, Notifier notifier);

    /** Deregistered, rejected with an RST, unacknowledged, its session closed, or replaced (RFC 7641). */
    void ended(Observation observation);

    /** Sends notifications of one endpoint. */
    @FunctionalInterface
    interface Notifier {
        /** Sends {@code state} to the observer; callable from any thread; ignored once the observation ended. */
        void notify(Observation observation, io.coaps4j.coap.exchange.CoapResponse state);
    }
}
