package io.coaps4j.coap.client;

import io.coaps4j.coap.exchange.ExchangeFailure;

/**
 * No connection to the server could be opened (e.g. the DTLS handshake failed or was refused), so
 * the request never left. {@link #getCause()} is the connector's exception (for coaps, the
 * handshake failure with its alert); {@link #failure()} is {@link ExchangeFailure#CONNECTION_FAILED}.
 */
public final class CoapConnectException extends CoapClientException {
    private static final long serialVersionUID = 1L;

    public CoapConnectException(String uri, Throwable cause) {
        super(uri, ExchangeFailure.CONNECTION_FAILED, "could not connect to " + uri + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        return cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
    }
}
