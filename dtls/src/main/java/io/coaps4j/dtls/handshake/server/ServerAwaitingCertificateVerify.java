package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.alert.PeerMisbehavedException;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.PublicKeyCrypto;
import io.coaps4j.dtls.handshake.AwaitingChangeCipherSpec;
import io.coaps4j.dtls.handshake.AwaitingResult;
import io.coaps4j.dtls.handshake.Checked;
import io.coaps4j.dtls.handshake.CryptoWork;
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

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * The client presented a key and sent its ClientKeyExchange; its CertificateVerify must follow, a signature
 * over every handshake message so far (RFC 5246 section 7.4.8). The three came in one flight, so their slow
 * steps run as one offloaded job ({@link Proving}): the check of the client's key (a chain's PKIX validation),
 * the ECDH with the client's point, and the signature check. One hand-off to a crypto thread and one back to the
 * loop instead of three of each.
 *
 * <p>The client's ChangeCipherSpec may overtake a lost or reordered CertificateVerify: it is noted, and reading
 * switches to the new epoch as soon as the job has made its keys (its records wait in the record layer meanwhile);
 * the message_seq order then puts the client's Finished where its CertificateVerify belongs, and a client that
 * skipped it fails there with unexpected_message.
 */
final class ServerAwaitingCertificateVerify implements HandshakeState {
    private final ServerEcdhe ecdhe;
    /** Through the ClientKeyExchange: the session hash of the extended master secret (RFC 7627 section 3). */
    private final Transcript transcript;
    private final byte[] clientPoint;
    private final CryptoWork<Checked<PeerKeyTrusted>> clientKey;
    private final boolean changeCipherSpecSeen;

    ServerAwaitingCertificateVerify(ServerEcdhe ecdhe, Transcript transcript, byte[] clientPoint,
                                    CryptoWork<Checked<PeerKeyTrusted>> clientKey) {
        this(ecdhe, transcript, clientPoint, clientKey, false);
    }

    private ServerAwaitingCertificateVerify(ServerEcdhe ecdhe, Transcript transcript, byte[] clientPoint,
                                            CryptoWork<Checked<PeerKeyTrusted>> clientKey,
                                            boolean changeCipherSpecSeen) {
        this.ecdhe = ecdhe;
        this.transcript = transcript;
        this.clientPoint = clientPoint;
        this.clientKey = clientKey;
        this.changeCipherSpecSeen = changeCipherSpecSeen;
    }

    @Override
    public boolean acceptsChangeCipherSpec() {
        return !changeCipherSpecSeen;
    }

    /** Only noted: the keys of the new epoch do not exist before the job ran. */
    @Override
    public Transition onChangeCipherSpec(HandshakeContext context) {
        return Transition.stay(new ServerAwaitingCertificateVerify(ecdhe, transcript, clientPoint, clientKey, true));
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
        PublicKeyCrypto crypto = context.config().publicKeyCrypto();
        byte[] signed = transcript.bytes();
        CryptoWork<Checked<PeerKeyTrusted>> key = clientKey;
        byte[] point = clientPoint;
        return new Transition.Await<>(new Proving(ecdhe, transcript, through, changeCipherSpecSeen),
                () -> prove(key, crypto, verify, signed, point));
    }

    /** Runs off the loop: the failures come in the order of the client's messages (key, point, signature). */
    private Proof prove(CryptoWork<Checked<PeerKeyTrusted>> key, PublicKeyCrypto crypto, CertificateVerify verify,
                        byte[] signed, byte[] point) throws GeneralSecurityException {
        Checked<PeerKeyTrusted> trusted = key.compute();
        PeerKeyTrusted peerKey;
        try {
            peerKey = trusted.get();
        } catch (DtlsException rejected) {
            return new Proof(Checked.failed(rejected), null);
        }
        Checked<byte[]> secret = PublicKeyJobs.sharedSecret(ecdhe.ephemeral(), point);
        try {
            secret.get();
        } catch (DtlsException offCurve) {
            return new Proof(secret, null);
        }
        return new Proof(secret, PublicKeyJobs.verify(crypto, peerKey, verify.signatureAlgorithm(), signed,
                verify.signature()).compute());
    }

    /** The ECDH shared secret, then the checked signature (null when the secret already failed). */
    record Proof(Checked<byte[]> secret, Checked<SignatureVerified> signature) {
    }

    /** Waiting for the key check, the ECDH and the signature check; then the keys of epoch 1 are pending. */
    static final class Proving implements AwaitingResult<Proof> {
        private final ServerEcdhe ecdhe;
        private final Transcript keyExchanged;
        private final Transcript verified;
        private final boolean changeCipherSpecSeen;

        Proving(ServerEcdhe ecdhe, Transcript keyExchanged, Transcript verified, boolean changeCipherSpecSeen) {
            this.ecdhe = ecdhe;
            this.keyExchanged = keyExchanged;
            this.verified = verified;
            this.changeCipherSpecSeen = changeCipherSpecSeen;
        }

        @Override
        public Transition onResult(Proof proof, HandshakeContext context) throws DtlsException {
            byte[] secret = proof.secret().get();
            SignatureVerified signature = proof.signature().get();
            ServerNegotiated negotiated = ecdhe.negotiated();
            SessionKeys keys = SessionKeys.fromEcdhe(context.crypto(), negotiated.suite(), secret,
                    negotiated.clientRandom(), negotiated.serverRandom(), negotiated.extendedMasterSecret(),
                    keyExchanged);
            HandshakeState awaitingFinished = new ServerAwaitingFinished(negotiated, keys, verified,
                    PublicKeyVerifier.claim(signature));
            return new Transition.Next(
                    changeCipherSpecSeen ? awaitingFinished : new AwaitingChangeCipherSpec(awaitingFinished),
                    List.of(), Optional.of(keys.association(context.crypto(), 1, ConnectionEnd.SERVER)),
                    changeCipherSpecSeen);
        }
    }
}
