package io.coaps4j.attack;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;

/** The configurations of our server that the attacks run against. */
final class Servers {
    private Servers() {
    }

    /** PSK mode with the attacker's identity and key (RFC 7252 section 9.1.3.1). */
    static DtlsConfig psk() {
        return DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add(Attacker.PSK_IDENTITY, Attacker.PSK_KEY).build())
                .build();
    }
}
