package io.coaps4j.dtls.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

/** {@link PublicKeyCrypto} over the platform's JCA provider. */
enum JcaPublicKeyCrypto implements PublicKeyCrypto {
    INSTANCE;

    @Override
    public Signer signer(PrivateKey key) {
        return JcaEcdsa.signer(key);
    }

    @Override
    public SignatureVerifier verifier(PublicKey key) {
        return JcaEcdsa.verifier(key);
    }

    @Override
    public KeyAgreement ephemeralKeyAgreement(RandomSource random) {
        return JcaEcdhP256.generate(new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                random.nextBytes(bytes, 0, bytes.length);
            }
        });
    }

    @Override
    public String toString() {
        return "JCA";
    }
}
