package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.CertificateRejectedException;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.Checked;
import io.coaps4j.dtls.handshake.CryptoWork;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.PeerKeyCheck;
import io.coaps4j.dtls.handshake.PeerKeyTrusted;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.CertificateMessage;
import io.coaps4j.dtls.handshake.message.CertificateType;
import io.coaps4j.dtls.handshake.message.HandshakeType;

import java.util.Optional;

/**
 * A CertificateRequest went out; the client's flight must start with its Certificate, in the negotiated type
 * (RFC 5246 section 7.4.6), checked against the server's trust: a raw public key at once (a lookup), a chain
 * later, in the one offloaded job that also does the ECDH and checks the CertificateVerify (the three arrive in
 * the same flight, so one hand-off serves them all). An empty one is refused with handshake_failure when client
 * authentication is needed and lets an unauthenticated client on when it is only wanted.
 */
final class ServerAwaitingClientCertificate implements HandshakeState {
    private final ServerEcdhe ecdhe;
    private final Transcript transcript;

    ServerAwaitingClientCertificate(ServerEcdhe ecdhe, Transcript transcript) {
        this.ecdhe = ecdhe;
        this.transcript = transcript;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.CERTIFICATE, name());
        Expect.epoch(message, 0, name());
        CertificateMessage certificate = CertificateMessage.decode(message.body(),
                ecdhe.choice().clientType().orElseThrow(), PeerKeyCheck.MAX_CHAIN_LENGTH);
        Transcript through = transcript.append(HandshakeType.CERTIFICATE, message.messageSeq(), message.body());
        if (certificate.isEmpty()) {
            if (context.config().clientAuthentication() == ClientAuthentication.NEED) {
                throw new CertificateRejectedException(CertificateRejectedException.Kind.MISSING,
                        "the client sent no certificate, and client authentication is needed");
            }
            return Transition.stay(new ServerAwaitingEcdhKeyExchange(ecdhe, through, Optional.empty()));
        }
        if (certificate.certificateType() == CertificateType.RAW_PUBLIC_KEY) {
            PeerKeyTrusted key = PeerKeyCheck.rawPublicKey(context.config(), certificate, context.peer(),
                    Optional.empty());
            CryptoWork<Checked<PeerKeyTrusted>> trusted = () -> Checked.ok(key);
            return Transition.stay(new ServerAwaitingEcdhKeyExchange(ecdhe, through, Optional.of(trusted)));
        }
        return Transition.stay(new ServerAwaitingEcdhKeyExchange(ecdhe, through, Optional.of(
                PeerKeyCheck.chain(context.config(), certificate, ConnectionEnd.CLIENT, Optional.empty()))));
    }
}
