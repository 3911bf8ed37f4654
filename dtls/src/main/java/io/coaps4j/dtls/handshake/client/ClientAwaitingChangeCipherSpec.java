package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;

import java.util.List;
import java.util.Optional;

/** Flight 5 is out; the server's ChangeCipherSpec switches reading to the new epoch. */
final class ClientAwaitingChangeCipherSpec implements HandshakeState {
    private final ClientNegotiated negotiated;
    private final SessionKeys keys;
    private final Transcript transcript;

    ClientAwaitingChangeCipherSpec(ClientNegotiated negotiated, SessionKeys keys, Transcript transcript) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.transcript = transcript;
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
        return new Transition.Next(new ClientAwaitingFinished(negotiated, keys, transcript), List.of(),
                Optional.empty(), true);
    }
}
