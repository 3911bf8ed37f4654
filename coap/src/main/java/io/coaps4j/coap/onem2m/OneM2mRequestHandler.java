package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.server.CoapRequest;

/**
 * Serves a request primitive: the Receiver's oneM2M processing. {@code coap} is the request as received,
 * for its peer and principal (over coaps, the DTLS identity). A thrown exception becomes
 * INTERNAL_SERVER_ERROR (5000, CoAP 5.00).
 */
@FunctionalInterface
public interface OneM2mRequestHandler {

    ResponsePrimitive handle(RequestPrimitive request, CoapRequest coap) throws Exception;
}
