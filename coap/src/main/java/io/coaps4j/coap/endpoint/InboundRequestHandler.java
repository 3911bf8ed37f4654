package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.exchange.ServerExchange;

/**
 * Serves the requests an endpoint receives; called on the endpoint's event loop. Answer through
 * the {@link Responder}, now (piggybacked) or later from any thread (separate response when slow).
 */
@FunctionalInterface
public interface InboundRequestHandler {

    void onRequest(ServerExchange exchange, Responder responder);
}
