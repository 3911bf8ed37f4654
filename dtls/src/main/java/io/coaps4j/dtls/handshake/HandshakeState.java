package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.alert.PeerMisbehavedException;

/**
 * One state of a handshake: an immutable value holding exactly what is known at that point.
 * Handling the next message returns the next state (or the session); anything the state does not
 * expect is an unexpected_message failure.
 */
public interface HandshakeState {

    /** Handles the next handshake message in message_seq order. */
    Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException;

    /**
     * True when the peer's ChangeCipherSpec is due now. A ChangeCipherSpec at any other time is
     * dropped by the connection without reaching the state: with loss and reordering it may come
     * before the messages it follows, and it must never switch keys before they exist.
     */
    default boolean acceptsChangeCipherSpec() {
        return false;
    }

    /** Handles the peer's ChangeCipherSpec; called only when {@link #acceptsChangeCipherSpec()}. */
    default Transition onChangeCipherSpec(HandshakeContext context) throws DtlsException {
        throw PeerMisbehavedException.unexpected("ChangeCipherSpec in " + getClass().getSimpleName());
    }

    /**
     * True while the peer's Finished is due in the new epoch: records of that epoch that fail
     * authentication, with none that authenticates, until the retransmission timer fires then mean the
     * peer derived other keys (a wrong or unknown PSK), which ends the handshake with decrypt_error.
     */
    default boolean awaitsPeerFinished() {
        return false;
    }

    /** A short name for diagnostics. */
    default String name() {
        return getClass().getSimpleName();
    }
}
