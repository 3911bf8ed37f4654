package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.config.ExtendedMasterSecretMode;
import io.coaps4j.dtls.config.SessionTickets;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.AwaitingChangeCipherSpec;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.SessionStateCodec;
import io.coaps4j.dtls.handshake.SessionTicketSealer;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.Finished;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.NewSessionTicket;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.record.ProtocolVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's side of an abbreviated handshake (RFC 5246 section 7.3): a ClientHello, which passed the cookie
 * exchange like every other, names a cached session that may be resumed here; the server answers with
 * ServerHello, ChangeCipherSpec and Finished, then awaits the client's ChangeCipherSpec and Finished.
 */
final class ServerResumption {
    private ServerResumption() {
    }

    /**
     * The cached session {@code hello} may resume, or empty for a full handshake: resumption is on, the id is
     * cached and unexpired, the client offers its suite again, both the session and this hello use the extended
     * master secret (RFC 7627 section 5.3: otherwise no abbreviated handshake), the server name is the same
     * (RFC 6066 section 3) and so is the security mode.
     */
    static Optional<ResumableSession> candidate(ClientHello hello, HandshakeContext context,
                                                Optional<String> serverName, Optional<EcdheChoice> ecdhe)
            throws DecodeException {
        byte[] id = hello.sessionId();
        if (!context.config().resumption() || id.length == 0) {
            return Optional.empty();
        }
        Optional<ResumableSession> cached = context.sessions().find(id);
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        boolean resumable = cached.get().hasId(id) && resumableHere(cached.get(), hello, context, serverName, ecdhe);
        return resumable ? cached : Optional.empty();
    }

    /** Whether this server issues and takes session tickets (RFC 5077). */
    static boolean ticketsOn(HandshakeContext context) {
        return context.config().resumption() && context.config().sessionTickets().isPresent();
    }

    /**
     * A session resumed from a ticket, and the ticket that renews it when the presented one was sealed under an
     * older key (RFC 5077 section 3.4).
     */
    record Ticketed(ResumableSession session, Optional<NewSessionTicket> renewal) {
    }

    /**
     * The session of the ticket {@code hello} presents (RFC 5077 section 3.4), under the hello's session id, or empty
     * for a full handshake: tickets off, no ticket, one that does not open (forged, sealed under a retired key,
     * expired, another version), or a session that may not be resumed here by the rules of {@link #candidate}.
     * A ticket sealed under a key that no longer seals is renewed: sealed again under the current key, with the
     * same issue time (the renewed ticket lives no longer than the full handshake's lifetime allows).
     */
    static Optional<Ticketed> fromTicket(ClientHello hello, HandshakeContext context,
                                         Optional<String> serverName, Optional<EcdheChoice> ecdhe)
            throws DecodeException {
        Optional<byte[]> ticket = hello.extensions().sessionTicket();
        if (!ticketsOn(context) || ticket.isEmpty() || ticket.get().length == 0) {
            return Optional.empty();
        }
        SessionTickets tickets = context.config().sessionTickets().get();
        Optional<SessionStateCodec.State> state = SessionTicketSealer.open(tickets, ticket.get());
        if (state.isEmpty()) {
            return Optional.empty();
        }
        ResumableSession session = state.get().session().withSessionId(hello.sessionId());
        if (!resumableHere(session, hello, context, serverName, ecdhe)) {
            return Optional.empty();
        }
        Optional<NewSessionTicket> renewal = Optional.empty();
        if (SessionTicketSealer.sealedUnderOlderKey(tickets, ticket.get())) {
            long issuedAt = state.get().issuedAtMillis();
            long remainingSeconds = Math.max(0, (issuedAt + tickets.lifetime().toMillis() - tickets.nowMillis()) / 1000);
            renewal = Optional.of(new NewSessionTicket(remainingSeconds,
                    SessionTicketSealer.seal(tickets, state.get().session(), issuedAt)));
        }
        return Optional.of(new Ticketed(session, renewal));
    }

