package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.alert.IncompatibleException;
import io.coaps4j.dtls.alert.PeerMisbehavedException;
import io.coaps4j.dtls.config.ExtendedMasterSecretMode;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.Extension;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.HelloVerifyRequest;
import io.coaps4j.dtls.handshake.message.RenegotiationInfo;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.record.ProtocolVersion;

import java.util.List;
import java.util.Optional;

/**
 * The ClientHello is out; a HelloVerifyRequest (send the hello again with its cookie, RFC 6347
 * section 4.2.1) or the ServerHello may come.
 */
final class ClientAwaitingServerHello implements HandshakeState {
    /** A server asking for more cookies than this is not going anywhere. */
    static final int MAX_HELLO_VERIFY_REQUESTS = 4;

    private final ClientOffer offer;

    ClientAwaitingServerHello(ClientOffer offer) {
        this.offer = offer;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.epoch(message, 0, name());
        if (message.is(HandshakeType.HELLO_VERIFY_REQUEST)) {
            return onHelloVerifyRequest(HelloVerifyRequest.decode(message.body()));
        }
        Expect.type(message, HandshakeType.SERVER_HELLO, name());
        ServerHello hello = ServerHello.decode(message.body());
        ClientNegotiated negotiated = negotiate(hello, context);
        Transcript transcript = Transcript.empty()
                .append(HandshakeType.CLIENT_HELLO, offer.helloSeq(), offer.hello().encodeBody())
                .append(HandshakeType.SERVER_HELLO, message.messageSeq(), message.body());
        Optional<ResumableSession> resumed = offer.resuming()
                .filter(session -> hello.sessionId().length > 0 && session.hasId(hello.sessionId()));
        if (resumed.isPresent()) {
            ClientResumption.check(resumed.get(), negotiated);
            if (negotiated.ticketExpected()) {
                // RFC 5077 section 3.4: the server renews the ticket; its NewSessionTicket comes before its CCS.
                return Transition.stay(new ClientAwaitingRenewedTicket(resumed.get(), negotiated, transcript));
            }
            return ClientResumption.resume(resumed.get(), negotiated, transcript, context, null);
        }
        return Transition.stay(afterServerHello(negotiated, hello, transcript));
    }

    /** The state that reads the rest of the server's flight, which depends on the chosen suite's key exchange. */
    private static HandshakeState afterServerHello(ClientNegotiated negotiated, ServerHello hello,
                                                   Transcript transcript) throws DtlsException {
        return switch (negotiated.suite().keyExchange()) {
            case PSK -> new ClientAwaitingServerHelloDone(negotiated,
                    negotiated.offer().keys().psk().orElseThrow(), transcript, false);
            case ECDHE_ECDSA -> new ClientAwaitingServerCertificate(ClientEcdhe.of(negotiated, hello), transcript);
        };
    }

    private Transition onHelloVerifyRequest(HelloVerifyRequest request) throws DtlsException {
        if (offer.helloVerifyRequests() >= MAX_HELLO_VERIFY_REQUESTS) {
            throw PeerMisbehavedException.unexpected("more than " + MAX_HELLO_VERIFY_REQUESTS + " HelloVerifyRequests");
        }
        // The version only says how the packet is formatted (RFC 6347 section 4.2.1); it negotiates nothing.
        ClientHello again = offer.hello().withCookie(request.cookie());
        int seq = offer.helloSeq() + 1;
        ClientOffer next = new ClientOffer(again, seq, offer.keys(), offer.serverName(),
                offer.helloVerifyRequests() + 1, offer.resuming());
        return Transition.send(new ClientAwaitingServerHello(next), List.of(OutgoingMessage.handshake(again, seq)));
    }

    private ClientNegotiated negotiate(ServerHello hello, HandshakeContext context) throws DtlsException {
        if (!hello.serverVersion().equals(ProtocolVersion.DTLS_1_2)) {
            throw new IncompatibleException(IncompatibleException.Kind.PROTOCOL_VERSION,
                    "server chose " + hello.serverVersion() + ", only DTLS 1.2 is supported");
        }
        Optional<CipherSuite> suite = CipherSuite.forCode(hello.cipherSuite());
        if (suite.isEmpty() || !context.config().cipherSuites().contains(suite.get()) || !offer.keys().canOffer(suite.get())) {
            throw PeerMisbehavedException.illegal(String.format("server chose suite 0x%04X, which was not offered",
                    hello.cipherSuite()));
        }
        if (hello.compressionMethod() != ClientHello.COMPRESSION_NULL) {
            throw PeerMisbehavedException.illegal("server chose compression " + hello.compressionMethod());
        }
        for (Extension extension : hello.extensions().list()) {
            // RFC 5246 section 7.4.1.4: an extension the client did not offer ends the handshake.
            if (!offer.hello().extensions().contains(extension.type())) {
                throw new PeerMisbehavedException(PeerMisbehavedException.Kind.UNSOLICITED_EXTENSION,
                        "server sent extension " + extension.type() + " that was not offered");
            }
        }
        Optional<RenegotiationInfo> renegotiation = hello.extensions().renegotiationInfo();
        if (renegotiation.isPresent() && !renegotiation.get().isEmpty()) {
            // RFC 5746 section 3.4: an initial handshake must see an empty renegotiated_connection.
            throw new IncompatibleException(IncompatibleException.Kind.NO_COMMON_PARAMETERS,
                    "server sent a non-empty renegotiation_info in an initial handshake");
        }
        hello.extensions().serverNameAcknowledged();
        boolean extended = hello.extensions().extendedMasterSecret();
        if (!extended && context.config().extendedMasterSecret() == ExtendedMasterSecretMode.REQUIRED) {
            throw new IncompatibleException(IncompatibleException.Kind.REQUIRED_FEATURE_MISSING,
                    "server does not support the extended master secret (RFC 7627), which is required");
        }
        Optional<byte[]> ticket = hello.extensions().sessionTicket();
        if (ticket.isPresent() && ticket.get().length != 0) {
            throw PeerMisbehavedException.illegal("SessionTicket in a ServerHello must be empty (RFC 5077 section 3.2)");
        }
        return new ClientNegotiated(offer, suite.get(), hello.random(), hello.sessionId(), extended, ticket.isPresent());
    }
}
