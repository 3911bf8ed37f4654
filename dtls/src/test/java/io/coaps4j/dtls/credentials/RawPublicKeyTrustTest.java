package io.coaps4j.dtls.credentials;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The RawPublicKey trust list: keys or ni identities (RFC 6920), each for a scope of peers (RFC 7252 9.1.3.2.1). */
class RawPublicKeyTrustTest {
    private static final KeyPair OWN = TestKeys.p256();
    private static final KeyPair PEER = TestKeys.p256();
    private static final KeyPair OTHER = TestKeys.p256();
    private static final InetSocketAddress GATEWAY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5684);

    private static InetSocketAddress at(String literal) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(literal), 5684);
    }

    @Test
    void aKeyTrustedWithAnyPeerIsTrustedEverywhere() throws Exception {
        RawPublicKeyCredentials trust = new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(), Set.of(PEER.getPublic()));

        assertThat(trust.trusts(PEER.getPublic())).isTrue();
        assertThat(trust.trusts(PEER.getPublic(), at("192.0.2.1"), Optional.of("any.example"))).isTrue();
        assertThat(trust.trusts(OTHER.getPublic(), at("192.0.2.1"), Optional.empty())).isFalse();
        assertThat(trust.trustedPeers()).containsExactly(PEER.getPublic());
        assertThat(trust.trustList()).extracting(TrustedPeerKey::identity)
                .containsExactly(new RawPublicKeyPrincipal(PEER.getPublic()).getName());
        assertThat(trust.identity()).isEqualTo(new RawPublicKeyPrincipal(OWN.getPublic()));
    }

    @Test
    void aScopedKeyIsTrustedOnlyForItsPeersAndNeverByTheUnscopedCheck() throws Exception {
        RawPublicKeyCredentials trust = new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(), List.of(
                TrustedPeerKey.of(PEER.getPublic()).onlyFor(PeerScope.hosts("Sensor-1.example.", "192.0.2.1")),
                TrustedPeerKey.of(OTHER.getPublic()).onlyFor(PeerScope.of(List.of(), List.of(InetAddress.getByName("2001:db8::2"))))));

        assertThat(trust.trusts(PEER.getPublic(), at("192.0.2.1"), Optional.empty())).isTrue();
        assertThat(trust.trusts(PEER.getPublic(), at("192.0.2.9"), Optional.of("sensor-1.example"))).isTrue();
        assertThat(trust.trusts(PEER.getPublic(), at("192.0.2.9"), Optional.of("sensor-2.example"))).isFalse();
        assertThat(trust.trusts(PEER.getPublic(), at("192.0.2.9"), Optional.empty())).isFalse();
        assertThat(trust.trusts(OTHER.getPublic(), at("2001:db8::2"), Optional.empty())).isTrue();
        assertThat(trust.trusts(OTHER.getPublic(), at("192.0.2.1"), Optional.empty())).isFalse();
        assertThat(trust.trusts(PEER.getPublic(), null, Optional.empty())).isFalse();
        assertThat(trust.trusts(PEER.getPublic())).isFalse();
        assertThat(trust.trustList().get(0).scope().toString()).isEqualTo("peers [sensor-1.example, 192.0.2.1]");
        assertThatThrownBy(() -> PeerScope.hosts()).hasMessageContaining("PeerScope.any()");
    }

    @Test
    void aKeyCanBeTrustedByItsNiIdentityInTheFullOrTheTruncatedForm() throws Exception {
        String full = new RawPublicKeyPrincipal(PEER.getPublic()).getName();
        String truncated = "ni:///sha-256-120;" + full.substring("ni:///sha-256;".length(), "ni:///sha-256;".length() + 20);
        RawPublicKeyCredentials byFull = new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(),
                List.of(TrustedPeerKey.ofIdentity(full)));
        RawPublicKeyCredentials byTruncated = new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(),
                List.of(TrustedPeerKey.ofIdentity(truncated).onlyFor(PeerScope.hosts("gw.example"))));

        assertThat(byFull.trusts(PEER.getPublic())).isTrue();
        assertThat(byFull.trusts(OTHER.getPublic())).isFalse();
        assertThat(byFull.trustedPeers()).isEmpty();
        assertThat(byTruncated.trusts(PEER.getPublic(), GATEWAY, Optional.of("gw.example"))).isTrue();
        assertThat(byTruncated.trusts(OTHER.getPublic(), GATEWAY, Optional.of("gw.example"))).isFalse();
    }

    @Test
    void malformedIdentitiesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> TrustedPeerKey.ofIdentity("sha-256;abc")).hasMessageContaining("not an ni URI");
        assertThatThrownBy(() -> TrustedPeerKey.ofIdentity("ni:///md5;abc")).hasMessageContaining("sha-256 or sha-256-120");
        assertThatThrownBy(() -> TrustedPeerKey.ofIdentity("ni:///sha-256;tooShort")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TrustedPeerKey.ofIdentity("ni:///sha-256;!!!")).hasMessageContaining("base64url");
    }

    @Test
    void trustingAnyKeyTakesTheInsecureFactoryAndStillOnlyP256Keys() {
        RawPublicKeyCredentials insecure = RawPublicKeyCredentials.insecureTrustingAnyKey(OWN.getPrivate(), OWN.getPublic());

        assertThat(insecure.trusts(TestKeys.p256().getPublic())).isTrue();
        assertThat(insecure.trusts(TestKeys.p256().getPublic(), GATEWAY, Optional.empty())).isTrue();
        assertThat(insecure.trusts(TestKeys.rsa().getPublic())).isFalse();
        assertThat(insecure.trusts(TestKeys.ec("secp384r1").getPublic())).isFalse();
        assertThat(insecure.isInsecureTrustingAnyKey()).isTrue();
        assertThat(insecure.trustList()).isEmpty();
        assertThat(insecure.toString()).contains("INSECURE").contains("private key hidden");
        assertThatThrownBy(() -> new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(), List.of()))
                .hasMessageContaining("at least one peer key");
        assertThat(new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(), Set.of(PEER.getPublic()))
                .isInsecureTrustingAnyKey()).isFalse();
    }

    @Test
    void theOwnPublicKeyMustBeThePrivateKeys() {
        assertThatThrownBy(() -> new RawPublicKeyCredentials(OWN.getPrivate(), PEER.getPublic(), Set.of(PEER.getPublic())))
                .hasMessageContaining("publicKey is not the public key of privateKey");
        assertThatThrownBy(() -> RawPublicKeyCredentials.insecureTrustingAnyKey(OWN.getPrivate(), PEER.getPublic()))
                .hasMessageContaining("publicKey is not the public key of privateKey");
    }
}
