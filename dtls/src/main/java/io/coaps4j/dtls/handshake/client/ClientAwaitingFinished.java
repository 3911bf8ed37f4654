package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.AwaitingChangeCipherSpec;
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

/**
 * Reading the new epoch; the server's Finished must come in it and verify, which turns the claim
 * established so far (for PSK: the server holds the key of the identity used) into the proof the
 * session is built from.
 */
final class ClientAwaitingFinished implements HandshakeState {
    private final ClientNegotiated negotiated;
    private final SessionKeys keys;
    private final Transcript transcript;
    private final PeerClaim claim;

    private final byte[] ticket;

    ClientAwaitingFinished(ClientNegotiated negotiated, SessionKeys keys, Transcript transcript, PeerClaim claim) {
        this(negotiated, keys, transcript, claim, null);
    }

    ClientAwaitingFinished(ClientNegotiated negotiated, SessionKeys keys, Transcript transcript, PeerClaim claim,
                           byte[] ticket) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.transcript = transcript;
        this.claim = claim;
        this.ticket = ticket;
    }

    /**
     * The state after the client's Finished: the server's ChangeCipherSpec and Finished, after its NewSessionTicket
     * when it promised one (RFC 5077 section 3.3).
     */
    static HandshakeState next(ClientNegotiated negotiated, SessionKeys keys, Transcript throughFinished,
                               PeerClaim claim) {
        return negotiated.ticketExpected()
                ? new ClientAwaitingNewSessionTicket(negotiated, keys, throughFinished, claim)
                : new AwaitingChangeCipherSpec(new ClientAwaitingFinished(negotiated, keys, throughFinished, claim));
    }

    @Override
    public boolean awaitsPeerFinished() {
        return true;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.FINISHED, name());
        Expect.epoch(message, 1, name());
        PeerAuthenticated server = FinishedVerifier.verify(context.crypto(), keys, ConnectionEnd.SERVER, transcript,
                Finished.decode(message.body()), claim);
        EstablishedSession session = new EstablishedSession(ConnectionEnd.CLIENT, negotiated.sessionId(), server,
                negotiated.offer().serverName());
        return new Transition.Completed(session, List.of(), ResumableSession.of(negotiated.sessionId(), server,
                negotiated.offer().serverName(), ClientResumption.modeOf(server.principal()))
                .map(resumable -> ticket == null ? resumable : resumable.withTicket(ticket)));
    }
}
