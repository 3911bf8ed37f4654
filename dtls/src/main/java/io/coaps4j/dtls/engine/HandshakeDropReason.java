package io.coaps4j.dtls.engine;

/**
 * Why a handshake-level message was ignored without ending the connection (record-layer drops
 * have their own {@link io.coaps4j.dtls.record.DropReason}).
 */
public enum HandshakeDropReason {
    /** A handshake record whose fragments are malformed. */
    MALFORMED_FRAGMENT,
    /** A fragment beyond the reassembly bounds (too large, too far ahead, buffer full, inconsistent). */
    REASSEMBLY_BOUND,
    /** A ChangeCipherSpec before its keys exist, or a second one. */
    UNEXPECTED_CHANGE_CIPHER_SPEC,
    /** Application data before the handshake of its epoch completed (RFC 6347 section 4.2.4). */
    EARLY_APPLICATION_DATA,
    /** A plaintext alert after the handshake completed: unauthenticated, so not believed. */
    UNPROTECTED_ALERT,
    /** A malformed alert record. */
    MALFORMED_ALERT,
    /**
     * A heartbeat message (RFC 6520) on a connection that did not negotiate the extension, or a request from a
     * peer this side told peer_not_allowed_to_send (section 2).
     */
    HEARTBEAT_NOT_ALLOWED,
    /** A heartbeat message before the handshake completed or outside the session's epoch (epoch 0 included). */
    HEARTBEAT_OUT_OF_SESSION,
    /**
     * A heartbeat message whose payload_length does not fit the record with the minimum padding (Heartbleed),
     * longer than 2^14 bytes, or of unknown type (RFC 6520 section 4).
     */
    HEARTBEAT_MALFORMED,
    /** A HeartbeatResponse with no request in flight or another payload than the request's (section 4). */
    HEARTBEAT_UNEXPECTED_RESPONSE,
    /**
     * A return_routability_check message (RFC 9853) on a connection that did not negotiate rrc, outside the
     * session's epoch, or malformed.
     */
    RRC_NOT_ALLOWED,
    /** A path_response that answers no path_challenge of this side (RFC 9853 section 5.4: silently discarded). */
    RRC_UNEXPECTED_RESPONSE,
    /** Server: a tls12_cid datagram whose connection ID no connection has (RFC 9146): dropped silently. */
    UNKNOWN_CONNECTION_ID,
    /** Server: a datagram from an address without a connection that does not start with a ClientHello. */
    NO_CONNECTION,
    /** Server: a ClientHello without a valid cookie, answered with a HelloVerifyRequest. */
    COOKIE_MISSING_OR_INVALID,
    /** Server: a valid ClientHello refused because the handshake or connection limit was reached. */
    CONNECTION_LIMIT,
    /** Server: a valid ClientHello refused because its source IP address holds maxHandshakesPerAddress handshakes. */
    ADDRESS_HANDSHAKE_LIMIT,
    /** Server: a ClientHello too small to be answered with a HelloVerifyRequest without amplification. */
    TOO_SMALL_FOR_VERIFY_REQUEST
}
