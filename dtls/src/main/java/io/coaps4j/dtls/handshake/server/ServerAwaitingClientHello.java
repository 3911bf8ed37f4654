package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.alert.IncompatibleException;
import io.coaps4j.dtls.alert.PeerMisbehavedException;
import io.coaps4j.dtls.config.ExtendedMasterSecretMode;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.CidNegotiation;
import io.coaps4j.dtls.handshake.HeartbeatNegotiation;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.RenegotiationInfo;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.handshake.message.ServerNameList;
import io.coaps4j.dtls.record.ProtocolVersion;

import java.util.List;
import java.util.Optional;

/**
 * Waiting for the ClientHello (the one whose cookie the dispatcher checked). It picks the first
 * configured suite the client offers whose security mode the server holds credentials for (the
 * {@link ServerMode} then shapes the rest of the handshake), uses the extended master secret when offered (RFC 7627),
 * answers renegotiation_info or its SCSV with an empty renegotiation_info (RFC 5746 section 3.6),
 * acknowledges a server_name it has keys for (RFC 6066 section 3), and sends flight 4:
 * ServerHello, the mode's key exchange messages (PSK: ServerKeyExchange when an identity hint is
 * configured), ServerHelloDone. A hello naming a cached session that may be resumed gets the abbreviated
 * handshake instead ({@link ServerResumption}). The ECDHE_ECDSA suite serves only when {@link EcdheChoice} finds curve, point
 * format, signature algorithm and certificate types in common; its flight is {@link EcdheServerFlight}'s.
 */
final class ServerAwaitingClientHello implements HandshakeState {
    /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 section 3.3). */
    static final int RENEGOTIATION_SCSV = 0x00FF;

    private final int helloSeq;

    ServerAwaitingClientHello(int helloSeq) {
        this.helloSeq = helloSeq;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.CLIENT_HELLO, name());
        Expect.epoch(message, 0, name());
        ClientHello hello = ClientHello.decode(message.body());
        checkVersion(hello.clientVersion());
        if (!hello.offersNullCompression()) {
            throw PeerMisbehavedException.illegal("ClientHello does not offer the null compression method");
        }
        Optional<EcdheChoice> ecdhe = context.config().cipherSuites().contains(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)
                && context.config().holdsCredentialsFor(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)
                && hello.cipherSuites().contains(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8.code())
                ? EcdheChoice.of(hello, context.config()) : Optional.empty();
        CipherSuite suite = chooseSuite(hello, context, ecdhe.isPresent());
        ServerMode serverMode = ServerMode.of(suite);
        Optional<RenegotiationInfo> renegotiation = hello.extensions().renegotiationInfo();
        if (renegotiation.isPresent() && !renegotiation.get().isEmpty()) {
            throw new IncompatibleException(IncompatibleException.Kind.NO_COMMON_PARAMETERS,
                    "non-empty renegotiation_info in an initial handshake (RFC 5746 section 3.6)");
        }
        ExtendedMasterSecretMode mode = context.config().extendedMasterSecret();
        boolean offered = hello.extensions().extendedMasterSecret();
        boolean extended = offered && mode != ExtendedMasterSecretMode.DISABLED;
        if (!offered && mode == ExtendedMasterSecretMode.REQUIRED) {
            throw new IncompatibleException(IncompatibleException.Kind.REQUIRED_FEATURE_MISSING,
                    "client does not offer the extended master secret (RFC 7627), which is required");
        }
        Optional<String> serverName = hello.extensions().serverName().map(ServerNameList::hostName);
        boolean acknowledgeName = serverName.isPresent()
                && serverMode.servesName(context.config(), ecdhe, serverName.get());

        Extensions.Builder extensions = Extensions.builder();
        if (renegotiation.isPresent() || hello.cipherSuites().contains(RENEGOTIATION_SCSV)) {
            extensions.add(RenegotiationInfo.EMPTY);
        }
        HeartbeatNegotiation.answer(context.config(), hello.extensions(), extensions);
        CidNegotiation.answer(context, hello.extensions(), extensions);
        if (extended) {
            extensions.extendedMasterSecret();
        }
        Optional<ServerResumption.Ticketed> fromTicket = ServerResumption.fromTicket(hello, context, serverName, ecdhe);
        if (fromTicket.isPresent()) {
            if (fromTicket.get().renewal().isPresent()) {
                extensions.sessionTicket(new byte[0]); // RFC 5077 section 3.4: announces the renewing NewSessionTicket
            }
            return ServerResumption.resume(fromTicket.get().session(), hello, message, extensions.build(), helloSeq,
                    serverName, context, true, fromTicket.get().renewal());
        }
        Optional<ResumableSession> resumable = ServerResumption.candidate(hello, context, serverName, ecdhe);
        if (resumable.isPresent()) {
            return ServerResumption.resume(resumable.get(), hello, message, extensions.build(), helloSeq, serverName,
                    context, false, Optional.empty());
        }
        // A client that offers the SessionTicket extension gets a ticket after its Finished (RFC 5077 section 3.2),
        // when the session can be resumed at all (RFC 7627 section 5.3: only with the extended master secret).
        boolean issueTicket = extended && ServerResumption.ticketsOn(context)
                && hello.extensions().sessionTicket().isPresent();
        if (issueTicket) {
            extensions.sessionTicket(new byte[0]);
        }
        if (acknowledgeName) {
            extensions.serverNameAcknowledged();
        }
        serverMode.addHelloExtensions(ecdhe, extensions);
        byte[] serverRandom = context.crypto().random().nextBytes(ClientHello.RANDOM_LENGTH);
        byte[] sessionId = context.crypto().random().nextBytes(ClientHello.MAX_SESSION_ID_LENGTH);
        ServerHello serverHello = new ServerHello(ProtocolVersion.DTLS_1_2, serverRandom, sessionId, suite.code(),
                ClientHello.COMPRESSION_NULL, extensions.build());

        ServerNegotiated negotiated = new ServerNegotiated(suite, hello.random(), serverRandom, sessionId, extended,
                serverName, ServerResumption.modeNow(suite, ecdhe), helloSeq, issueTicket);
        return serverMode.flight(negotiated, ecdhe, message, serverHello, context);
    }

    /** DTLS versions count down (RFC 6347 section 4.1): a client offering 1.2 or later gets 1.2. */
    private static void checkVersion(ProtocolVersion offered) throws IncompatibleException {
        boolean dtls = offered.major() == ProtocolVersion.DTLS_1_2.major();
        if (!dtls || offered.minor() > ProtocolVersion.DTLS_1_2.minor()) {
            throw new IncompatibleException(IncompatibleException.Kind.PROTOCOL_VERSION,
                    "client offers " + offered + ", DTLS 1.2 is required");
        }
    }

    private static CipherSuite chooseSuite(ClientHello hello, HandshakeContext context, boolean ecdheServes)
            throws IncompatibleException {
        for (CipherSuite suite : context.config().cipherSuites()) {
            boolean serves = suite.keyExchange() != CipherSuite.KeyExchange.ECDHE_ECDSA || ecdheServes;
            if (serves && hello.cipherSuites().contains(suite.code()) && context.config().holdsCredentialsFor(suite)) {
                return suite;
            }
        }
        throw new IncompatibleException(IncompatibleException.Kind.NO_COMMON_PARAMETERS,
                "no common cipher suite; client offers " + hex(hello.cipherSuites()));
    }

    private static String hex(List<Integer> suites) {
        StringBuilder out = new StringBuilder("[");
        for (int suite : suites) {
            out.append(out.length() > 1 ? ", " : "").append(String.format("0x%04X", suite));
        }
        return out.append(']').toString();
    }
}
