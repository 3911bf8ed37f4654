package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.KeyAgreement;
import io.coaps4j.dtls.crypto.SignatureAlgorithm;
import io.coaps4j.dtls.crypto.Signer;
import io.coaps4j.dtls.handshake.AwaitingChangeCipherSpec;
import io.coaps4j.dtls.handshake.AwaitingResult;
import io.coaps4j.dtls.handshake.Checked;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.OwnCertificate;
import io.coaps4j.dtls.handshake.PublicKeyJobs;
import io.coaps4j.dtls.handshake.PublicKeyVerifier;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.SignatureVerified;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.CertificateMessage;
import io.coaps4j.dtls.handshake.message.CertificateRequest;
import io.coaps4j.dtls.handshake.message.CertificateVerify;
import io.coaps4j.dtls.handshake.message.EcdhClientKeyExchange;
import io.coaps4j.dtls.handshake.message.Finished;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.ServerHelloDone;
import io.coaps4j.dtls.handshake.message.SignatureAlgorithms;
import io.coaps4j.dtls.record.SecurityAssociation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's signed key exchange verified: an optional CertificateRequest, then ServerHelloDone, which makes
 * flight 5: Certificate (when requested: ours of the negotiated type, or an empty one when this client holds
 * none, RFC 5246 section 7.4.6), ClientKeyExchange with a fresh ephemeral point, CertificateVerify (when a
 * certificate went out), ChangeCipherSpec, Finished. The ECDH and the signature run as one offloaded job.
 */
final class ClientAwaitingEcdheHelloDone implements HandshakeState {
    private final ClientEcdhe ecdhe;
    private final byte[] serverPoint;
    private final SignatureVerified serverSignature;
    private final Transcript transcript;
    private final Optional<CertificateRequest> request;

    ClientAwaitingEcdheHelloDone(ClientEcdhe ecdhe, byte[] serverPoint, SignatureVerified serverSignature,
                                 Transcript transcript, Optional<CertificateRequest> request) {
        this.ecdhe = ecdhe;
        this.serverPoint = serverPoint;
        this.serverSignature = serverSignature;
        this.transcript = transcript;
        this.request = request;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.epoch(message, 0, name());
        if (request.isEmpty() && message.is(HandshakeType.CERTIFICATE_REQUEST)) {
            CertificateRequest received = CertificateRequest.decode(message.body());
            return Transition.stay(new ClientAwaitingEcdheHelloDone(ecdhe, serverPoint, serverSignature,
                    transcript.append(HandshakeType.CERTIFICATE_REQUEST, message.messageSeq(), message.body()),
                    Optional.of(received)));
        }
        Expect.type(message, HandshakeType.SERVER_HELLO_DONE, name());
        ServerHelloDone.decode(message.body());
        Transcript through = transcript.append(HandshakeType.SERVER_HELLO_DONE, message.messageSeq(), message.body());

        int seq = ecdhe.negotiated().nextSendSeq();
        List<OutgoingMessage> flight = new ArrayList<>(5);
        boolean signs = false;
        Signer signer = null;
        if (request.isPresent()) {
            // Only a key the server can check: ecdsa_sign with ecdsa_secp256r1_sha256 (RFC 8422 section 5.5).
            boolean holds = OwnCertificate.holds(context.config(), ecdhe.clientType())
                    && request.get().certificateTypes().contains(CertificateRequest.ECDSA_SIGN)
                    && request.get().signatureAlgorithms().contains(SignatureAlgorithm.ECDSA_SHA256);
            OwnCertificate own = holds ? OwnCertificate.of(context.config(), ecdhe.clientType(), Optional.empty()) : null;
            CertificateMessage certificate = holds ? own.message() : CertificateMessage.empty(ecdhe.clientType());
            signs = holds;
            signer = holds ? own.signer() : null;
            through = through.append(HandshakeType.CERTIFICATE, seq, certificate.encodeBody());
            flight.add(OutgoingMessage.handshake(certificate, seq++));
        }
        KeyAgreement ephemeral = context.config().publicKeyCrypto().ephemeralKeyAgreement(context.crypto().random());
        EcdhClientKeyExchange keyExchange = new EcdhClientKeyExchange(ephemeral.publicPoint());
        through = through.append(HandshakeType.CLIENT_KEY_EXCHANGE, seq, keyExchange.encodeBody());
        flight.add(OutgoingMessage.handshake(keyExchange, seq++));

        byte[] point = serverPoint;
        byte[] signed = signs ? through.bytes() : null;
        Signer signing = signer;
        return new Transition.Await<>(new Finishing(ecdhe, serverSignature, through, flight, seq),
                () -> new Secrets(PublicKeyJobs.sharedSecret(ephemeral, point),
                        signing == null ? null : signing.sign(signed)));
    }

    /** The ECDH shared secret and, when a certificate went out, the CertificateVerify signature. */
    record Secrets(Checked<byte[]> sharedSecret, byte[] signature) {
    }

    /** Waiting for the ECDH (and signature); then flight 5 goes out. */
    static final class Finishing implements AwaitingResult<Secrets> {
        private final ClientEcdhe ecdhe;
        private final SignatureVerified serverSignature;
        private final Transcript transcript;
        private final List<OutgoingMessage> flight;
        private final int nextSeq;

        Finishing(ClientEcdhe ecdhe, SignatureVerified serverSignature, Transcript transcript,
                  List<OutgoingMessage> flight, int nextSeq) {
            this.ecdhe = ecdhe;
            this.serverSignature = serverSignature;
            this.transcript = transcript;
            this.flight = flight;
            this.nextSeq = nextSeq;
        }

        @Override
        public Transition onResult(Secrets secrets, HandshakeContext context) throws DtlsException {
            ClientNegotiated negotiated = ecdhe.negotiated();
            // The session hash ends with the ClientKeyExchange (RFC 7627 section 3), before any CertificateVerify.
            SessionKeys keys = SessionKeys.fromEcdhe(context.crypto(), negotiated.suite(), secrets.sharedSecret().get(),
                    negotiated.offer().hello().random(), negotiated.serverRandom(), negotiated.extendedMasterSecret(),
                    transcript);
            List<OutgoingMessage> out = new ArrayList<>(flight);
            Transcript through = transcript;
            int seq = nextSeq;
            if (secrets.signature() != null) {
                CertificateVerify verify = new CertificateVerify(SignatureAlgorithms.ECDSA_SHA256.pairs().get(0),
                        secrets.signature());
                through = through.append(HandshakeType.CERTIFICATE_VERIFY, seq, verify.encodeBody());
                out.add(OutgoingMessage.handshake(verify, seq++));
            }
            Finished finished = new Finished(keys.verifyData(context.crypto(), ConnectionEnd.CLIENT, through));
            Transcript throughFinished = through.append(HandshakeType.FINISHED, seq, finished.encodeBody());
            out.add(OutgoingMessage.changeCipherSpec());
            out.add(OutgoingMessage.handshake(finished, seq));
            SecurityAssociation epoch1 = keys.association(context.crypto(), 1, ConnectionEnd.CLIENT);
            HandshakeState next = ClientAwaitingFinished.next(negotiated, keys,
                    throughFinished, PublicKeyVerifier.claim(serverSignature));
            return new Transition.Next(next, out, Optional.of(epoch1), false);
        }
    }
}
