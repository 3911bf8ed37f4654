package io.coaps4j.dtls.handshake;

import java.security.GeneralSecurityException;

/**
 * A slow cryptographic computation a handshake state needs (a signature, a signature check, a key
 * agreement), to be run away from the event loop. It may run on any thread, so it must only read
 * immutable inputs it captured; its result goes back to the {@link AwaitingResult} state on the loop.
 *
 * @param <R> the result
 */
@FunctionalInterface
public interface CryptoWork<R> {

    /** Computes the result; a failure ends the handshake with internal_error. */
    R compute() throws GeneralSecurityException;
}
