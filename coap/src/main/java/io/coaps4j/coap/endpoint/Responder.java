package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.MessageType;

/** Sends the response of a {@link ServerExchange}; callable from any thread, the first response wins. */
@FunctionalInterface
public interface Responder {

    void respond(ServerExchange exchange, CoapResponse response);

    /**
     * Answers {@code exchange}, a GET, with {@code first} and makes its client an observer when the
     * request asks for it and there is room (see {@link io.coaps4j.coap.exchange.CoapEngine#observe});
     * callable from any thread. A responder without observe support answers as to a plain GET.
     */
    default void respondObserved(ServerExchange exchange, CoapResponse first, MessageType notificationType,
                                 ObservationSink sink) {
        respond(exchange, first);
    }
}
