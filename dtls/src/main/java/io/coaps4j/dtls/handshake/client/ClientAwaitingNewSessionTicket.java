package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.handshake.AwaitingChangeCipherSpec;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.PeerClaim;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.NewSessionTicket;

/**
 * The server promised a ticket in its ServerHello, so its last flight starts with NewSessionTicket, in epoch 0
 * before its ChangeCipherSpec and covered by its Finished (RFC 5077 section 3.3); the ticket is kept with the
 * session once the Finished verifies.
 */
final class ClientAwaitingNewSessionTicket implements HandshakeState {
    private final ClientNegotiated negotiated;
    private final SessionKeys keys;
    private final Transcript transcript;
    private final PeerClaim claim;

    ClientAwaitingNewSessionTicket(ClientNegotiated negotiated, SessionKeys keys, Transcript transcript,
                                   PeerClaim claim) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.transcript = transcript;
        this.claim = claim;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.NEW_SESSION_TICKET, name());
        Expect.epoch(message, 0, name());
        NewSessionTicket ticket = NewSessionTicket.decode(message.body());
        Transcript throughTicket = transcript.append(HandshakeType.NEW_SESSION_TICKET, message.messageSeq(),
                message.body());
        // An empty ticket: the server changed its mind (RFC 5077 section 3.3); nothing to keep.
        byte[] kept = ticket.ticket().length == 0 ? null : ticket.ticket();
        return Transition.stay(new AwaitingChangeCipherSpec(new ClientAwaitingFinished(negotiated, keys, throughTicket,
                claim, kept)));
    }
}
