package io.coaps4j.coap.client;

import io.coaps4j.coap.exchange.ExchangeFailure;
import java.time.Duration;

/** No response arrived within the request's timeout (or the CON was never acknowledged). */
public final class CoapTimeoutException extends CoapClientException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public CoapTimeoutException(String uri, Duration timeout) {
        super(uri, ExchangeFailure.TIMEOUT, "no response from " + uri + " within " + timeout.toMillis() + " ms", null);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
