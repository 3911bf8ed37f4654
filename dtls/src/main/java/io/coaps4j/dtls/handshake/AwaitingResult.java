package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.DtlsException;

/**
 * A state that waits for the result of {@link CryptoWork} done elsewhere ({@link Transition.Await}). While
 * it waits the connection takes no handshake message from the reassembler (they stay buffered, within its
 * bounds) and no ChangeCipherSpec; retransmission goes on as before. The result arrives on the event loop.
 *
 * @param <R> the result awaited
 */
public interface AwaitingResult<R> extends HandshakeState {

    /** Goes on with {@code result}, computed by the work this state was entered with. */
    Transition onResult(R result, HandshakeContext context) throws DtlsException;

    /** Never called while waiting: the connection holds messages back. */
    @Override
    default Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        throw Expect.unexpected(message, name());
    }
}
