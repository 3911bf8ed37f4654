package io.coaps4j.dtls.config;

import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PreSharedKeys;
import io.coaps4j.dtls.credentials.PskStore;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.credentials.TestKeys;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.security.KeyPair;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DtlsConfigTest {
    private static DtlsConfig.Builder valid() {
        return DtlsConfig.builder().pskStore(InMemoryPskStore.builder().add("id", new byte[16]).build());
    }

    @Test
    void defaultsAreSecureAndInteroperable() {
        DtlsConfig config = valid().build();
        assertThat(config.cipherSuites()).containsExactly(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
        assertThat(config.extendedMasterSecret()).isEqualTo(ExtendedMasterSecretMode.ENABLED);
        assertThat(config.retransmission()).isEqualTo(RetransmissionPolicy.DEFAULT);
        assertThat(config.retransmission().initialTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.retransmission().maxTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxDatagramSize()).isEqualTo(1232);
        assertThat(config.pskIdentityHint()).isEmpty();
        assertThat(config.idleTimeout()).as("sessions kept up long (oneM2M TS-0008)").isEqualTo(Duration.ofHours(24));
        assertThat(valid().idleTimeout(Duration.ofSeconds(1)).build().idleTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void buildNamesTheWrongField() {
        assertThatThrownBy(() -> DtlsConfig.builder().build()).hasMessageContaining("pskStore");
        assertThatThrownBy(() -> valid().cipherSuites(List.of()).build()).hasMessageContaining("cipherSuites");
        assertThatThrownBy(() -> valid().cipherSuites(List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)).build())
                .as("the suite needs credentials of its mode").hasMessageContaining("ECDHE_ECDSA");
        assertThatThrownBy(() -> valid().cipherSuites(List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
                CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)).build()).hasMessageContaining("repeat");
        assertThatThrownBy(() -> valid().maxDatagramSize(63).build()).hasMessageContaining("maxDatagramSize");
        assertThatThrownBy(() -> valid().maxConcurrentHandshakes(0).build()).hasMessageContaining("maxConcurrentHandshakes");
        assertThatThrownBy(() -> valid().maxConcurrentHandshakes(10).maxConnections(5).build())
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> valid().cookieRotationPeriod(Duration.ofMillis(10)).build())
                .hasMessageContaining("cookieRotationPeriod");
        assertThatThrownBy(() -> valid().idleTimeout(Duration.ofMillis(999)).build()).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> valid().maxHandshakeMessageLength(10).build()).hasMessageContaining("maxHandshakeMessageLength");
        assertThatThrownBy(() -> valid().maxBufferedHandshakeBytes(300).build()).hasMessageContaining("maxBufferedHandshakeBytes");
        assertThatThrownBy(() -> valid().pskIdentityHint("").build()).hasMessageContaining("pskIdentityHint");
        assertThatThrownBy(() -> valid().extendedMasterSecret(null).build()).hasMessageContaining("extendedMasterSecret");
        assertThatThrownBy(() -> valid().retransmission(null).build()).hasMessageContaining("retransmission");
    }

    @Test
    void toStringShowsSettingsButNoKeys() {
        assertThat(valid().build().toString()).contains("TLS_PSK_WITH_AES_128_CCM_8").doesNotContain("0000000000");
    }

    @Test
    void credentialsAreHeldPerModeAndThePskConveniencesFoldIntoThem() {
        PskStore store = InMemoryPskStore.builder().add("id", new byte[16]).build();
        DtlsConfig viaConvenience = DtlsConfig.builder().pskStore(store).pskIdentityHint("hint").build();
        DtlsConfig viaCredentials = DtlsConfig.builder().credentials(new PreSharedKeys(store, Optional.of("hint"))).build();

        for (DtlsConfig config : List.of(viaConvenience, viaCredentials)) {
            assertThat(config.credentials()).singleElement().isEqualTo(new PreSharedKeys(store, Optional.of("hint")));
            assertThat(config.credentials(SecurityMode.PRE_SHARED_KEY)).isPresent();
            assertThat(config.credentials(SecurityMode.RAW_PUBLIC_KEY)).isEmpty();
            assertThat(config.pskStore()).containsSame(store);
            assertThat(config.pskIdentityHint()).contains("hint");
            assertThat(config.holdsCredentialsFor(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)).isTrue();
            assertThat(config.holdsCredentialsFor(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)).isFalse();
        }
        assertThat(viaCredentials.toString()).contains("PreSharedKey");
    }

    @Test
    void conflictingOrDoubledPskCredentialsAreRefused() {
        PskStore store = InMemoryPskStore.builder().add("id", new byte[16]).build();
        assertThatThrownBy(() -> DtlsConfig.builder().pskStore(store).credentials(PreSharedKeys.of(store)).build())
                .hasMessageContaining("PreSharedKey mode twice").hasMessageContaining("conflict");
        assertThatThrownBy(() -> DtlsConfig.builder().credentials(PreSharedKeys.of(store)).pskIdentityHint("h").build())
                .hasMessageContaining("pskIdentityHint");
    }

    @Test
    void theRawPublicKeyAndCertificateModesBuildWithTheirSuiteAndSecureDefaults() {
        KeyPair own = TestKeys.p256();
        KeyPair peer = TestKeys.p256();
        RawPublicKeyCredentials rpk = new RawPublicKeyCredentials(own.getPrivate(), own.getPublic(), Set.of(peer.getPublic()));
        X509Certificate cert = TestKeys.certificate("CN=device", own, "CN=device", own.getPrivate());
        CertificateCredentials x509 = new CertificateCredentials(own.getPrivate(), List.of(cert),
                Set.of(new TrustAnchor(cert, null)));

        DtlsConfig all = valid().credentials(rpk).credentials(x509).build();
        assertThat(all.cipherSuites()).as("both mandatory suites offered when credentials exist")
                .containsExactly(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
        assertThat(all.clientAuthentication()).as("RFC 7252 9.1.3.2: mutual authentication")
                .isEqualTo(io.coaps4j.dtls.config.ClientAuthentication.NEED);
        assertThat(all.clock().getZone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(all.signer(io.coaps4j.dtls.credentials.SecurityMode.RAW_PUBLIC_KEY))
                .as("one signer per configuration, not per handshake")
                .isSameAs(all.signer(io.coaps4j.dtls.credentials.SecurityMode.RAW_PUBLIC_KEY));
        DtlsConfig certificateOnly = DtlsConfig.builder().credentials(x509).build();
        assertThat(certificateOnly.cipherSuites()).containsExactly(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
        assertThatThrownBy(() -> certificateOnly.signer(io.coaps4j.dtls.credentials.SecurityMode.RAW_PUBLIC_KEY))
                .hasMessageContaining("no RawPublicKey credentials");
        assertThatThrownBy(() -> DtlsConfig.builder().credentials(x509)
                .cipherSuites(List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)).build()).hasMessageContaining("pskStore");
    }

    @Test
    void offloadedCryptoJobsAreBounded() {
        assertThat(valid().build().maxOffloadedCryptoJobs()).isPositive();
        assertThat(valid().maxOffloadedCryptoJobs(0).build().maxOffloadedCryptoJobs()).isZero();
        assertThatThrownBy(() -> valid().maxOffloadedCryptoJobs(-1).build()).hasMessageContaining("maxOffloadedCryptoJobs");
    }
}
