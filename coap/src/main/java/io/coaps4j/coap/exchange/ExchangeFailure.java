package io.coaps4j.coap.exchange;

/** Why a client exchange ended without a response. */
public enum ExchangeFailure {
    /** No response within the request's timeout, or the CON was never acknowledged (MAX_TRANSMIT_WAIT). */
    TIMEOUT,
    /** The peer rejected the request with an RST (RFC 7252 section 4.2, 4.3). */
    RESET,
    /** The caller cancelled it. */
    CANCELLED,
    /** The transport lost the peer (e.g. its secure session closed). */
    PEER_LOST,
    /** The engine shut down. */
    CLOSED,
    /** The transport could not reach the peer before the request left (e.g. the DTLS handshake failed). */
    CONNECTION_FAILED,
    /**
     * A block-wise transfer (RFC 7959) could not complete: the body exceeds the configured limit, or the
     * peer changed the representation or broke the block sequence in the middle of it.
     */
    TRANSFER_FAILED
}
