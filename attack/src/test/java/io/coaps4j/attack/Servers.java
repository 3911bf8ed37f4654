package io.coaps4j.attack;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;

/** The configurations of our server that the attacks run against. */
final class Servers {
    private Servers() {
    }

    /** Our server's own key pair for the RawPublicKey mode. */
    private static final KeyPair SERVER_KEY = p256();

    /**
     * RawPublicKey mode (RFC 7250) trusting any client key, since TLS-Attacker's is its own, with client
     * authentication {@code authentication}.
     */
    static DtlsConfig rawPublicKey(ClientAuthentication authentication) {
        return DtlsConfig.builder()
                .credentials(RawPublicKeyCredentials.insecureTrustingAnyKey(SERVER_KEY.getPrivate(), SERVER_KEY.getPublic()))
                .clientAuthentication(authentication)
                .build();
    }

    /** Our own client in the RawPublicKey mode, with a key of its own, trusting only our server's key. */
    static DtlsConfig rawPublicKeyClient() {
        KeyPair client = p256();
        return DtlsConfig.builder()
                .credentials(new RawPublicKeyCredentials(client.getPrivate(), client.getPublic(),
                        Set.of(SERVER_KEY.getPublic())))
                .build();
    }

    /** A public key on secp256r1 that nobody else uses. */
    static PublicKey anyP256PublicKey() {
        return p256().getPublic();
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** PSK mode with the attacker's identity and key (RFC 7252 section 9.1.3.1). */
    static DtlsConfig psk() {
        return DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add(Attacker.PSK_IDENTITY, Attacker.PSK_KEY).build())
                .build();
    }
}
