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
        Received received = read(message, transcript, name());
        return Transition.stay(new AwaitingChangeCipherSpec(new ClientAwaitingFinished(negotiated, keys,
                received.throughTicket(), claim, received.ticket())));
    }

    /** A NewSessionTicket read, the transcript through it, and its ticket (null when empty). */
    record Received(Transcript throughTicket, byte[] ticket) {
    }

    /**
     * Reads the server's NewSessionTicket, which must come in epoch 0 before its ChangeCipherSpec, into the
     * transcript its Finished covers. An empty ticket: the server changed its mind (RFC 5077 section 3.3).
     */
    static Received read(ReceivedMessage message, Transcript transcript, String state) throws DtlsException {
        Expect.type(message, HandshakeType.NEW_SESSION_TICKET, state);
        Expect.epoch(message, 0, state);
        NewSessionTicket ticket = NewSessionTicket.decode(message.body());
        Transcript throughTicket = transcript.append(HandshakeType.NEW_SESSION_TICKET, message.messageSeq(),
                message.body());
        return new Received(throughTicket, ticket.ticket().length == 0 ? null : ticket.ticket());
    }
}
