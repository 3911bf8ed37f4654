package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.AuthenticationFailedException;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.CertificatePrincipal;
import io.coaps4j.dtls.credentials.PeerScope;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import io.coaps4j.dtls.credentials.TestKeys;
import io.coaps4j.dtls.credentials.TrustedPeerKey;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trust proofs {@link PublicKeyVerifier} issues from the credentials' checks. */
class PublicKeyTrustProofsTest {
    private static final KeyPair OWN = TestKeys.p256();
    private static final KeyPair PEER = TestKeys.p256();
    private static final KeyPair CA = TestKeys.p256();

    @Test
    void aCertificateChainToAnAnchorNamingTheServerIsAProofWithItsPrincipal() throws Exception {
        X509Certificate ca = TestKeys.certificate("CN=ca", CA, "CN=ca", CA.getPrivate());
        X509Certificate own = TestKeys.certificate("CN=own", OWN, "CN=ca", CA.getPrivate());
        X509Certificate server = TestKeys.certificate("CN=server", PEER, "CN=ca", CA.getPrivate(),
                new GeneralName(GeneralName.dNSName, "server.example"));
        CertificateCredentials trust = new CertificateCredentials(OWN.getPrivate(), List.of(own),
                Set.of(new TrustAnchor(ca, null)));
        Instant now = Instant.now();

        PeerKeyTrusted proof = PublicKeyVerifier.certificateChain(trust, List.of(server), Optional.of("server.example"), now);

        assertThat(proof.key()).isEqualTo(PEER.getPublic());
        assertThat(((CertificatePrincipal) proof.principal()).dnsNames()).containsExactly("server.example");
        assertThatThrownBy(() -> PublicKeyVerifier.certificateChain(trust, List.of(server), Optional.of("other.example"), now))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("does not name other.example");
        assertThatThrownBy(() -> PublicKeyVerifier.certificateChain(trust, List.of(server), Optional.empty(),
                now.plus(3, ChronoUnit.DAYS))).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("expired at");
    }

    @Test
    void aRawPublicKeyListedOnlyForSomePeersIsNoProofWithoutThePeer() throws Exception {
        RawPublicKeyCredentials scoped = new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(),
                List.of(TrustedPeerKey.of(PEER.getPublic()).onlyFor(PeerScope.hosts("gw.example"))));
        RawPublicKeyCredentials insecure = RawPublicKeyCredentials.insecureTrustingAnyKey(OWN.getPrivate(), OWN.getPublic());

        assertThatThrownBy(() -> PublicKeyVerifier.rawPublicKey(scoped, PEER.getPublic()))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("not trusted");
        assertThat(PublicKeyVerifier.rawPublicKey(insecure, PEER.getPublic()).principal())
                .isEqualTo(new RawPublicKeyPrincipal(PEER.getPublic()));
    }
}
