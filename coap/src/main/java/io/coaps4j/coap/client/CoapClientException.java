package io.coaps4j.coap.client;

import io.coaps4j.coap.exchange.ExchangeFailure;

/** A client request ended without a response; the message names the URI and the reason. */
public class CoapClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String uri;
    private final transient ExchangeFailure failure;

    public CoapClientException(String uri, ExchangeFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.uri = uri;
        this.failure = failure;
    }

    /** The request's URI. */
    public String uri() {
        return uri;
    }

    /** Why it failed; null when the request never reached the engine (e.g. unknown host). */
    public ExchangeFailure failure() {
        return failure;
    }
}
