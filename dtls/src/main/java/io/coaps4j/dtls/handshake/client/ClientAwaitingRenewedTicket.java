package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.NewSessionTicket;

/**
 * Abbreviated handshake by ticket, and the ServerHello announced a renewal (an empty SessionTicket extension): the
 * server's NewSessionTicket comes next, in epoch 0 before its ChangeCipherSpec and covered by its Finished (RFC 5077
 * section 3.4); the new ticket replaces the old one once that Finished verifies.
 */
final class ClientAwaitingRenewedTicket implements HandshakeState {
    private final ResumableSession resumed;
    private final ClientNegotiated negotiated;
    private final Transcript transcript;

    ClientAwaitingRenewedTicket(ResumableSession resumed, ClientNegotiated negotiated, Transcript transcript) {
        this.resumed = resumed;
        this.negotiated = negotiated;
        this.transcript = transcript;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.NEW_SESSION_TICKET, name());
        Expect.epoch(message, 0, name());
        NewSessionTicket ticket = NewSessionTicket.decode(message.body());
        Transcript throughTicket = transcript.append(HandshakeType.NEW_SESSION_TICKET, message.messageSeq(),
                message.body());
        // An empty ticket: the server changed its mind (RFC 5077 section 3.3); the old one stays.
        byte[] renewed = ticket.ticket().length == 0 ? null : ticket.ticket();
        return ClientResumption.resume(resumed, negotiated, throughTicket, context, renewed);
    }
}
