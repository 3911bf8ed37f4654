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

import java.util.List;
import java.util.Optional;

/**
 * The client presented a trusted key; its CertificateVerify must follow, a signature over every handshake
 * message so far (RFC 5246 section 7.4.8), checked as an offloaded job. The client's ChangeCipherSpec may
 * overtake a lost or reordered CertificateVerify, so it switches reading to the new epoch without ending the
 * wait; the message_seq order then puts the client's Finished where its CertificateVerify belongs, and a
 * client that skipped it fails there with unexpected_message.
 */
final class ServerAwaitingCertificateVerify implements HandshakeState {
    private final ServerNegotiated negotiated;
    private final SessionKeys keys;
    private final Transcript transcript;
    private final PeerKeyTrusted clientKey;
    private final boolean changeCipherSpecSeen;

    ServerAwaitingCertificateVerify(ServerNegotiated negotiated, SessionKeys keys, Transcript transcript,
                                    PeerKeyTrusted clientKey) {
        this(negotiated, keys, transcript, clientKey, false);
    }

    private ServerAwaitingCertificateVerify(ServerNegotiated negotiated, SessionKeys keys, Transcript transcript,
                                            PeerKeyTrusted clientKey, boolean changeCipherSpecSeen) {
        this.negotiated = negotiated;
        this.keys = keys;
        this.transcript = transcript;
        this.clientKey = clientKey;
        this.changeCipherSpecSeen = changeCipherSpecSeen;
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return !changeCipherSpecSeen;
    }

    @Override
    public Transition onChangeCipherSpec(HandshakeContext context) {
        return new Transition.Next(new ServerAwaitingCertificateVerify(negotiated, keys, transcript, clientKey, true),
                List.of(), Optional.empty(), true);
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        if (!message.is(HandshakeType.CERTIFICATE_VERIFY)) {
            throw PeerMisbehavedException.unexpected(message + " where the CertificateVerify of a client that sent"
                    + " a certificate belongs (RFC 5246 section 7.4.8)");
        }
        Expect.epoch(message, 0, name());
        CertificateVerify verify = CertificateVerify.decode(message.body());
        Transcript through = transcript.append(HandshakeType.CERTIFICATE_VERIFY, message.messageSeq(), message.body());
        return new Transition.Await<>(new Verifying(negotiated, keys, through, changeCipherSpecSeen),
                PublicKeyJobs.verify(context.config().publicKeyCrypto(), clientKey, verify.signatureAlgorithm(),
                        transcript.bytes(), verify.signature()));
    }

    /** Waiting for the check of the client's signature. */
    static final class Verifying implements AwaitingResult<Checked<SignatureVerified>> {
        private final ServerNegotiated negotiated;
        private final SessionKeys keys;
        private final Transcript transcript;
        private final boolean changeCipherSpecSeen;

        Verifying(ServerNegotiated negotiated, SessionKeys keys, Transcript transcript, boolean changeCipherSpecSeen) {
            this.negotiated = negotiated;
            this.keys = keys;
            this.transcript = transcript;
            this.changeCipherSpecSeen = changeCipherSpecSeen;
        }

        @Override
        public Transition onResult(Checked<SignatureVerified> result, HandshakeContext context) throws DtlsException {
            SignatureVerified signature = result.get();
            HandshakeState awaitingFinished = new ServerAwaitingFinished(negotiated, keys, transcript,
                    PublicKeyVerifier.claim(signature));
            return Transition.stay(changeCipherSpecSeen ? awaitingFinished : new AwaitingChangeCipherSpec(awaitingFinished));
        }
    }
}
