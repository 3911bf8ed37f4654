package io.coaps4j.dtls.crypto;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * ECDSA with SHA-256 on secp256r1 over the platform's JCA provider (DER-encoded signatures, as TLS carries
 * them, RFC 8422 section 5.4). A new {@link Signature} per call keeps the instances safe on any thread. A
 * signature is read strictly ({@code EcdsaDer}) before the provider sees it.
 */
public final class JcaEcdsa {
    private static final String ALGORITHM = "SHA256withECDSA";

    private JcaEcdsa() {
    }

    /**
     * A signer with {@code key}.
     *
     * @throws IllegalArgumentException when the key is not on secp256r1
     */
    public static Signer signer(PrivateKey key) {
        PublicKeys.requireP256(key, "key");
        return new Signer() {
            @Override
            public SignatureAlgorithm algorithm() {
                return SignatureAlgorithm.ECDSA_SHA256;
            }

            @Override
            public byte[] sign(byte[] message) throws GeneralSecurityException {
                Signature signature = Signature.getInstance(ALGORITHM);
                signature.initSign(key);
                signature.update(message);
                return signature.sign();
            }
        };
    }

    /**
     * A verifier of signatures by {@code key}'s holder.
     *
     * @throws IllegalArgumentException when the key is not on secp256r1
     */
    public static SignatureVerifier verifier(PublicKey key) {
        PublicKeys.requireP256(key, "key");
        return new SignatureVerifier() {
            @Override
            public SignatureAlgorithm algorithm() {
                return SignatureAlgorithm.ECDSA_SHA256;
            }

            @Override
            public boolean verify(byte[] message, byte[] signature) throws GeneralSecurityException {
                if (EcdsaDer.decode(signature, PublicKeys.P256_ORDER) == null) {
                    return false; // not strict DER or r, s outside [1, n-1]: refused before the provider reads it
                }
                Signature check = Signature.getInstance(ALGORITHM);
                check.initVerify(key);
                check.update(message);
                try {
                    return check.verify(signature);
                } catch (SignatureException malformed) {
                    return false;
                }
            }
        };
    }
}
