package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.EstablishedSession;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.FinishedVerifier;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.PeerAuthenticated;
import io.coaps4j.dtls.handshake.PeerClaim;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.Finished;
import io.coaps4j.dtls.handshake.message.HandshakeType;

import java.util.List;
import java.util.Optional;

/**
 * Abbreviated handshake, the server's flight is out: the client's Finished must come in epoch 1 and verify under
 * the keys of the resumed master secret; it completes the handshake with the original peer (RFC 5246 section 7.3).
 */
final class ServerAwaitingResumedFinished implements HandshakeState {
    private final ResumableSession resumed;
    private final SessionKeys keys;
    private final Transcript transcript;
    private final Optional<String> serverName;
    private final boolean byTicket;

    ServerAwaitingResumedFinished(ResumableSession resumed, SessionKeys keys, Transcript transcript,
                                  Optional<String> serverName, boolean byTicket) {
        this.byTicket = byTicket;
        this.resumed = resumed;
        this.keys = keys;
        this.transcript = transcript;
        this.serverName = serverName;
    }

    @Override
    public boolean awaitsPeerFinished() {
        return true;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.FINISHED, name());
        Expect.epoch(message, 1, name());
        PeerAuthenticated client = FinishedVerifier.verify(context.crypto(), keys, ConnectionEnd.CLIENT, transcript,
                Finished.decode(message.body()), PeerClaim.resumed(resumed, byTicket));
        return new Transition.Completed(new EstablishedSession(ConnectionEnd.SERVER, resumed.sessionId(), client,
                serverName), List.of());
    }
}
