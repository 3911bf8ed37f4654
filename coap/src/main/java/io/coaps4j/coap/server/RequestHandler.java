package io.coaps4j.coap.server;

import io.coaps4j.coap.exchange.CoapResponse;

/** Answers a request synchronously. A thrown exception becomes a response through {@link ErrorMapper}. */
@FunctionalInterface
public interface RequestHandler {

    CoapResponse handle(CoapRequest request) throws Exception;
}
