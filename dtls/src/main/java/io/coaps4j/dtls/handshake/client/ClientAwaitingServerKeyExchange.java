package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.alert.PeerMisbehavedException;
import io.coaps4j.dtls.handshake.AwaitingResult;
import io.coaps4j.dtls.handshake.Checked;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.PeerKeyTrusted;
import io.coaps4j.dtls.handshake.PublicKeyJobs;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.SignatureVerified;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.EcdheServerKeyExchange;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.SupportedGroups;

/**
 * The server's key is trusted; its ServerKeyExchange must carry a secp256r1 point signed with that key over
 * both randoms and the parameters (RFC 8422 section 5.4). The signature is checked as an offloaded job; a
 * missing ServerKeyExchange is unexpected_message, a signature that does not verify decrypt_error.
 */
final class ClientAwaitingServerKeyExchange implements HandshakeState {
    private final ClientEcdhe ecdhe;
    private final PeerKeyTrusted serverKey;
    private final Transcript transcript;

    ClientAwaitingServerKeyExchange(ClientEcdhe ecdhe, PeerKeyTrusted serverKey, Transcript transcript) {
        this.ecdhe = ecdhe;
        this.serverKey = serverKey;
        this.transcript = transcript;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.SERVER_KEY_EXCHANGE, name());
        Expect.epoch(message, 0, name());
        EcdheServerKeyExchange keyExchange = EcdheServerKeyExchange.decode(message.body());
        if (keyExchange.namedCurve() != SupportedGroups.SECP256R1) {
            throw PeerMisbehavedException.illegal("the server chose curve " + keyExchange.namedCurve()
                    + ", only secp256r1 was offered");
        }
        byte[] signed = EcdheServerKeyExchange.signedContent(ecdhe.negotiated().offer().hello().random(),
                ecdhe.negotiated().serverRandom(), keyExchange.params());
        Transcript through = transcript.append(HandshakeType.SERVER_KEY_EXCHANGE, message.messageSeq(), message.body());
        return new Transition.Await<>(new Verifying(ecdhe, keyExchange.point(), through),
                PublicKeyJobs.verify(context.config().publicKeyCrypto(), serverKey, keyExchange.signatureAlgorithm(),
                        signed, keyExchange.signature()));
    }

    /** Waiting for the check of the server's signature. */
    static final class Verifying implements AwaitingResult<Checked<SignatureVerified>> {
        private final ClientEcdhe ecdhe;
        private final byte[] serverPoint;
        private final Transcript transcript;

        Verifying(ClientEcdhe ecdhe, byte[] serverPoint, Transcript transcript) {
            this.ecdhe = ecdhe;
            this.serverPoint = serverPoint;
            this.transcript = transcript;
        }

        @Override
        public Transition onResult(Checked<SignatureVerified> result, HandshakeContext context) throws DtlsException {
            return Transition.stay(new ClientAwaitingEcdheHelloDone(ecdhe, serverPoint, result.get(), transcript,
                    java.util.Optional.empty()));
        }
    }
}
