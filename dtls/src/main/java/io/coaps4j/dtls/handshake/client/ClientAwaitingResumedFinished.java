package io.coaps4j.dtls.handshake.client;

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
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.Finished;
import io.coaps4j.dtls.handshake.message.HandshakeType;

import java.util.List;
import java.util.Optional;

/**
 * Abbreviated handshake: the server's Finished must come in epoch 1 and verify under the resumed session's keys;
 * then the client sends its ChangeCipherSpec and Finished, the last flight (RFC 5246 section 7.3).
 */
final class ClientAwaitingResumedFinished implements HandshakeState {
    private final ClientNegotiated negotiated;
    private final ResumableSession resumed;
    private final SessionKeys keys;
    private final Transcript transcript;
    /** The ticket the server renewed in this handshake (RFC 5077 section 3.4), or null. */
    private final byte[] renewedTicket;

    ClientAwaitingResumedFinished(ClientNegotiated negotiated, ResumableSession resumed, SessionKeys keys,
                                  Transcript transcript, byte[] renewedTicket) {
        this.negotiated = negotiated;
        this.resumed = resumed;
        this.keys = keys;
        this.transcript = transcript;
        this.renewedTicket = renewedTicket;
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
                Finished.decode(message.body()), PeerClaim.resumed(resumed));
        Transcript throughServerFinished = transcript.append(HandshakeType.FINISHED, message.messageSeq(),
                message.body());
        Finished finished = new Finished(keys.verifyData(context.crypto(), ConnectionEnd.CLIENT, throughServerFinished));
        EstablishedSession session = new EstablishedSession(ConnectionEnd.CLIENT, resumed.sessionId(), server,
                negotiated.offer().serverName());
        // A renewed ticket replaces the old one in the cache, verified now by the Finished that covers it.
        Optional<ResumableSession> renewed = renewedTicket == null ? Optional.empty()
                : Optional.of(resumed.withTicket(renewedTicket));
        return new Transition.Completed(session, List.of(OutgoingMessage.changeCipherSpec(),
                OutgoingMessage.handshake(finished, negotiated.nextSendSeq())), renewed);
    }
}
