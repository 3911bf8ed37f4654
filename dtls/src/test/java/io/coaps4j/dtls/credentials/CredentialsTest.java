package io.coaps4j.dtls.credentials;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTest {
    private static final KeyPair OWN = TestKeys.p256();
    private static final KeyPair PEER = TestKeys.p256();
    private static final KeyPair CA = TestKeys.p256();

    @Test
    void eachKindNamesItsModeAndEveryModeIsImplemented() {
        PreSharedKeys psk = PreSharedKeys.of(InMemoryPskStore.builder().add("id", new byte[16]).build());
        RawPublicKeyCredentials rpk = new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(),
                Set.of(PEER.getPublic()));
        assertThat(psk.mode()).isEqualTo(SecurityMode.PRE_SHARED_KEY);
        assertThat(rpk.mode()).isEqualTo(SecurityMode.RAW_PUBLIC_KEY);
        assertThat(SecurityMode.PRE_SHARED_KEY.implemented()).isTrue();
        assertThat(SecurityMode.RAW_PUBLIC_KEY.implemented()).isTrue();
        assertThat(SecurityMode.CERTIFICATE.implemented()).isTrue();
        assertThat(SecurityMode.RAW_PUBLIC_KEY.rfcName()).isEqualTo("RawPublicKey");
    }

    @Test
    void rawPublicKeyCredentialsWantP256KeysAndSomeoneToTrust() {
        assertThatThrownBy(() -> new RawPublicKeyCredentials(TestKeys.rsa().getPrivate(), OWN.getPublic(),
                Set.of(PEER.getPublic()))).hasMessageContaining("privateKey").hasMessageContaining("secp256r1");
        KeyPair p384 = TestKeys.ec("secp384r1");
        assertThatThrownBy(() -> new RawPublicKeyCredentials(p384.getPrivate(), p384.getPublic(),
                Set.of(PEER.getPublic()))).hasMessageContaining("privateKey");
        assertThatThrownBy(() -> new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(), Set.of()))
                .hasMessageContaining("trustedPeers");
        RawPublicKeyCredentials valid = new RawPublicKeyCredentials(OWN.getPrivate(), OWN.getPublic(),
                Set.of(PEER.getPublic()));
        assertThat(valid.trusts(PEER.getPublic())).isTrue();
        assertThat(valid.trusts(OWN.getPublic())).isFalse();
        assertThat(valid.toString()).contains("ni:///sha-256;").contains("private key hidden");
    }

    @Test
    void certificateCredentialsWantAnOrderedChainAndTrustAnchors() {
        X509Certificate caCert = TestKeys.certificate("CN=ca", CA, "CN=ca", CA.getPrivate());
        X509Certificate own = TestKeys.certificate("CN=device", OWN, "CN=ca", CA.getPrivate());
        Set<TrustAnchor> anchors = Set.of(new TrustAnchor(caCert, null));

        CertificateCredentials valid = new CertificateCredentials(OWN.getPrivate(), List.of(own, caCert), anchors);
        assertThat(valid.mode()).isEqualTo(SecurityMode.CERTIFICATE);
        assertThat(valid.toString()).contains("CN=device").doesNotContain(OWN.getPrivate().toString());
        assertThatThrownBy(() -> new CertificateCredentials(OWN.getPrivate(), List.of(), anchors))
                .hasMessageContaining("chain");
        assertThatThrownBy(() -> new CertificateCredentials(OWN.getPrivate(), List.of(caCert, own), anchors))
                .hasMessageContaining("chain[1] must be the issuer of chain[0]");
        assertThatThrownBy(() -> new CertificateCredentials(OWN.getPrivate(), List.of(own), Set.of()))
                .hasMessageContaining("trustAnchors");
    }

    @Test
    void certificatePrincipalIsTheSubjectWithItsUriAndDnsNames() {
        X509Certificate cert = TestKeys.certificate("CN=device-7,O=Example", OWN, "CN=ca", CA.getPrivate(),
                new GeneralName(GeneralName.uniformResourceIdentifier, "coaps://device-7.example"),
                new GeneralName(GeneralName.dNSName, "device-7.example"),
                new GeneralName(GeneralName.rfc822Name, "ops@example.org"));

        CertificatePrincipal principal = CertificatePrincipal.of(cert);

        assertThat(principal.getName()).isEqualTo(cert.getSubjectX500Principal().getName()).contains("CN=device-7")
                .contains("O=Example");
        assertThat(principal.uris()).containsExactly("coaps://device-7.example");
        assertThat(principal.dnsNames()).containsExactly("device-7.example");
        assertThat(principal).isEqualTo(CertificatePrincipal.of(cert));
        assertThat(CertificatePrincipal.of(TestKeys.certificate("CN=bare", OWN, "CN=ca", CA.getPrivate())).uris()).isEmpty();
    }

    @Test
    void preSharedKeysCheckTheIdentityHint() {
        PskStore store = InMemoryPskStore.builder().add("id", new byte[16]).build();
        assertThat(new PreSharedKeys(store, Optional.of("hint")).identityHint()).contains("hint");
        assertThatThrownBy(() -> new PreSharedKeys(store, Optional.of(""))).hasMessageContaining("pskIdentityHint");
    }
}
