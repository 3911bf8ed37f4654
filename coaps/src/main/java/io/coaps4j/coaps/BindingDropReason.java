package io.coaps4j.coaps;

/** Why a {@link DtlsConnector} did not send a CoAP message the engine handed it. */
public enum BindingDropReason {
    /** The peer is not a {@link SecurePeer}: it belongs to another connector. */
    NOT_A_SECURE_PEER,
    /** There is no session with the peer's address any more. */
    NO_SESSION,
    /**
     * The address has a session, but not the peer's session and epoch: a response to a secured
     * request leaves only in the session and epoch of the request (oneM2M TS-0008 clause 7).
     */
    OTHER_SESSION_OR_EPOCH,
    /** The message does not fit one DTLS record (2^14 bytes). */
    TOO_LARGE,
    /** The connector is closed or not started. */
    CLOSED
}
