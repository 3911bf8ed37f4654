package io.coaps4j.dtls.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** New long-term secp256r1 key pairs as JCA keys, for tools and benchmarks that must not name JCA algorithms. */
public final class P256KeyPairs {

    private P256KeyPairs() {
    }

    /** A new key pair drawn from {@code random}. */
    public static KeyPair generate(RandomSource random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new InjectedSecureRandom(random));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java platform must provide EC keys on secp256r1", e);
        }
    }
}
