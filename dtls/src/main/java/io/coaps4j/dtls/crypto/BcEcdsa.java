package io.coaps4j.dtls.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * ECDSA with SHA-256 on secp256r1 over Bouncy Castle's lightweight API. Signatures use the deterministic
 * nonce of RFC 6979 (section 3.2, HMAC-SHA256): no randomness is needed, a weak source cannot leak the key,
 * and the same key and message give the same signature. The key's parameters are converted once per signer;
 * the engines, which keep state, are made per call so that the objects are safe on any thread.
 */
final class BcEcdsa {

    private BcEcdsa() {
    }

    /**
     * A signer with {@code key}.
     *
     * @throws IllegalArgumentException when the key is not on secp256r1
     */
    static Signer signer(PrivateKey key) {
        ECPrivateKeyParameters parameters = BcP256.privateKey(key);
        return new Signer() {
            @Override
            public SignatureAlgorithm algorithm() {
                return SignatureAlgorithm.ECDSA_SHA256;
            }

            @Override
            public byte[] sign(byte[] message) throws GeneralSecurityException {
                ECDSASigner ecdsa = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
                ecdsa.init(true, parameters);
                BigInteger[] rs = ecdsa.generateSignature(BcP256.sha256(message));
                try {
                    return StandardDSAEncoding.INSTANCE.encode(BcP256.order(), rs[0], rs[1]);
                } catch (IOException e) {
                    throw new GeneralSecurityException("could not encode the ECDSA signature", e);
                }
            }

            @Override
            public String toString() {
                return "BcEcdsa signer (RFC 6979)";
            }
        };
    }

    /**
     * A verifier of signatures by {@code key}'s holder.
     *
     * @throws IllegalArgumentException when the key is not on secp256r1
     */
    static SignatureVerifier verifier(PublicKey key) {
        ECPublicKeyParameters parameters = BcP256.publicKey(key);
        return new SignatureVerifier() {
            @Override
            public SignatureAlgorithm algorithm() {
                return SignatureAlgorithm.ECDSA_SHA256;
            }

            @Override
            public boolean verify(byte[] message, byte[] signature) {
                BigInteger[] rs = EcdsaDer.decode(signature, BcP256.order());
                if (rs == null) {
                    return false;
                }
                ECDSASigner ecdsa = new ECDSASigner();
                ecdsa.init(false, parameters);
                return ecdsa.verifySignature(BcP256.sha256(message), rs[0], rs[1]);
            }

            @Override
            public String toString() {
                return "BcEcdsa verifier";
            }
        };
    }
}
