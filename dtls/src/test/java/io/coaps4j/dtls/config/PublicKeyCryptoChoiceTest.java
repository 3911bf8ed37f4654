package io.coaps4j.dtls.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.PublicKeyCrypto;
import org.junit.jupiter.api.Test;

/** The ECDHE_ECDSA provider of a configuration: the measured faster one unless the user picks another. */
class PublicKeyCryptoChoiceTest {
    private static DtlsConfig.Builder valid() {
        return DtlsConfig.builder().pskStore(InMemoryPskStore.builder().add("id", new byte[16]).build());
    }

    @Test
    void bouncyCastleIsTheDefaultAndJcaCanBeChosen() {
        assertThat(valid().build().publicKeyCrypto()).isSameAs(PublicKeyCrypto.bouncyCastle());
        assertThat(valid().publicKeyCrypto(PublicKeyCrypto.jca()).build().publicKeyCrypto())
                .isSameAs(PublicKeyCrypto.jca());
        assertThatThrownBy(() -> valid().publicKeyCrypto(null)).hasMessageContaining("publicKeyCrypto");
    }
}
