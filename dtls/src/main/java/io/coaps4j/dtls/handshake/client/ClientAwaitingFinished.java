package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.EstablishedSession;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.FinishedVerifier;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.Finished;
import io.coaps4j.dtls.handshake.message.HandshakeType;

import java.util.List;
import java.util.Optional;

/**
 * Reading the new epoch; the server's Finished must come in it and verify. The server proves it
 * holds the same key, so the session's peer principal is the identity whose key was used.
 */
final class ClientAwaitingFinished implements HandshakeState {
    private final ClientNegotiated negotiated;
    private final SessionKeys keys;
    private final Transcript transcript;

    ClientAwaitingFinished(ClientNegotiated negotiated, SessionKeys keys, Transcript transcript) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.transcript = transcript;
    }

    @Override
    public boolean awaitsPeerFinished() {
        return true;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.FINISHED, name());
        Expect.epoch(message, 1, name());
        FinishedVerifier.PskProof proof = FinishedVerifier.verifyPsk(context.crypto(), keys, ConnectionEnd.SERVER,
                transcript, Finished.decode(message.body()),
                Optional.of(new PskPrincipal(negotiated.offer().credentials().identity())));
        EstablishedSession session = new EstablishedSession(ConnectionEnd.CLIENT, negotiated.sessionId(),
                proof.finished(), proof.peer(), negotiated.offer().serverName());
        return new Transition.Completed(session, List.of());
    }
}
