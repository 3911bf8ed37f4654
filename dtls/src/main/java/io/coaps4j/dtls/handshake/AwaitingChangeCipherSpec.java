package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.DtlsException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Our last flight before the peer's is out, and the peer's ChangeCipherSpec is due: it switches reading
 * to the new epoch, where the state that awaits the peer's Finished takes over. The same step for either
 * role; any handshake message before it is unexpected.
 */
public final class AwaitingChangeCipherSpec implements HandshakeState {
    private final HandshakeState awaitingFinished;

    /** @param awaitingFinished the state that takes the peer's Finished in the new epoch */
    public AwaitingChangeCipherSpec(HandshakeState awaitingFinished) {
        this.awaitingFinished = Objects.requireNonNull(awaitingFinished, "awaitingFinished");
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        throw Expect.unexpected(message, name());
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return true;
    }

    @Override
    public Transition onChangeCipherSpec(HandshakeContext context) {
        return new Transition.Next(awaitingFinished, List.of(), Optional.empty(), true);
    }

    @Override
    public String name() {
        return "AwaitingChangeCipherSpec(then " + awaitingFinished.name() + ")";
    }
}
