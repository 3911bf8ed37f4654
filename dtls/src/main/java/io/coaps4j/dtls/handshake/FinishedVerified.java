package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.crypto.ConnectionEnd;

/**
 * Proof that the peer's Finished matched the transcript under these session keys (RFC 5246
 * section 7.4.9). Only {@link FinishedVerifier} can make one, so holding one means the check ran
 * and passed; an established session cannot be built without it.
 */
public final class FinishedVerified {
    private final ConnectionEnd sender;
    private final SessionKeys keys;

    FinishedVerified(ConnectionEnd sender, SessionKeys keys) {
        this.sender = sender;
        this.keys = keys;
    }

    /** Whose Finished was verified. */
    public ConnectionEnd sender() {
        return sender;
    }

    /** The keys the Finished was verified under: the keys of the session it proves. */
    public SessionKeys keys() {
        return keys;
    }
}
