package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.exchange.Observation;
import java.util.function.Consumer;

/** Hears, on the endpoint's event loop, that a GET made its client an observer, and that the observation ended. */
public interface ObservationSink extends Consumer<Observation> {

    /** The client is on the list; {@code notifier} sends it notifications from any thread. */
    void registered(Observation observation, Notifier notifier);

    /** Deregistered, rejected with an RST, unacknowledged, its session closed, or replaced (RFC 7641). */
    void ended(Observation observation);

    /**
     * The same as {@link #ended}: the sink itself is the engine's end callback, so that a registration
     * allocates no callback object that its observer would keep (the per-observer heap, issue 10).
     */
    @Override
    default void accept(Observation observation) {
        ended(observation);
    }

    /** Sends notifications of one endpoint. */
    @FunctionalInterface
    interface Notifier {
        /** Sends {@code state} to the observer; callable from any thread; ignored once the observation ended. */
        void notify(Observation observation, io.coaps4j.coap.exchange.CoapResponse state);
    }
}
