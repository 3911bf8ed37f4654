package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.crypto.KeyAgreement;
import io.coaps4j.dtls.crypto.Signer;
import io.coaps4j.dtls.handshake.AwaitingResult;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.OwnCertificate;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.CertificateMessage;
import io.coaps4j.dtls.handshake.message.CertificateRequest;
import io.coaps4j.dtls.handshake.message.EcPointFormats;
import io.coaps4j.dtls.handshake.message.EcdheServerKeyExchange;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.HandshakeMessage;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.handshake.message.ServerHelloDone;
import io.coaps4j.dtls.handshake.message.SignatureAlgorithms;
import io.coaps4j.dtls.handshake.message.SupportedGroups;

import java.util.ArrayList;
import java.util.List;

/**
 * Flight 4 of TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8: ServerHello, Certificate (the chain or the raw public key),
 * ServerKeyExchange with a fresh ephemeral secp256r1 point signed over both randoms and the parameters (RFC 8422
 * section 5.4), CertificateRequest when the client is to authenticate (RFC 5246 section 7.4.4), ServerHelloDone.
 * The signature is slow, so the state waits for it as an offloaded job ({@link Signing}).
 */
final class EcdheServerFlight {
    private EcdheServerFlight() {
    }

    /** The ServerHello extensions of the choice: the certificate types chosen (RFC 7250 section 4), the point format. */
    static void answer(EcdheChoice choice, Extensions.Builder extensions) {
        if (choice.answerServerType()) {
            extensions.chosenServerCertificateType(choice.serverType());
        }
        if (choice.answerClientType()) {
            extensions.chosenClientCertificateType(choice.clientType().orElseThrow());
        }
        if (choice.answerPointFormats()) {
            // RFC 8422 section 5.2: a server that selects an ECC suite answers the client's ec_point_formats.
            extensions.add(new EcPointFormats(List.of(EcPointFormats.UNCOMPRESSED)));
        }
    }

    /** Sends nothing yet: the ephemeral key is made here, the signature over it is awaited. */
    static Transition start(ServerNegotiated negotiated, EcdheChoice choice, ReceivedMessage clientHello,
                            ServerHello serverHello, HandshakeContext context) {
        OwnCertificate own = OwnCertificate.of(context.config(), choice.serverType(), negotiated.serverName());
        CertificateMessage certificate = own.message();
        int seq = negotiated.nextSendSeq();
        Transcript transcript = Transcript.empty()
                .append(HandshakeType.CLIENT_HELLO, clientHello.messageSeq(), clientHello.body())
                .append(HandshakeType.SERVER_HELLO, seq, serverHello.encodeBody())
                .append(HandshakeType.CERTIFICATE, seq + 1, certificate.encodeBody());
        KeyAgreement ephemeral = context.config().publicKeyCrypto().ephemeralKeyAgreement(context.crypto().random());
        byte[] params = EcdheServerKeyExchange.params(SupportedGroups.SECP256R1, ephemeral.publicPoint());
        byte[] signed = EcdheServerKeyExchange.signedContent(negotiated.clientRandom(), negotiated.serverRandom(), params);
        Signer signer = own.signer();
        Signing signing = new Signing(negotiated, choice, ephemeral, List.of(serverHello, certificate), transcript);
        return new Transition.Await<>(signing, () -> signer.sign(signed));
    }

    /** Waiting for the ServerKeyExchange signature; then the flight goes out. */
    static final class Signing implements AwaitingResult<byte[]> {
        private final ServerNegotiated negotiated;
        private final EcdheChoice choice;
        private final KeyAgreement ephemeral;
        private final List<HandshakeMessage> before;
        private final Transcript transcript;

        Signing(ServerNegotiated negotiated, EcdheChoice choice, KeyAgreement ephemeral, List<HandshakeMessage> before,
                Transcript transcript) {
            this.negotiated = negotiated;
            this.choice = choice;
            this.ephemeral = ephemeral;
            this.before = before;
            this.transcript = transcript;
        }

        @Override
        public Transition onResult(byte[] signature, HandshakeContext context) throws DtlsException {
            List<HandshakeMessage> messages = new ArrayList<>(before);
            messages.add(new EcdheServerKeyExchange(SupportedGroups.SECP256R1, ephemeral.publicPoint(),
                    SignatureAlgorithms.ECDSA_SHA256.pairs().get(0), signature));
            if (choice.clientType().isPresent()) {
                messages.add(CertificateRequest.ecdsa());
            }
            messages.add(ServerHelloDone.INSTANCE);
            List<OutgoingMessage> flight = new ArrayList<>(messages.size());
            int seq = negotiated.nextSendSeq();
            Transcript through = transcript;
            for (int i = 0; i < messages.size(); i++) {
                HandshakeMessage message = messages.get(i);
                if (i >= before.size()) {
                    through = through.append(message.type(), seq, message.encodeBody());
                }
                flight.add(OutgoingMessage.handshake(message, seq++));
            }
            ServerEcdhe ecdhe = new ServerEcdhe(negotiated.withNextSendSeq(seq), choice, ephemeral);
            HandshakeState next = choice.clientType().isPresent()
                    ? new ServerAwaitingClientCertificate(ecdhe, through)
                    : new ServerAwaitingEcdhKeyExchange(ecdhe, through, java.util.Optional.empty());
            return Transition.send(next, flight);
        }
    }
}
