package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;

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
        ClientAwaitingNewSessionTicket.Received received = ClientAwaitingNewSessionTicket.read(message, transcript,
                name());
        return ClientResumption.resume(resumed, negotiated, received.throughTicket(), context, received.ticket());
    }
}
