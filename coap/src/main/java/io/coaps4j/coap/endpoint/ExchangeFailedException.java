package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.exchange.ExchangeFailure;

/** A request or ping of an endpoint ended without a response. */
public final class ExchangeFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ExchangeFailure failure;

    public ExchangeFailedException(ExchangeFailure failure, String message) {
        this(failure, message, null);
    }

    /** With the transport's exception as {@code cause} (e.g. for {@link ExchangeFailure#CONNECTION_FAILED}). */
    public ExchangeFailedException(ExchangeFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public ExchangeFailure failure() {
        return failure;
    }
}
