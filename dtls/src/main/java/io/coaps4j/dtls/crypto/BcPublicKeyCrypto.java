package io.coaps4j.dtls.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * {@link PublicKeyCrypto} over Bouncy Castle's lightweight API (not its JCA provider): P-256 with dedicated
 * field arithmetic and a precomputed fixed-base comb, several times faster than SunEC on JDK 17
 * (docs/BENCHMARKS.md, "Crypto microbenchmarks").
 */
enum BcPublicKeyCrypto implements PublicKeyCrypto {
    INSTANCE;

    @Override
    public Signer signer(PrivateKey key) {
        return BcEcdsa.signer(key);
    }

    @Override
    public SignatureVerifier verifier(PublicKey key) {
        return BcEcdsa.verifier(key);
    }

    @Override
    public KeyAgreement ephemeralKeyAgreement(RandomSource random) {
        return BcEcdhP256.generate(new InjectedSecureRandom(random));
    }

    @Override
    public String toString() {
        return "Bouncy Castle";
    }
}
