package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.AuthenticationFailedException;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskIdentity;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import io.coaps4j.dtls.credentials.TestKeys;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.JcaEcdsa;
import io.coaps4j.dtls.handshake.message.Finished;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proofs an established session rests on, per mode, and that only a verified Finished completes them. */
class ProofsTest {
    private static final KeyPair OWN = TestKeys.p256();
    private static final KeyPair PEER = TestKeys.p256();

    private final CryptoContext crypto = CryptoContext.create();
    private final Transcript transcript = Transcript.empty().append(HandshakeType.CLIENT_HELLO, 0, new byte[] {1, 2, 3});
    private final SessionKeys keys = SessionKeys.fromPsk(crypto, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
            PreSharedKey.of(new byte[16]), new byte[32], new byte[32], true, transcript);
    private final Finished clientFinished = new Finished(keys.verifyData(crypto, ConnectionEnd.CLIENT, transcript));

    @Test
    void aPskIdentityIsAuthenticatedByItsFinished() throws Exception {
        PskPrincipal principal = new PskPrincipal(PskIdentity.of("device"));

        PeerAuthenticated proof = FinishedVerifier.verify(crypto, keys, ConnectionEnd.CLIENT, transcript, clientFinished,
                PeerClaim.psk(principal));

        assertThat(proof.principal()).isEqualTo(principal);
        assertThat(proof.evidence()).isInstanceOf(PeerEvidence.PskFinished.class);
        assertThat(proof.finished().sender()).isEqualTo(ConnectionEnd.CLIENT);
        assertThat(new EstablishedSession(ConnectionEnd.SERVER, new byte[32], proof, Optional.empty()).peer())
                .isEqualTo(principal);
        assertThatThrownBy(() -> new EstablishedSession(ConnectionEnd.CLIENT, new byte[32], proof, Optional.empty()))
                .hasMessageContaining("own");
    }

    @Test
    void anUnknownPskIdentityFailsLikeAWrongFinishedEvenWithTheRightBytes() {
        assertThatThrownBy(() -> FinishedVerifier.verify(crypto, keys, ConnectionEnd.CLIENT, transcript, clientFinished,
                PeerClaim.unknownPsk()))
                .isInstanceOf(AuthenticationFailedException.class).hasMessage("the client Finished does not verify");
        Finished wrong = new Finished(keys.verifyData(crypto, ConnectionEnd.SERVER, transcript));
        assertThatThrownBy(() -> FinishedVerifier.verify(crypto, keys, ConnectionEnd.CLIENT, transcript, wrong,
                PeerClaim.psk(new PskPrincipal(PskIdentity.of("device")))))
                .isInstanceOf(AuthenticationFailedException.class).hasMessage("the client Finished does not verify");
    }

    @Test
    void aRawPublicKeyPeerIsAuthenticatedByATrustedKeyItsSignatureAndItsFinished() throws Exception {
        RawPublicKeyCredentials trust = new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(),
                Set.of(PEER.getPublic()));
        byte[] signed = {7, 7, 7};
        byte[] signature = JcaEcdsa.signer(PEER.getPrivate()).sign(signed);

        PeerKeyTrusted key = PublicKeyVerifier.rawPublicKey(trust, PEER.getPublic());
        SignatureVerified verified = PublicKeyVerifier.signature(key, JcaEcdsa.verifier(key.key()), signed, signature);
        PeerAuthenticated proof = FinishedVerifier.verify(crypto, keys, ConnectionEnd.CLIENT, transcript, clientFinished,
                PublicKeyVerifier.claim(verified));

        assertThat(proof.principal()).isEqualTo(new RawPublicKeyPrincipal(PEER.getPublic()));
        PeerEvidence.SignedHandshake evidence = (PeerEvidence.SignedHandshake) proof.evidence();
        assertThat(evidence.key()).isSameAs(key);
        assertThat(evidence.signature()).isSameAs(verified);
    }

    @Test
    void anUntrustedKeyOrABadSignatureGivesNoProof() throws Exception {
        RawPublicKeyCredentials trust = new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(),
                Set.of(PEER.getPublic()));
        KeyPair stranger = TestKeys.p256();
        assertThatThrownBy(() -> PublicKeyVerifier.rawPublicKey(trust, stranger.getPublic()))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("not trusted");

        PeerKeyTrusted key = PublicKeyVerifier.rawPublicKey(trust, PEER.getPublic());
        byte[] byStranger = JcaEcdsa.signer(stranger.getPrivate()).sign(new byte[] {7});
        assertThatThrownBy(() -> PublicKeyVerifier.signature(key, JcaEcdsa.verifier(key.key()), new byte[] {7}, byStranger))
                .isInstanceOf(AuthenticationFailedException.class);
    }
}
