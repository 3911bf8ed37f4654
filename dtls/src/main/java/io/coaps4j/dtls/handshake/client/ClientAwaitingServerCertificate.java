package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.CertificateRejectedException;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.AwaitingResult;
import io.coaps4j.dtls.handshake.Checked;
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
 * After the ServerHello of the ECDHE_ECDSA suite: the server's Certificate, in the negotiated type, must hold a
 * key this client trusts, and for X.509 name the host the client reached it by, its DNS name or else its address
 * (RFC 7252 section 9.1.3.3). A chain is validated as an offloaded job.
 */
final class ClientAwaitingServerCertificate implements HandshakeState {
    private final ClientEcdhe ecdhe;
    private final Transcript transcript;

    ClientAwaitingServerCertificate(ClientEcdhe ecdhe, Transcript transcript) {
        this.ecdhe = ecdhe;
        this.transcript = transcript;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.CERTIFICATE, name());
        Expect.epoch(message, 0, name());
        CertificateMessage certificate = CertificateMessage.decode(message.body(), ecdhe.serverType(),
                PeerKeyCheck.MAX_CHAIN_LENGTH);
        if (certificate.isEmpty()) {
            throw new CertificateRejectedException(CertificateRejectedException.Kind.BAD_CERTIFICATE,
                    "the server sent no certificate");
        }
        // Reached by address, the name to check is the address literal (RFC 7252 section 9.1.3.3): never no check.
        Optional<String> expectedName = ecdhe.negotiated().offer().serverName()
                .or(() -> Optional.of(context.peer().getAddress().getHostAddress()));
        Transcript through = transcript.append(HandshakeType.CERTIFICATE, message.messageSeq(), message.body());
        if (certificate.certificateType() == CertificateType.RAW_PUBLIC_KEY) {
            PeerKeyTrusted key = PeerKeyCheck.rawPublicKey(context.config(), certificate, context.peer(),
                    ecdhe.negotiated().offer().serverName());
            return Transition.stay(new ClientAwaitingServerKeyExchange(ecdhe, key, through));
        }
        return new Transition.Await<>(new CheckingChain(ecdhe, through),
                PeerKeyCheck.chain(context.config(), certificate, ConnectionEnd.SERVER, expectedName));
    }

    /** Waiting for the validation of the server's chain. */
    static final class CheckingChain implements AwaitingResult<Checked<PeerKeyTrusted>> {
        private final ClientEcdhe ecdhe;
        private final Transcript transcript;

        CheckingChain(ClientEcdhe ecdhe, Transcript transcript) {
            this.ecdhe = ecdhe;
            this.transcript = transcript;
        }

        @Override
        public Transition onResult(Checked<PeerKeyTrusted> key, HandshakeContext context) throws DtlsException {
            return Transition.stay(new ClientAwaitingServerKeyExchange(ecdhe, key.get(), transcript));
        }
    }
}