    private static boolean resumableHere(ResumableSession session, ClientHello hello, HandshakeContext context,
                                         Optional<String> serverName, Optional<EcdheChoice> ecdhe)
            throws DecodeException {
        CipherSuite suite = session.suite();
        boolean extended = hello.extensions().extendedMasterSecret()
                && context.config().extendedMasterSecret() != ExtendedMasterSecretMode.DISABLED;
        boolean suiteServes = hello.cipherSuites().contains(suite.code())
                && context.config().cipherSuites().contains(suite) && context.config().holdsCredentialsFor(suite);
        boolean matches = session.extendedMasterSecret() && extended && suiteServes
                && session.serverName().equals(serverName) && session.mode() == modeNow(suite, ecdhe);
        return matches && stillGranted(session, serverName, context);
    }

    /**
     * A PSK session resumes only while the store still grants its identity to this client address and server name:
     * an identity removed from the store, or scoped to other peers ({@code PskPeer}), gets a full handshake, which
     * then fails like any unknown identity (RFC 4279 section 2).
     */
    private static boolean stillGranted(ResumableSession session, Optional<String> serverName,
                                        HandshakeContext context) {
        if (!(session.principal() instanceof PskPrincipal principal)) {
            return true;
        }
        return context.config().pskStore()
                .flatMap(store -> store.serverCredentials(principal.identity(), serverName, context.peer()))
                .isPresent();
    }

    /** The security mode a full handshake with {@code suite} would have now. */
    static SecurityMode modeNow(CipherSuite suite, Optional<EcdheChoice> ecdhe) {
        if (suite.keyExchange() == CipherSuite.KeyExchange.PSK) {
            return SecurityMode.PRE_SHARED_KEY;
        }
        return ecdhe.map(choice -> choice.serverType() == io.coaps4j.dtls.handshake.message.CertificateType.RAW_PUBLIC_KEY
                ? SecurityMode.RAW_PUBLIC_KEY : SecurityMode.CERTIFICATE).orElse(null);
    }

    /**
     * The abbreviated flight for {@code session}: ServerHello (with {@code extensions}: renegotiation_info,
     * heartbeat and extended_master_secret, an empty SessionTicket when {@code renewal} is present; no
     * server_name, RFC 6066 section 3), the renewing NewSessionTicket if any (RFC 5077 section 3.4: after the
     * ServerHello, in the Finished's hash), ChangeCipherSpec and the server's Finished; the keys of epoch 1 are
     * installed before it.
     */
    static Transition resume(ResumableSession session, ClientHello hello, ReceivedMessage clientHello,
                             Extensions extensions, int helloSeq, Optional<String> serverName,
                             HandshakeContext context, boolean byTicket, Optional<NewSessionTicket> renewal) {
        byte[] serverRandom = context.crypto().random().nextBytes(ClientHello.RANDOM_LENGTH);
        ServerHello serverHello = new ServerHello(ProtocolVersion.DTLS_1_2, serverRandom, session.sessionId(),
                session.suite().code(), ClientHello.COMPRESSION_NULL, extensions);
        Transcript transcript = Transcript.empty()
                .append(HandshakeType.CLIENT_HELLO, clientHello.messageSeq(), clientHello.body())
                .append(HandshakeType.SERVER_HELLO, helloSeq, serverHello.encodeBody());
        List<OutgoingMessage> flight = new ArrayList<>(4);
        flight.add(OutgoingMessage.handshake(serverHello, helloSeq));
        int seq = helloSeq + 1;
        if (renewal.isPresent()) {
            transcript = transcript.append(HandshakeType.NEW_SESSION_TICKET, seq, renewal.get().encodeBody());
            flight.add(OutgoingMessage.handshake(renewal.get(), seq++));
        }
        SessionKeys keys = session.keys(context.crypto(), hello.random(), serverRandom);
        Finished finished = new Finished(keys.verifyData(context.crypto(), ConnectionEnd.SERVER, transcript));
        Transcript throughFinished = transcript.append(HandshakeType.FINISHED, seq, finished.encodeBody());
        flight.add(OutgoingMessage.changeCipherSpec());
        flight.add(OutgoingMessage.handshake(finished, seq));
        return new Transition.Next(new AwaitingChangeCipherSpec(
                new ServerAwaitingResumedFinished(session, keys, throughFinished, serverName, byTicket)),
                flight, Optional.of(keys.association(context.crypto(), 1, ConnectionEnd.SERVER)), false);
    }
}
