package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.PeerMisbehavedException;
import io.coaps4j.dtls.handshake.message.HandshakeType;

/** Checks that a received message is the one a state expects. */
public final class Expect {
    private Expect() {
    }

    /** Fails with unexpected_message unless {@code message} has {@code type}. */
    public static void type(ReceivedMessage message, HandshakeType type, String state) throws PeerMisbehavedException {
        if (!message.is(type)) {
            throw unexpected(message, state);
        }
    }

    /** Fails with unexpected_message unless {@code message} came in epoch {@code epoch}. */
    public static void epoch(ReceivedMessage message, int epoch, String state) throws PeerMisbehavedException {
        if (message.epoch() != epoch) {
            throw PeerMisbehavedException.unexpected(message + " in epoch " + message.epoch() + " while " + state
                    + " expects epoch " + epoch);
        }
    }

    public static PeerMisbehavedException unexpected(ReceivedMessage message, String state) {
        return PeerMisbehavedException.unexpected(message + " is not expected in " + state);
    }
}
