package io.coaps4j.dtls.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;

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
        return JcaEcdhP256.generate(new InjectedSecureRandom(random));
    }

    @Override
    public String toString() {
        return "JCA";
    }
}
