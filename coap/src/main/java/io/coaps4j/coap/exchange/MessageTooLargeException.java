package io.coaps4j.coap.exchange;

/**
 * A message would not fit the transport (e.g. one DTLS record, or one UDP datagram): refused where
 * it is sent rather than dropped on the way. Block-wise transfer (RFC 7959) is how large bodies travel.
 */
public final class MessageTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int size;
    private final int limit;

    public MessageTooLargeException(int size, int limit) {
        super("a CoAP message of " + size + " bytes exceeds the transport's limit of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    /** The encoded size of the message, in bytes. */
    public int size() {
        return size;
    }

    /** The largest message the transport carries, in bytes. */
    public int limit() {
        return limit;
    }
}
