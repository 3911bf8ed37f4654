package io.coaps4j.coap.client;

import io.coaps4j.coap.exchange.MessageTooLargeException;

/**
 * The request does not fit the transport (one UDP datagram, one DTLS record), so it was not sent
 * and no session was opened for it; {@link #size()} and {@link #limit()} say by how much. Until
 * block-wise transfer (RFC 7959) exists, a body that large cannot be sent.
 */
public final class CoapMessageTooLargeException extends CoapClientException {
    private static final long serialVersionUID = 1L;

    private final int size;
    private final int limit;

    public CoapMessageTooLargeException(String uri, MessageTooLargeException cause) {
        super(uri, null, uri + ": the request of " + cause.size() + " bytes exceeds the transport's limit of "
                + cause.limit() + " bytes", cause);
        this.size = cause.size();
        this.limit = cause.limit();
    }

    /** The encoded size of the request, in bytes. */
    public int size() {
        return size;
    }

    /** The largest message the transport carries, in bytes. */
    public int limit() {
        return limit;
    }
}
