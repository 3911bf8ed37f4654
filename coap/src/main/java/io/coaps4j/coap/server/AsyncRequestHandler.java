package io.coaps4j.coap.server;

import io.coaps4j.coap.exchange.CoapResponse;
import java.util.concurrent.CompletionStage;

/**
 * Answers a request later: when the stage completes after the separate-response threshold, the
 * client has already had an empty ACK and gets the response as a separate message.
 */
@FunctionalInterface
public interface AsyncRequestHandler {

    CompletionStage<CoapResponse> handle(CoapRequest request) throws Exception;
}
