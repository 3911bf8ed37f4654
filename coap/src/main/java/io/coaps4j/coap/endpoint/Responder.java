package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ServerExchange;

/** Sends the response of a {@link ServerExchange}; callable from any thread, the first response wins. */
@FunctionalInterface
public interface Responder {

    void respond(ServerExchange exchange, CoapResponse response);
}
