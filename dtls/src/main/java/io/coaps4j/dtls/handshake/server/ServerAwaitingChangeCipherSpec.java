package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;

import java.util.List;
import java.util.Optional;

/**
 * The keys exist; the client's ChangeCipherSpec must come next. Any handshake message now is a
 * protocol violation: the client's Finished can only be read in the new epoch (RFC 5246 section 7.1).
 */
final class ServerAwaitingChangeCipherSpec implements HandshakeState {
    private final ServerNegotiated negotiated;
    private final SessionKeys keys;
    private final Transcript transcript;
    private final Optional<PskPrincipal> principal;

    ServerAwaitingChangeCipherSpec(ServerNegotiated negotiated, SessionKeys keys, Transcript transcript,
                                   Optional<PskPrincipal> principal) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.transcript = transcript;
        this.principal = principal;
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
        return new Transition.Next(new ServerAwaitingFinished(negotiated, keys, transcript, principal), List.of(),
                Optional.empty(), true);
    }
}
