package io.coaps4j.coap.client;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;

/**
 * Hears one observation of {@link CoapClient#observe}: the registration's response and each fresher
 * notification, in order, then the end; called on the client endpoint's event loop (do not block).
 */
public interface ObserveListener {

    void onNotification(CoapResponse notification);

    /**
     * The observation is over. {@code failure} null: the server ended it with a response without
     * Observe (the resource is not observable or its list is full: that response was the last
     * notification; or a 4.xx/5.xx). CANCELLED after {@link Observing#cancel}; TIMEOUT, RESET,
     * CONNECTION_FAILED or CLOSED otherwise.
     */
    default void onEnded(ExchangeFailure failure) {
    }
}
