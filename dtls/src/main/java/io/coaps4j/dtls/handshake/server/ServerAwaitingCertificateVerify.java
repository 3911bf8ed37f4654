package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.alert.PeerMisbehavedException;
import io.coaps4j.dtls.handshake.AwaitingChangeCipherSpec;
import io.coaps4j.dtls.handshake.AwaitingResult;
import io.coaps4j.dtls.handshake.Checked;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.PeerKeyTrusted;
import io.coaps4j.dtls.handshake.PublicKeyJobs;
import io.coaps4j.dtls.handshake.PublicKeyVerifier;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.SignatureVerified;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.CertificateVerify;
import io.coaps4j.dtls.handshake.message.HandshakeType;

/**
 * The client presented a trusted key; its CertificateVerify must follow, a signature over every handshake
 * message so far (RFC 5246 section 7.4.8), checked as an offloaded job. A ChangeCipherSpec in its place means
 * the client skipped it: unexpected_message.
 */
final class ServerAwaitingCertificateVerify implements HandshakeState {
    private final ServerNegotiated negotiated;
    private final SessionKeys keys;
    private final Transcript transcript;
    private final PeerKeyTrusted clientKey;

    ServerAwaitingCertificateVerify(ServerNegotiated negotiated, SessionKeys keys, Transcript transcript,
                                    PeerKeyTrusted clientKey) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.transcript = transcript;
        this.clientKey = clientKey;
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return true;
    }

    @Override
    public Transition onChangeCipherSpec(HandshakeContext context) throws DtlsException {
        throw PeerMisbehavedException.unexpected("ChangeCipherSpec before the CertificateVerify of a client that"
                + " sent a certificate");
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.CERTIFICATE_VERIFY, name());
        Expect.epoch(message, 0, name());
        CertificateVerify verify = CertificateVerify.decode(message.body());
        Transcript through = transcript.append(HandshakeType.CERTIFICATE_VERIFY, message.messageSeq(), message.body());
        return new Transition.Await<>(new Verifying(negotiated, keys, through),
                PublicKeyJobs.verify(context.config().publicKeyCrypto(), clientKey, verify.signatureAlgorithm(),
                        transcript.bytes(), verify.signature()));
    }

    /** Waiting for the check of the client's signature. */
    static final class Verifying implements AwaitingResult<Checked<SignatureVerified>> {
        private final ServerNegotiated negotiated;
        private final SessionKeys keys;
        private final Transcript transcript;

        Verifying(ServerNegotiated negotiated, SessionKeys keys, Transcript transcript) {
            this.negotiated = negotiated;
            this.keys = keys;
            this.transcript = transcript;
        }

        @Override
        public Transition onResult(Checked<SignatureVerified> result, HandshakeContext context) throws DtlsException {
            SignatureVerified signature = result.get();
            return Transition.stay(new AwaitingChangeCipherSpec(new ServerAwaitingFinished(negotiated, keys, transcript,
                    PublicKeyVerifier.claim(signature))));
        }
    }
}
