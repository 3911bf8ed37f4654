package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.EstablishedSession;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.FinishedVerifier;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.PeerAuthenticated;
import io.coaps4j.dtls.handshake.PeerClaim;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.SessionTicketSealer;
import io.coaps4j.dtls.config.SessionTickets;
import io.coaps4j.dtls.handshake.message.NewSessionTicket;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.Finished;
import io.coaps4j.dtls.handshake.message.HandshakeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading the new epoch; the client's Finished must come in it and verify, which turns the claim made so
 * far (for PSK: the identity the store knows, or an unknown one that fails like a wrong key) into the
 * proof the session is built from. Then the server sends
 * its last flight, ChangeCipherSpec and Finished (RFC 6347 section 4.2.4 flight 6).
 */
final class ServerAwaitingFinished implements HandshakeState {
    private final ServerNegotiated negotiated;
    private final SessionKeys keys;
    private final Transcript transcript;
    private final PeerClaim claim;

    ServerAwaitingFinished(ServerNegotiated negotiated, SessionKeys keys, Transcript transcript, PeerClaim claim) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.transcript = transcript;
        this.claim = claim;
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
                Finished.decode(message.body()), claim);
        Transcript throughClientFinished = transcript.append(HandshakeType.FINISHED, message.messageSeq(), message.body());
        Optional<ResumableSession> resumable = ResumableSession.of(negotiated.sessionId(), client,
                negotiated.serverName(), negotiated.mode());
        // A session cached for resumption and the idle session share its id and master secret.
        EstablishedSession session = new EstablishedSession(ConnectionEnd.SERVER, negotiated.sessionId(),
                client, negotiated.serverName(), negotiated.issueTicket() ? Optional.empty() : resumable);
        List<OutgoingMessage> flight = new ArrayList<>(3);
        int seq = negotiated.nextSendSeq();
        if (negotiated.issueTicket() && resumable.isPresent()) {
            // RFC 5077 section 3.3: the NewSessionTicket goes before ChangeCipherSpec and is in the Finished's hash.
            // The ticket holds the session: the server keeps nothing of it in its cache.
            SessionTickets tickets = context.config().sessionTickets().orElseThrow();
            NewSessionTicket ticket = new NewSessionTicket(tickets.lifetime().toSeconds(),
                    SessionTicketSealer.seal(tickets, resumable.get(), tickets.nowMillis()));
            throughClientFinished = throughClientFinished.append(HandshakeType.NEW_SESSION_TICKET, seq,
                    ticket.encodeBody());
            flight.add(OutgoingMessage.handshake(ticket, seq++));
            resumable = Optional.empty();
        }
        Finished finished = new Finished(keys.verifyData(context.crypto(), ConnectionEnd.SERVER, throughClientFinished));
        flight.add(OutgoingMessage.changeCipherSpec());
        flight.add(OutgoingMessage.handshake(finished, seq));
        return new Transition.Completed(session, flight, resumable);
    }
}
