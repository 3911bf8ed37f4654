package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.AwaitingChangeCipherSpec;
import io.coaps4j.dtls.handshake.AwaitingResult;
import io.coaps4j.dtls.handshake.Checked;
import io.coaps4j.dtls.handshake.CryptoWork;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.PeerClaim;
import io.coaps4j.dtls.handshake.PeerKeyTrusted;
import io.coaps4j.dtls.handshake.PublicKeyJobs;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.EcdhClientKeyExchange;
import io.coaps4j.dtls.handshake.message.HandshakeType;

import java.util.List;
import java.util.Optional;

/**
 * The client's ClientKeyExchange with its ephemeral point is next (RFC 8422 section 5.7). A client that
 * presented a key must then prove it holds it with a CertificateVerify, which comes in the same flight: the
 * ECDH waits for it, and the check of the client's key, the ECDH and the signature check run as one offloaded
 * job ({@link ServerAwaitingCertificateVerify}). A client that did not present one goes straight to its
 * ChangeCipherSpec and Finished, unauthenticated, once the ECDH, awaited as an offloaded job ({@link Deriving}),
 * is done.
 */
final class ServerAwaitingEcdhKeyExchange implements HandshakeState {
    private final ServerEcdhe ecdhe;
    private final Transcript transcript;
    /** The check of the key the client presented (cheap for a raw public key, PKIX for a chain), not yet run. */
    private final Optional<CryptoWork<Checked<PeerKeyTrusted>>> clientKey;

    ServerAwaitingEcdhKeyExchange(ServerEcdhe ecdhe, Transcript transcript,
                                  Optional<CryptoWork<Checked<PeerKeyTrusted>>> clientKey) {
        this.ecdhe = ecdhe;
        this.transcript = transcript;
        this.clientKey = clientKey;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.CLIENT_KEY_EXCHANGE, name());
        Expect.epoch(message, 0, name());
        byte[] point = EcdhClientKeyExchange.decode(message.body()).point();
        Transcript through = transcript.append(HandshakeType.CLIENT_KEY_EXCHANGE, message.messageSeq(), message.body());
        if (clientKey.isPresent()) {
            return Transition.stay(new ServerAwaitingCertificateVerify(ecdhe, through, point, clientKey.get()));
        }
        return new Transition.Await<>(new Deriving(ecdhe, through),
                () -> PublicKeyJobs.sharedSecret(ecdhe.ephemeral(), point));
    }

    /** Waiting for the ECDH shared secret of an unauthenticated client; then the keys of epoch 1 are pending. */
    static final class Deriving implements AwaitingResult<Checked<byte[]>> {
        private final ServerEcdhe ecdhe;
        private final Transcript transcript;

        Deriving(ServerEcdhe ecdhe, Transcript transcript) {
            this.ecdhe = ecdhe;
            this.transcript = transcript;
        }

        @Override
        public Transition onResult(Checked<byte[]> secret, HandshakeContext context) throws DtlsException {
            ServerNegotiated negotiated = ecdhe.negotiated();
            SessionKeys keys = SessionKeys.fromEcdhe(context.crypto(), negotiated.suite(), secret.get(),
                    negotiated.clientRandom(), negotiated.serverRandom(), negotiated.extendedMasterSecret(), transcript);
            HandshakeState next = new AwaitingChangeCipherSpec(new ServerAwaitingFinished(negotiated, keys, transcript,
                    PeerClaim.anonymous()));
            return new Transition.Next(next, List.of(),
                    Optional.of(keys.association(context.crypto(), 1, ConnectionEnd.SERVER)), false);
        }
    }
}
