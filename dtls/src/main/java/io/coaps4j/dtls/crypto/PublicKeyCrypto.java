package io.coaps4j.dtls.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The elliptic-curve operations of the ECDHE_ECDSA suites (RFC 8422) on secp256r1, from one provider: an
 * ECDSA signer for this endpoint's long-term key, a verifier for a peer's key, and a fresh ephemeral ECDH key
 * pair per handshake. The provider is chosen once per configuration (DESIGN.md "Crypto"); its objects are
 * safe to use from any thread, so a signature can run off the event loop.
 */
public interface PublicKeyCrypto {

    /**
     * A signer with {@code key}, this endpoint's long-term key; made once per configuration, so an
     * implementation may precompute for it.
     *
     * @throws IllegalArgumentException when the key is not on secp256r1
     */
    Signer signer(PrivateKey key);

    /**
     * A verifier of signatures by the holder of {@code key}.
     *
     * @throws IllegalArgumentException when the key is not on secp256r1
     */
    SignatureVerifier verifier(PublicKey key);

    /**
     * A fresh ephemeral ECDH key pair on secp256r1 drawn from {@code random} (the engine's injected source, so
     * a handshake can be replayed), for one handshake.
     */
    KeyAgreement ephemeralKeyAgreement(RandomSource random);

    /** The platform's JCA provider (SunEC on JDK 17). */
    static PublicKeyCrypto jca() {
        return JcaPublicKeyCrypto.INSTANCE;
    }

    /**
     * Bouncy Castle's lightweight P-256 (its API, not its JCA provider): the faster one on JDK 17 and 25
     * (docs/BENCHMARKS.md, "Crypto microbenchmarks"), with deterministic ECDSA signatures (RFC 6979).
     */
    static PublicKeyCrypto bouncyCastle() {
        return BcPublicKeyCrypto.INSTANCE;
    }
}
