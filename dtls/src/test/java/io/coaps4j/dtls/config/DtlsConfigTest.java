package io.coaps4j.dtls.config;

import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

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
                .hasMessageContaining("cipherSuites").hasMessageContaining("ECDHE_ECDSA");
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
}
