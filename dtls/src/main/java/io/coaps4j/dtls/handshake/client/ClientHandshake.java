package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.config.ExtendedMasterSecretMode;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.CidNegotiation;
import io.coaps4j.dtls.handshake.HeartbeatNegotiation;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.message.CertificateType;
import io.coaps4j.dtls.handshake.message.CertificateTypes;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.EcPointFormats;
import io.coaps4j.dtls.handshake.message.SignatureAlgorithms;
import io.coaps4j.dtls.handshake.message.SupportedGroups;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.RenegotiationInfo;
import io.coaps4j.dtls.handshake.message.ServerNameList;
import io.coaps4j.dtls.record.ProtocolVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts a client handshake (RFC 6347 section 4.2.4 flight 1): the ClientHello offers the
 * configured suites the client holds keys for, with null compression, the extended master secret (RFC 7627), an empty
 * renegotiation_info (RFC 5746: this client never renegotiates) and, when the server was reached
 * by name, server_name (RFC 6066); with the ECDHE_ECDSA suite its curve, point format, signature algorithm and
 * certificate type extensions.
 */
public final class ClientHandshake {

    /** The first state and the flight to send. */
    public record Start(HandshakeState state, List<OutgoingMessage> flight) {
    }

    private ClientHandshake() {
    }

    /**
     * The first state and flight of a handshake authenticated with {@code keys}, towards a server reached by
     * {@code serverName} when it was addressed by name.
     *
     * @throws IllegalArgumentException when {@code keys} serve none of the configured suites, or
     *                                  {@code serverName} is an address literal
     */
    public static Start start(HandshakeContext context, ClientKeys keys, Optional<String> serverName) {
        return start(context, keys, serverName, Optional.empty());
    }

    /**
     * As {@link #start(HandshakeContext, ClientKeys, Optional)}, offering to resume {@code cached}, a session with
     * this server and name (RFC 5246 section 7.4.1.2), when resumption is on, the keys still serve its suite and the
     * extended master secret is offered (RFC 7627 section 5.3).
     */
    public static Start start(HandshakeContext context, ClientKeys keys, Optional<String> serverName,
                              Optional<ResumableSession> cached) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(cached, "cached");
        Objects.requireNonNull(serverName, "serverName");
        serverName.ifPresent(ClientHandshake::checkHostName);
        List<Integer> suites = new ArrayList<>();
        for (CipherSuite suite : context.config().cipherSuites()) {
            if (keys.canOffer(suite)) {
                suites.add(suite.code());
            }
        }
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("no credentials for the configured suites "
                    + context.config().cipherSuites() + " in " + keys);
        }
        Extensions.Builder extensions = Extensions.builder();
        serverName.ifPresent(name -> extensions.add(ServerNameList.ofHostName(name)));
        HeartbeatNegotiation.offer(context.config(), extensions);
        CidNegotiation.offer(context, extensions);
        if (context.config().extendedMasterSecret() != ExtendedMasterSecretMode.DISABLED) {
            extensions.extendedMasterSecret();
        }
        extensions.add(RenegotiationInfo.EMPTY);
        if (suites.contains(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8.code())) {
            offerEcdhe(keys, extensions);
        }
        Optional<String> name = serverName.map(n -> ServerNameList.ofHostName(n).hostName());
        Optional<ResumableSession> resuming = cached.filter(session -> context.config().resumption()
                && session.extendedMasterSecret() && suites.contains(session.suite().code())
                && context.config().extendedMasterSecret() != ExtendedMasterSecretMode.DISABLED);
        byte[] sessionId = resuming.map(ResumableSession::sessionId).orElse(new byte[0]);
        ClientHello hello = new ClientHello(ProtocolVersion.DTLS_1_2,
                context.crypto().random().nextBytes(ClientHello.RANDOM_LENGTH), sessionId, new byte[0], suites,
                new byte[] {ClientHello.COMPRESSION_NULL}, extensions.build());
        ClientOffer offer = new ClientOffer(hello, 0, keys, name, 0, resuming);
        return new Start(new ClientAwaitingServerHello(offer), List.of(OutgoingMessage.handshake(hello, 0)));
    }

    /**
     * What the ECDHE_ECDSA suite needs said (RFC 8422 section 5.1, RFC 5246 section 7.4.1.4.1): secp256r1,
     * uncompressed points, ecdsa_secp256r1_sha256; with a raw public key the certificate types of RFC 7250
     * section 3, raw public key first (without them both sides use X.509).
     */
    private static void offerEcdhe(ClientKeys keys, Extensions.Builder extensions) {
        extensions.add(new SupportedGroups(List.of(SupportedGroups.SECP256R1)));
        extensions.add(new EcPointFormats(List.of(EcPointFormats.UNCOMPRESSED)));
        extensions.add(SignatureAlgorithms.ECDSA_SHA256);
        if (keys.rawPublicKey().isPresent()) {
            List<CertificateType> types = new ArrayList<>(2);
            types.add(CertificateType.RAW_PUBLIC_KEY);
            if (keys.certificate().isPresent()) {
                types.add(CertificateType.X509);
            }
            extensions.serverCertificateTypes(CertificateTypes.of(types));
            // Our own types: those we hold a key of. Without any the extension is left out, so that an empty
            // X.509 Certificate answers a CertificateRequest (RFC 7250 section 4.1, RFC 5246 section 7.4.6).
            List<CertificateType> own = new ArrayList<>(2);
            if (keys.rawPublicKey().get().hasOwnKey()) {
                own.add(CertificateType.RAW_PUBLIC_KEY);
            }
            if (keys.certificate().isPresent() && keys.certificate().get().hasOwnKey()) {
                own.add(CertificateType.X509);
            }
            if (!own.isEmpty()) {
                extensions.clientCertificateTypes(CertificateTypes.of(own));
            }
        }
    }

    /**
     * Checks that {@code name}, the name a server was reached by, is a DNS host name: server_name
     * carries no address literals (RFC 6066 section 3).
     *
     * @throws IllegalArgumentException naming the literal otherwise
     */
    public static void checkHostName(String name) {
        boolean ipv4 = name.matches("[0-9.]+");
        if (name.isEmpty() || ipv4 || name.contains(":")) {
            throw new IllegalArgumentException("serverName must be a DNS host name, not an address literal"
                    + " (RFC 6066 section 3): " + name);
        }
    }
}
